package org.hashbridge.node.verification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.CheckType;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.Receipt;

/**
 * A verification this node answered and the receipt it signed. Its access to the consent is then
 * recorded on chain by {@link AccessRecorder}, for the resident's home node to list.
 */
@Entity
class Verification {

    /**
     * PENDING until the access is on chain; RECORDED once it is; SKIPPED when it can never be: its consent is not
     * on chain and cannot come there any more (or holds all the accesses it takes). An access the chain lost is
     * PENDING again until it is recorded again, or SKIPPED when its consent cannot be recorded again.
     */
    enum AccessStatus { PENDING, RECORDED, SKIPPED }

    /**
     * The codes of a {@code CONSENT} check that did not find the consent: not on chain, or refused at the token before
     * the chain was read. Any other code was given with the consent read on chain, or without the chain read at all.
     */
    private static final Set<String> CONSENT_NOT_FOUND = Set.of("CONSENT_NOT_FOUND", "CONSENT_OTHER_VERIFIER",
            "CONSENT_SCOPE_MISMATCH");

    @Id
    private UUID id;
    private String verifier;
    private String algorithm;
    private String digest;
    private String issuer;
    @Column(name = "document_type")
    private String documentType;
    private String root;
    private String leaf;
    @Column(name = "consent_commitment")
    private String consentCommitment;
    private String verdict;
    private String checks;
    private String receipt;
    @Column(name = "verified_at")
    private Instant verifiedAt;
    @Column(name = "access_status")
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private AccessStatus accessStatus;
    @Column(name = "access_tx")
    private String accessTx;
    @Column(name = "access_block")
    private Long accessBlock;
    @Column(name = "access_lease_until")
    private Instant accessLeaseUntil;
    @Column(name = "access_chain_id")
    private Long accessChainId;
    @Column(name = "access_registry")
    private String accessRegistry;
    @Column(name = "access_lost_at")
    private Instant accessLostAt;
    @Column(name = "access_rewritten_at")
    private Instant accessRewrittenAt;
    @Column(name = "consent_valid_until")
    private Instant consentValidUntil;
    @Column(name = "consent_check")
    private String consentCheck;
    @Version
    private long version;

    protected Verification() {
    }

    /**
     * @param checksJson        the checks as JSON, stored as answered
     * @param consentValidUntil the end of the consent the bank presented, as its token says
     */
    Verification(Receipt receipt, String signedReceipt, String checksJson, Instant verifiedAt, Instant consentValidUntil) {
        this.id = UUID.fromString(receipt.verificationId());
        this.verifier = receipt.verifier();
        this.algorithm = receipt.algorithm();
        this.digest = receipt.digest();
        this.issuer = receipt.issuer();
        this.documentType = receipt.documentType();
        this.root = receipt.root();
        this.leaf = receipt.leaf();
        this.consentCommitment = receipt.consent();
        this.verdict = receipt.verdict();
        this.checks = checksJson;
        this.receipt = signedReceipt;
        this.verifiedAt = verifiedAt;
        this.accessStatus = AccessStatus.PENDING;
        this.consentValidUntil = consentValidUntil;
        this.consentCheck = receipt.checks().stream().filter(check -> check.type() == CheckType.CONSENT)
                .map(Check::code).findFirst().orElse(null);
    }

    /** The access is on chain {@code chainId}, in {@code registry}, recorded by {@code write}. */
    void accessRecorded(long chainId, String registry, ChainWrite write) {
        recorded(chainId, registry, write.txHash(), write.blockNumber(), write.blockTime());
    }

    /**
     * The access is on chain {@code chainId}, in {@code registry}, recorded by an earlier attempt the registry
     * only told of ({@code AccessAlreadyRecorded}) as of {@code at}: transaction and block are not known here.
     */
    void accessRecordedBefore(long chainId, String registry, Instant at) {
        recorded(chainId, registry, null, null, at);
    }

    private void recorded(long chainId, String registry, String transaction, Long block, Instant at) {
        requirePending();
        accessStatus = AccessStatus.RECORDED;
        accessChainId = chainId;
        accessRegistry = registry;
        accessTx = transaction;
        accessBlock = block;
        accessLeaseUntil = null;
        if (accessLostAt != null) {
            accessLostAt = null;
            accessRewrittenAt = at;
        }
    }

    /** The chain lost the access: it is recorded again once its consent is on chain again. */
    void accessLost(Instant at) {
        if (accessStatus != AccessStatus.RECORDED) {
            throw new IllegalStateException("only a recorded access can be lost, the access of " + id + " is " + accessStatus);
        }
        accessStatus = AccessStatus.PENDING;
        accessLostAt = at;
        accessLeaseUntil = null;
    }

    /** This instance records the access until {@code until}; other instances leave it alone meanwhile. */
    void leaseAccess(Instant until) {
        accessLeaseUntil = until;
    }

    /** The attempt ended without the access on chain; the next round tries again. */
    void accessReleased() {
        accessLeaseUntil = null;
    }

    /**
     * The access can never be on chain: its consent is not there and cannot come there any more, or holds all the
     * accesses it takes. One the chain lost stays {@linkplain #lostForGood() lost for good}.
     */
    void accessSkipped() {
        requirePending();
        accessStatus = AccessStatus.SKIPPED;
        accessLeaseUntil = null;
    }

    private void requirePending() {
        if (accessStatus != AccessStatus.PENDING) {
            throw new IllegalStateException("access of " + id + " is " + accessStatus);
        }
    }

    /** True while the chain does not hold the access it held before it lost its state. */
    boolean lostByChain() {
        return accessLostAt != null;
    }

    /** True when the chain lost the access and it cannot be recorded again. */
    boolean lostForGood() {
        return accessLostAt != null && accessStatus == AccessStatus.SKIPPED;
    }

    /**
     * Whether the consent was on chain when the bank presented it (its {@code CONSENT} check read it there,
     * whatever it found), or may have been (the chain could not be read). Not when the check found no such
     * consent, or stopped at the token before reading the chain: then the chain not holding it says nothing new.
     */
    boolean consentMayHaveBeenOnChain() {
        return consentCheck != null && !CONSENT_NOT_FOUND.contains(consentCheck);
    }

    /** The end of the consent the bank presented; empty for verifications stored before it was kept. */
    Optional<Instant> consentValidUntil() {
        return Optional.ofNullable(consentValidUntil);
    }

    Optional<Long> accessBlock() {
        return Optional.ofNullable(accessBlock);
    }

    Optional<Instant> accessLeaseUntil() {
        return Optional.ofNullable(accessLeaseUntil);
    }

    UUID id() {
        return id;
    }

    String verifier() {
        return verifier;
    }

    Hash32 consentCommitment() {
        return Hash32.fromHex(consentCommitment);
    }

    boolean verified() {
        return "VERIFIED".equals(verdict);
    }

    String receipt() {
        return receipt;
    }

    String checksJson() {
        return checks;
    }

    String verdict() {
        return verdict;
    }

    Instant verifiedAt() {
        return verifiedAt;
    }

    AccessStatus accessStatus() {
        return accessStatus;
    }
}
