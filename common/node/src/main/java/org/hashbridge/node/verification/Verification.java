package org.hashbridge.node.verification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.Receipt;

/**
 * A verification this node answered and the receipt it signed. Its access to the consent is then
 * recorded on chain by {@link AccessRecorder}, for the resident's home node to list.
 */
@Entity
class Verification {

    enum AccessStatus { PENDING, RECORDED, SKIPPED }

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
    @Version
    private long version;

    protected Verification() {
    }

    /**
     * @param checksJson the checks as JSON, stored as answered
     */
    Verification(Receipt receipt, String signedReceipt, String checksJson, Instant verifiedAt) {
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
    }

    /**
     * The access is on chain, recorded by {@code transaction} in {@code block}; both null when an earlier
     * attempt recorded it and the registry only said so.
     */
    void accessRecorded(String transaction, Long block) {
        if (accessStatus != AccessStatus.PENDING) {
            throw new IllegalStateException("access of " + id + " is " + accessStatus);
        }
        accessStatus = AccessStatus.RECORDED;
        accessTx = transaction;
        accessBlock = block;
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

    /** The consent is not on chain, so there is no resident to tell. */
    void accessSkipped() {
        if (accessStatus != AccessStatus.PENDING) {
            throw new IllegalStateException("access of " + id + " is " + accessStatus);
        }
        accessStatus = AccessStatus.SKIPPED;
        accessLeaseUntil = null;
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
