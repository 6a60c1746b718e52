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
import org.hashbridge.protocol.Digest;
import org.hashbridge.protocol.DocumentType;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.Leaf;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;
import org.hashbridge.protocol.Voucher;

/** One digest an issuer asked to anchor: never the document, only its digest and salted leaf. */
@Entity
@Table(name = "anchor_submission")
class AnchorSubmission {

    @Id
    private UUID id;
    private String issuer;
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
    @Version
    private long version;

    protected AnchorSubmission() {
    }

    AnchorSubmission(UUID id, Leaf leaf, Instant createdAt) {
        this.id = id;
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

    /** Records that this leaf's batch root is on chain, with the voucher issued for it. */
    void anchored(Voucher issued, String transaction, long block, Instant at) {
        if (status != AnchorStatus.PENDING) {
            throw new IllegalStateException("only a pending submission can be anchored, this one is " + status);
        }
        this.status = AnchorStatus.ANCHORED;
        this.root = issued.root();
        this.voucher = issued.toJson();
        this.txHash = transaction;
        this.blockNumber = block;
        this.anchoredAt = at;
    }

    /** Withdraws the submission; revoking twice is refused. */
    void revoke(String reason, Instant at) {
        if (status == AnchorStatus.REVOKED) {
            throw AnchoringRefused.alreadyRevoked(id);
        }
        this.status = AnchorStatus.REVOKED;
        this.revocationReason = reason;
        this.revokedAt = at;
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
}
