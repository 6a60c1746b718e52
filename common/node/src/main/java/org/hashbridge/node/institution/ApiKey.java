package org.hashbridge.node.institution;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One API key of an institution, known by the SHA-256 of its secret. An institution may hold several live keys at
 * once, so a new one can be handed over before the old one is revoked; a revoked key stays on record and never
 * works again.
 */
@Entity
@Table(name = "api_key")
class ApiKey {

    @Id
    private UUID id;

    private String institution;

    @Column(name = "secret_hash")
    private String secretHash;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {
    }

    ApiKey(String institution, String secretHash, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.institution = institution;
        this.secretHash = secretHash;
        this.createdAt = createdAt;
    }

    /** @throws InstitutionRefused {@code API_KEY_REVOKED} when it is revoked already */
    void revoke(Instant at) {
        if (revokedAt != null) {
            throw InstitutionRefused.keyRevokedAlready(id);
        }
        revokedAt = at;
    }

    boolean live() {
        return revokedAt == null;
    }

    UUID id() {
        return id;
    }

    String institution() {
        return institution;
    }

    String secretHash() {
        return secretHash;
    }

    Instant createdAt() {
        return createdAt;
    }

    Optional<Instant> revokedAt() {
        return Optional.ofNullable(revokedAt);
    }
}
