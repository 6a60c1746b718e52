package org.hashbridge.node.anchoring;

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

/**
 * One Merkle root of one issuer's submissions: its members and root are fixed when it is formed, before
 * anything is sent, so every attempt to anchor it sends the same root and the registry's
 * {@code RootAlreadyAnchored} tells that an earlier attempt got through.
 */
@Entity
@Table(name = "anchor_batch")
class AnchorBatch {

    enum Status {
        /** formed; anchorRoot is (re-)sent until its RootAnchored event is on chain. */
        SENDING,
        /** its root is on chain and its members have their vouchers. */
        ANCHORED
    }

    private static final int MAX_ERROR = 200;

    @Id
    private UUID id;
    private String issuer;
    private String root;
    @Column(name = "leaf_count")
    private int leafCount;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "created_at")
    private Instant createdAt;
    private int attempts;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "lease_until")
    private Instant leaseUntil;
    @Column(name = "chain_id")
    private Long chainId;
    private String registry;
    @Column(name = "tx_hash")
    private String txHash;
    @Column(name = "block_number")
    private Long blockNumber;
    @Column(name = "anchored_at")
    private Instant anchoredAt;
    @Column(name = "lost_at")
    private Instant lostAt;
    @Column(name = "rewritten_at")
    private Instant rewrittenAt;
    @Version
    private long version;

    protected AnchorBatch() {
    }

    AnchorBatch(UUID id, String issuer, Hash32 root, int leafCount, Instant createdAt) {
        if (leafCount < 1) {
            throw new IllegalArgumentException("a batch has at least one leaf");
        }
        this.id = id;
        this.issuer = issuer;
        this.root = root.hex();
        this.leafCount = leafCount;
        this.status = Status.SENDING;
        this.createdAt = createdAt;
    }

    /** This instance sends the batch until {@code until}; others leave it alone meanwhile. */
    void lease(Instant until) {
        requireSending("leased");
        leaseUntil = until;
        attempts++;
    }

    /** The attempt ended without the root on chain: the next round (of any instance) tries again. */
    void postponed(String why) {
        requireSending("postponed");
        leaseUntil = null;
        lastError = why == null || why.length() <= MAX_ERROR ? why : why.substring(0, MAX_ERROR);
    }

    /** The root is on chain {@code chainId}, in {@code registry}, written by {@code write}. */
    void anchored(long chainId, String registry, ChainWrite write) {
        requireSending("anchored");
        status = Status.ANCHORED;
        this.chainId = chainId;
        this.registry = registry;
        txHash = write.txHash();
        blockNumber = write.blockNumber();
        anchoredAt = write.blockTime();
        leaseUntil = null;
        lastError = null;
        if (lostAt != null) {
            lostAt = null;
            rewrittenAt = write.blockTime();
        }
    }

    /** The chain no longer holds this root: it is sent again, the same root, so issued vouchers hold again. */
    void lost(Instant at) {
        if (status != Status.ANCHORED) {
            throw new IllegalStateException("only an anchored batch can be lost, batch " + id + " is " + status);
        }
        status = Status.SENDING;
        lostAt = at;
    }

    private void requireSending(String what) {
        if (status != Status.SENDING) {
            throw new IllegalStateException("batch " + id + " cannot be " + what + ": it is " + status);
        }
    }

    UUID id() {
        return id;
    }

    String issuer() {
        return issuer;
    }

    Hash32 root() {
        return Hash32.fromHex(root);
    }

    int leafCount() {
        return leafCount;
    }

    /** When the batch was formed from its pending submissions. */
    Instant createdAt() {
        return createdAt;
    }

    Status status() {
        return status;
    }

    int attempts() {
        return attempts;
    }

    Optional<Long> blockNumber() {
        return Optional.ofNullable(blockNumber);
    }

    Optional<Instant> lostAt() {
        return Optional.ofNullable(lostAt);
    }

    /** Why the last attempt ended without the root on chain, or why the batch is held back. */
    Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }
}
