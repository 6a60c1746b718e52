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
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Hash32;

/** A consent a resident granted on this node; the chain holds only its commitment and status. */
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
    @Column(name = "tx_hash")
    private String txHash;
    @Column(name = "revoked_at")
    private Instant revokedAt;
    @Version
    private long version;

    protected Consent() {
    }

    Consent(String subjectId, ConsentToken token, String txHash) {
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
        this.status = ConsentStatus.AUTHORISED;
        this.txHash = txHash;
    }

    /** Revokes an authorised consent; revoking twice is refused. */
    void revoke(Instant at) {
        if (status != ConsentStatus.AUTHORISED) {
            throw ConsentRefused.alreadyRevoked(id);
        }
        status = ConsentStatus.REVOKED;
        revokedAt = at;
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

    Hash32 commitment() {
        return Hash32.fromHex(commitment);
    }

    String token() {
        return token;
    }

    Optional<Instant> revokedAt() {
        return Optional.ofNullable(revokedAt);
    }
}
