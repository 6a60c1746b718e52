package org.hashbridge.node.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.hashbridge.node.DocumentScope;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Hash32;

/**
 * A consent a resident granted on this node; the chain holds only its commitment and status. The row is
 * stored before the commitment is sent, and its status says what the chain holds: nothing yet
 * (PENDING, FAILED), the commitment (AUTHORISED, REVOKING) or its revocation (REVOKED).
 */
@Entity
class Consent {

    @Id
    private UUID id;
    @Column(name = "subject_id")
    private String subjectId;
    @Column(name = "subject_ref")
    private String subjectRef;
    private String issuer;
    private String verifier;
    @Column(name = "document_type")
    private String documentType;
    private String purpose;
    @Column(name = "issued_at")
    private Instant issuedAt;
    @Column(name = "valid_until")
    private Instant validUntil;
    private String salt;
    private String commitment;
    private String token;
    @Enumerated(EnumType.STRING)
    private ConsentStatus status;
    @Column(name = "chain_id")
    private Long chainId;
    private String registry;
    @Column(name = "tx_hash")
    private String txHash;
    @Column(name = "block_number")
    private Long blockNumber;
    @Column(name = "authorised_at")
    private Instant authorisedAt;
    @Column(name = "failure_reason")
    private String failureReason;
    @Column(name = "lease_until")
    private Instant leaseUntil;
    @Column(name = "revoked_at")
    private Instant revokedAt;
    @Column(name = "lost_at")
    private Instant lostAt;
    @Column(name = "rewritten_at")
    private Instant rewrittenAt;
    @Column(name = "approval_deadline")
    private Instant approvalDeadline;
    private String revocation;
    @Version
    private long version;

    protected Consent() {
    }

    /**
     * A consent stored before its commitment is sent to the chain: {@link ConsentStatus#PENDING}, its
     * recording leased to the one who stores it until {@code leaseUntil}.
     */
    Consent(String subjectId, ConsentToken token, Instant leaseUntil) {
        ConsentRecord record = token.record();
        this.id = UUID.fromString(record.consentId());
        this.subjectId = subjectId;
        this.subjectRef = record.subject();
        this.issuer = record.issuer();
        this.verifier = record.verifier();
        this.documentType = record.documentType();
        this.purpose = record.purpose();
        this.issuedAt = Instant.ofEpochSecond(record.issuedAt());
        this.validUntil = record.validUntilInstant();
        this.salt = token.salt();
        this.commitment = token.commitment().hex();
        this.token = token.encode();
        this.status = ConsentStatus.PENDING;
        this.leaseUntil = leaseUntil;
    }

    /**
     * A consent of a resident with a bound key: {@link ConsentStatus#AWAITING_APPROVAL} until {@code deadline}, nothing
     * on chain until the resident approves it ({@link #approved}).
     */
    static Consent awaitingApproval(String subjectId, ConsentToken token, Instant deadline) {
        Consent consent = new Consent(subjectId, token, null);
        consent.status = ConsentStatus.AWAITING_APPROVAL;
        consent.approvalDeadline = deadline;
        return consent;
    }

    /**
     * The resident approved it: its token carries the approval from now on, and it is recorded on chain (PENDING),
     * leased to the one who approved it until {@code leaseUntil}.
     *
     * @throws ConsentRefused {@code CONSENT_NOT_AWAITING_APPROVAL} unless it waits for an approval,
     *                        {@code APPROVAL_WINDOW_CLOSED} once its deadline passed
     */
    void approved(ConsentToken approvedToken, Instant now, Instant leaseUntil) {
        if (status != ConsentStatus.AWAITING_APPROVAL) {
            throw ConsentRefused.notAwaitingApproval(id, status);
        }
        if (!now.isBefore(approvalDeadline)) {
            throw ConsentRefused.approvalWindowClosed(id);
        }
        if (!approvedToken.commitment().equals(commitment())) {
            throw new IllegalStateException("an approval does not change what consent " + id + " commits to");
        }
        token = approvedToken.encode();
        status = ConsentStatus.PENDING;
        this.leaseUntil = leaseUntil;
    }

    /** Its approval deadline passed without an approval: it never goes on chain. */
    void unapproved() {
        require(ConsentStatus.AWAITING_APPROVAL, "left unapproved");
        status = ConsentStatus.UNAPPROVED;
    }

    /** True once an AWAITING_APPROVAL consent can no longer be approved. */
    boolean approvalLapsedAt(Instant now) {
        return status == ConsentStatus.AWAITING_APPROVAL && !now.isBefore(approvalDeadline);
    }

    /** The commitment is on chain {@code chainId}, in {@code registry}, recorded by {@code write}. */
    void authorised(long chainId, String registry, ChainWrite write) {
        require(ConsentStatus.PENDING, "authorised");
        status = ConsentStatus.AUTHORISED;
        this.chainId = chainId;
        this.registry = registry;
        txHash = write.txHash();
        blockNumber = write.blockNumber();
        leaseUntil = null;
        if (authorisedAt == null) {
            authorisedAt = write.blockTime();
        }
        if (lostAt != null) {
            lostAt = null;
            rewrittenAt = write.blockTime();
        }
    }

    /** The registry refused to record it for good (the reason is its error); the token is worth nothing. */
    void failed(String reason) {
        require(ConsentStatus.PENDING, "failed");
        if (authorisedAt != null) {
            throw new IllegalStateException("consent " + id + " was on chain before; it is written again, never failed");
        }
        status = ConsentStatus.FAILED;
        failureReason = reason;
        leaseUntil = null;
    }

    /**
     * It reached its end before the chain recorded it: it never will, the registry records no consent past its
     * end. One that was never on chain fails; one the chain lost, to be recorded (and revoked) again, goes back to
     * what it was, AUTHORISED or REVOKED as of {@code at}, and stays {@linkplain #lostForGood() lost for good}.
     */
    void endedOffChain(Instant at) {
        if (status == ConsentStatus.PENDING && lostAt == null) {
            status = ConsentStatus.FAILED;
            failureReason = "Expired";
        } else if (status == ConsentStatus.PENDING) {
            status = ConsentStatus.AUTHORISED;
        } else if (status == ConsentStatus.REVOKING && lostAt != null) {
            status = ConsentStatus.REVOKED;
            revokedAt = revokedAt == null ? at : revokedAt;
        } else {
            throw new IllegalStateException("consent " + id + " has no write left to give up: it is " + status);
        }
        leaseUntil = null;
    }

    /**
     * The resident asks to revoke it: {@link ConsentStatus#REVOKING} until the chain has the revocation,
     * leased to the one who asked until {@code leaseUntil}.
     *
     * @throws ConsentRefused when it is revoked or being revoked already, or not on chain (pending or failed)
     */
    void requestRevocation(Instant leaseUntil) {
        switch (status) {
            case AWAITING_APPROVAL, UNAPPROVED -> throw ConsentRefused.notOnChain(id, status);
            case REVOKED, REVOKING -> throw ConsentRefused.alreadyRevoked(id);
            case PENDING -> throw ConsentRefused.pending(id);
            case FAILED -> throw ConsentRefused.failed(id, failureReason);
            case AUTHORISED -> {
                status = ConsentStatus.REVOKING;
                this.leaseUntil = leaseUntil;
            }
        }
    }

    /**
     * The resident revoked it with their own key: kept with the consent, then revoked as {@link #requestRevocation} does.
     *
     * @param revocationJson the resident's approval over the revocation challenge, already checked
     */
    void requestSignedRevocation(String revocationJson, Instant leaseUntil) {
        requestRevocation(leaseUntil);
        revocation = revocationJson;
    }

    /** The revocation is on chain (or nothing on chain honours the commitment any more), as of {@code at}. */
    void revoked(Instant at) {
        require(ConsentStatus.REVOKING, "revoked");
        status = ConsentStatus.REVOKED;
        revokedAt = at;
        leaseUntil = null;
        if (lostAt != null) {
            lostAt = null;
            rewrittenAt = at;
        }
    }

    /**
     * The chain lost the commitment: an authorised consent is recorded again (PENDING until then), a revoked
     * one is recorded and revoked again (REVOKING until then).
     */
    void lost(Instant at) {
        if (status != ConsentStatus.AUTHORISED && status != ConsentStatus.REVOKED) {
            throw new IllegalStateException("only a consent that was on chain can be lost, " + id + " is " + status);
        }
        status = status == ConsentStatus.AUTHORISED ? ConsentStatus.PENDING : ConsentStatus.REVOKING;
        lostAt = at;
    }

    /**
     * The chain lost the commitment after the consent's end: the registry records no consent past its end, so it
     * cannot be written again (nor can the accesses made under it). It stays AUTHORISED or REVOKED here.
     */
    void lostPastItsEnd(Instant at) {
        if (status != ConsentStatus.AUTHORISED && status != ConsentStatus.REVOKED) {
            throw new IllegalStateException("only a consent that was on chain can be lost, " + id + " is " + status);
        }
        lostAt = at;
    }

    /**
     * A revoked consent the chain lost is on chain again, recorded by {@code write} on chain {@code chainId}, in
     * {@code registry}; its revocation follows.
     */
    void recordedAgain(long chainId, String registry, ChainWrite write) {
        require(ConsentStatus.REVOKING, "recorded again");
        if (lostAt == null) {
            throw new IllegalStateException("consent " + id + " was not lost by the chain");
        }
        this.chainId = chainId;
        this.registry = registry;
        txHash = write.txHash();
        blockNumber = write.blockNumber();
    }

    /** True while the chain does not hold what it held of this consent before it lost its state. */
    boolean lostByChain() {
        return lostAt != null;
    }

    /** True when the chain lost it and it cannot be written again: its end had passed. */
    boolean lostForGood() {
        return lostAt != null && (status == ConsentStatus.AUTHORISED || status == ConsentStatus.REVOKED);
    }

    /** This instance sends its pending write until {@code until}. */
    void lease(Instant until) {
        leaseUntil = until;
    }

    /** The attempt ended without the write on chain; the next round tries again. */
    void released() {
        leaseUntil = null;
    }

    /** True when the commitment was on chain once: recording it again is never given up. */
    boolean wasAuthorised() {
        return authorisedAt != null;
    }

    private void require(ConsentStatus expected, String what) {
        if (status != expected) {
            throw new IllegalStateException("consent " + id + " cannot be " + what + ": it is " + status);
        }
    }

    boolean expiredAt(Instant now) {
        return !now.isBefore(validUntil);
    }

    UUID id() {
        return id;
    }

    String subjectId() {
        return subjectId;
    }

    String issuer() {
        return issuer;
    }

    String verifier() {
        return verifier;
    }

    String documentType() {
        return documentType;
    }

    String purpose() {
        return purpose;
    }

    Instant issuedAt() {
        return issuedAt;
    }

    Instant validUntil() {
        return validUntil;
    }

    ConsentStatus status() {
        return status;
    }

    /** The issuer, document type and subject reference a document must share with it to verify. */
    DocumentScope scope() {
        return new DocumentScope(issuer, documentType, subjectRef);
    }

    Hash32 commitment() {
        return Hash32.fromHex(commitment);
    }

    String token() {
        return token;
    }

    Optional<Instant> revokedAt() {
        return Optional.ofNullable(revokedAt);
    }

    Optional<String> failureReason() {
        return Optional.ofNullable(failureReason);
    }

    Optional<Instant> approvalDeadline() {
        return Optional.ofNullable(approvalDeadline);
    }

    /** The resident's signed revocation, as JSON, once given. */
    Optional<String> revocation() {
        return Optional.ofNullable(revocation);
    }

    Optional<String> txHash() {
        return Optional.ofNullable(txHash);
    }

    Optional<Long> chainId() {
        return Optional.ofNullable(chainId);
    }

    Optional<String> registry() {
        return Optional.ofNullable(registry);
    }

    Optional<Instant> authorisedAt() {
        return Optional.ofNullable(authorisedAt);
    }

    Optional<Long> blockNumber() {
        return Optional.ofNullable(blockNumber);
    }
}
