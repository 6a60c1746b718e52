package org.hashbridge.node.anchoring;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.hashbridge.protocol.Digest;
import org.hashbridge.protocol.DocumentType;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.Leaf;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;
import org.hashbridge.protocol.Voucher;
import org.springframework.data.domain.Persistable;

/**
 * One digest an issuer asked to anchor: never the document, only its digest and salted leaf, and the
 * issuer's own reference for it when it gave one.
 */
@Entity
@Table(name = "anchor_submission")
class AnchorSubmission implements Persistable<UUID> {

    /** The {@code reference} column's length. */
    static final int MAX_REFERENCE = 200;

    @Id
    private UUID id;
    private String issuer;
    private String reference;
    @Column(name = "document_type")
    private String documentType;
    private String algorithm;
    private String digest;
    @Column(name = "subject_ref")
    private String subjectRef;
    private String salt;
    @Column(name = "valid_until")
    private Instant validUntil;
    private String leaf;
    @Enumerated(EnumType.STRING)
    private AnchorStatus status;
    private String root;
    private String voucher;
    @Column(name = "tx_hash")
    private String txHash;
    @Column(name = "block_number")
    private Long blockNumber;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "anchored_at")
    private Instant anchoredAt;
    @Column(name = "revoked_at")
    private Instant revokedAt;
    @Column(name = "revocation_reason")
    private String revocationReason;
    @Column(name = "batch_id")
    private UUID batchId;
    @Column(name = "batch_index")
    private Integer batchIndex;
    @Column(name = "lease_until")
    private Instant leaseUntil;
    @Version
    private long version;
    /** Not stored yet: saving inserts it at once, without reading whether it exists. */
    @Transient
    private boolean fresh;

    protected AnchorSubmission() {
    }

    /** @param reference the issuer's reference for the document, or null */
    AnchorSubmission(UUID id, String reference, Leaf leaf, Instant createdAt) {
        this.id = id;
        this.fresh = true;
        this.reference = reference;
        this.issuer = leaf.issuer().value();
        this.documentType = leaf.documentType().value();
        this.algorithm = leaf.digest().algorithm().id();
        this.digest = leaf.digest().hex();
        this.subjectRef = leaf.subject().hex();
        this.salt = leaf.salt().hex();
        this.validUntil = leaf.validUntil();
        this.leaf = leaf.hash().hex();
        this.status = AnchorStatus.PENDING;
        this.createdAt = createdAt;
    }

    /** Puts this pending leaf at {@code index} of a batch; its root is fixed from now on. */
    void assignTo(UUID batch, int index) {
        if (status != AnchorStatus.PENDING || batchId != null) {
            throw new IllegalStateException("only a pending submission outside any batch can join one, " + id + " is "
                    + status + (batchId == null ? "" : " in batch " + batchId));
        }
        this.batchId = batch;
        this.batchIndex = index;
    }

    /**
     * Records that this leaf's batch root is on chain, with the voucher issued for it. A leaf whose
     * revocation was asked while its batch was on the way keeps its revocation pending, now with the
     * voucher its revocation on chain needs.
     */
    void anchored(Voucher issued, String transaction, long block, Instant at) {
        boolean revoking = status == AnchorStatus.REVOKING && voucher == null;
        if (status != AnchorStatus.PENDING && !revoking) {
            throw new IllegalStateException("only a pending submission can be anchored, this one is " + status);
        }
        this.status = revoking ? AnchorStatus.REVOKING : AnchorStatus.ANCHORED;
        this.root = issued.root();
        this.voucher = issued.toJson();
        this.txHash = transaction;
        this.blockNumber = block;
        this.anchoredAt = at;
    }

    /**
     * Asks to withdraw the submission. A leaf that can no longer reach the chain (pending, in no batch
     * yet) is revoked at once; any other is {@link AnchorStatus#REVOKING} until the chain has its
     * revocation. Revoking twice is refused.
     *
     * @return true when the revocation must still be written on chain
     */
    boolean requestRevocation(String reason, Instant at) {
        if (status == AnchorStatus.REVOKED || status == AnchorStatus.REVOKING) {
            throw AnchoringRefused.alreadyRevoked(id);
        }
        this.revocationReason = reason;
        if (status == AnchorStatus.PENDING && batchId == null) {
            this.status = AnchorStatus.REVOKED;
            this.revokedAt = at;
            return false;
        }
        this.status = AnchorStatus.REVOKING;
        return true;
    }

    /** The revocation is on chain (or nothing on chain needs it any more), as of {@code at}. */
    void revoked(Instant at) {
        if (status != AnchorStatus.REVOKING) {
            throw new IllegalStateException("only a revocation under way can complete, " + id + " is " + status);
        }
        this.status = AnchorStatus.REVOKED;
        this.revokedAt = at;
        this.leaseUntil = null;
    }

    /** The chain lost this leaf's revocation along with its root: it is written again after the root. */
    void revocationLost() {
        if (status != AnchorStatus.REVOKED || voucher == null) {
            throw new IllegalStateException("only a revoked anchored leaf has a revocation to lose, " + id + " is " + status);
        }
        this.status = AnchorStatus.REVOKING;
    }

    /** This instance writes the revocation until {@code until}. */
    void lease(Instant until) {
        this.leaseUntil = until;
    }

    /** The attempt ended without the revocation on chain; the next round tries again. */
    void released() {
        this.leaseUntil = null;
    }

    @PostLoad
    @PostPersist
    void stored() {
        this.fresh = false;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    @Override
    public UUID getId() {
        return id;
    }

    /** True when this anchor is of {@code digest} with this metadata: a submission sent again, not another document. */
    boolean holds(Digest digest, DocumentType type, SubjectReference subject, Instant until) {
        return algorithm.equals(digest.algorithm().id()) && this.digest.equals(digest.hex())
                && documentType.equals(type.value()) && subjectRef.equals(subject.hex()) && validUntil.equals(until);
    }

    Leaf toLeaf() {
        return new Leaf(Digest.parse(algorithm, digest), Salt.fromHex(salt), new InstitutionId(issuer),
                new DocumentType(documentType), validUntil, SubjectReference.fromHex(subjectRef));
    }

    UUID id() {
        return id;
    }

    String issuer() {
        return issuer;
    }

    Optional<String> reference() {
        return Optional.ofNullable(reference);
    }

    AnchorStatus status() {
        return status;
    }

    String algorithm() {
        return algorithm;
    }

    String digestHex() {
        return digest;
    }

    Hash32 leafHash() {
        return Hash32.fromHex(leaf);
    }

    /** The columns a bulk insert stores, as stored: salt, subject reference and leaf in hex. */
    String saltHex() {
        return salt;
    }

    String subjectRefHex() {
        return subjectRef;
    }

    String leafHex() {
        return leaf;
    }

    Optional<Hash32> root() {
        return Optional.ofNullable(root).map(Hash32::fromHex);
    }

    Optional<String> voucherJson() {
        return Optional.ofNullable(voucher);
    }

    Instant createdAt() {
        return createdAt;
    }

    Optional<Instant> anchoredAt() {
        return Optional.ofNullable(anchoredAt);
    }

    Optional<Instant> revokedAt() {
        return Optional.ofNullable(revokedAt);
    }

    String documentType() {
        return documentType;
    }

    Instant validUntil() {
        return validUntil;
    }

    Optional<UUID> batchId() {
        return Optional.ofNullable(batchId);
    }

    int batchIndex() {
        if (batchIndex == null) {
            throw new IllegalStateException(id + " is in no batch");
        }
        return batchIndex;
    }
}
