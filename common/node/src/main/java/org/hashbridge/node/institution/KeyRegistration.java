package org.hashbridge.node.institution;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.ResidentApproval;
import org.hashbridge.protocol.ResidentKey;

/**
 * A key a resident (or, for a lost key, their operator) asked to bind to the resident's binding, stored before its
 * chain write is sent: the resident key outbox. A first key is bound ({@link How#BIND}), a later one replaces the bound
 * key with its approval ({@link How#REPLACE}); a recovery is started, waits for the registry's delay and is completed
 * ({@link How#RECOVERY}). Its status says what the chain holds: nothing yet (PENDING, COMPLETING), a started recovery
 * (RECOVERING), the key (BOUND), or nothing ever (FAILED, CANCELLED).
 */
@Entity
@Table(name = "resident_key_registration")
class KeyRegistration {

    enum How { BIND, REPLACE, RECOVERY }

    enum Status {
        /** stored; its write (bind, replace, start a recovery) is being sent. */
        PENDING,
        /** a recovery started on chain, waiting until it may complete. */
        RECOVERING,
        /** a due recovery's completion is being sent. */
        COMPLETING,
        /** the key is bound on chain. */
        BOUND,
        /** the registry refused the write (see the failure reason); nothing is bound. */
        FAILED,
        /** a recovery the resident cancelled or overtook with a replacement. */
        CANCELLED
    }

    @Id
    private UUID id;
    @Column(name = "subject_id")
    private String subjectId;
    private String binding;
    @Column(name = "key_hash")
    private String keyHash;
    @Column(name = "key_jwk")
    private String keyJwk;
    @Enumerated(EnumType.STRING)
    private How how;
    @Enumerated(EnumType.STRING)
    private Status status;
    private String replacement;
    @Column(name = "requested_at")
    private Instant requestedAt;
    @Column(name = "recoverable_at")
    private Instant recoverableAt;
    @Column(name = "chain_id")
    private Long chainId;
    private String registry;
    @Column(name = "tx_hash")
    private String txHash;
    @Column(name = "block_number")
    private Long blockNumber;
    @Column(name = "bound_at")
    private Instant boundAt;
    @Column(name = "failure_reason")
    private String failureReason;
    @Column(name = "lease_until")
    private Instant leaseUntil;
    @Version
    private long version;

    protected KeyRegistration() {
    }

    /**
     * @param replacement the bound key's approval of the replacement, for {@link How#REPLACE} only
     * @param leaseUntil  the one who stores it sends its write until then
     */
    KeyRegistration(String subjectId, Hash32 binding, ResidentKey key, How how, ResidentApproval replacement,
                    Instant requestedAt, Instant leaseUntil) {
        if ((how == How.REPLACE) != (replacement != null)) {
            throw new IllegalArgumentException("a replacement, and only a replacement, carries the bound key's approval");
        }
        this.id = UUID.randomUUID();
        this.subjectId = subjectId;
        this.binding = binding.hex();
        this.keyHash = key.hash().hex();
        this.keyJwk = key.toJson();
        this.how = how;
        this.status = Status.PENDING;
        this.replacement = replacement == null ? null : replacement.toJson();
        this.requestedAt = requestedAt;
        this.leaseUntil = leaseUntil;
    }

    /** The key is bound on chain {@code chainId}, in {@code registry}, by {@code write} (unknown when an earlier attempt got through). */
    void bound(long chainId, String registry, Optional<ChainWrite> write, Instant at) {
        if (status != Status.PENDING && status != Status.COMPLETING) {
            throw new IllegalStateException("key registration " + id + " cannot be bound: it is " + status);
        }
        status = Status.BOUND;
        this.chainId = chainId;
        this.registry = registry;
        txHash = write.map(ChainWrite::txHash).orElse(null);
        blockNumber = write.map(ChainWrite::blockNumber).orElse(null);
        boundAt = write.map(ChainWrite::blockTime).orElse(at);
        leaseUntil = null;
    }

    /** The registry started the recovery: it may complete from {@code recoverableAt}. */
    void recoveryStarted(Instant recoverableAt) {
        require(Status.PENDING, How.RECOVERY, "started");
        status = Status.RECOVERING;
        this.recoverableAt = recoverableAt;
        leaseUntil = null;
    }

    /** The operator asks to complete the recovery: its completion is sent, leased until {@code leaseUntil}. */
    void completionRequested(Instant leaseUntil) {
        require(Status.RECOVERING, How.RECOVERY, "completed");
        status = Status.COMPLETING;
        failureReason = null;
        this.leaseUntil = leaseUntil;
    }

    /** The registry says the recovery is not due yet: it waits again. */
    void notDue() {
        require(Status.COMPLETING, How.RECOVERY, "put back");
        status = Status.RECOVERING;
        failureReason = "RecoveryNotDue";
        leaseUntil = null;
    }

    /** The registry refused the write for good. */
    void failed(String reason) {
        if (status != Status.PENDING && status != Status.COMPLETING) {
            throw new IllegalStateException("key registration " + id + " cannot fail: it is " + status);
        }
        status = Status.FAILED;
        failureReason = reason;
        leaseUntil = null;
    }

    /** The recovery is no longer pending on chain (cancelled by the resident's key, or overtaken by a replacement). */
    void cancelled() {
        if (status != Status.RECOVERING && status != Status.COMPLETING) {
            throw new IllegalStateException("key registration " + id + " cannot be cancelled: it is " + status);
        }
        status = Status.CANCELLED;
        leaseUntil = null;
    }

    void lease(Instant until) {
        leaseUntil = until;
    }

    void released() {
        leaseUntil = null;
    }

    private void require(Status expected, How kind, String what) {
        if (status != expected || how != kind) {
            throw new IllegalStateException("key registration " + id + " cannot be " + what + ": it is " + how + " " + status);
        }
    }

    UUID id() {
        return id;
    }

    String subjectId() {
        return subjectId;
    }

    Hash32 binding() {
        return Hash32.fromHex(binding);
    }

    Hash32 keyHash() {
        return Hash32.fromHex(keyHash);
    }

    ResidentKey key() {
        return ResidentKey.fromJson(keyJwk);
    }

    How how() {
        return how;
    }

    Status status() {
        return status;
    }

    Optional<ResidentApproval> replacement() {
        return Optional.ofNullable(replacement).map(ResidentApproval::fromJson);
    }

    Optional<Instant> recoverableAt() {
        return Optional.ofNullable(recoverableAt);
    }

    ResidentKeyView.Registration view() {
        return new ResidentKeyView.Registration(keyHash, how.name(), status.name(), requestedAt,
                Optional.ofNullable(failureReason), Optional.ofNullable(txHash));
    }
}
