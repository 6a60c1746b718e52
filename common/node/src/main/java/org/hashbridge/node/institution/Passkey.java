package org.hashbridge.node.institution;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import org.hashbridge.protocol.ResidentKey;

/**
 * A resident's passkey as webauthn4j verified its registration: its credential id, its public key (a P-256 point,
 * the {@link ResidentKey} the registry binds by its hash) and the signature counter its assertions must move on.
 */
@Entity
@Table(name = "resident_passkey")
class Passkey {

    @Id
    @Column(name = "credential_id")
    private String credentialId;
    @Column(name = "subject_id")
    private String subjectId;
    @Column(name = "key_jwk")
    private String keyJwk;
    @Column(name = "key_hash")
    private String keyHash;
    @Column(name = "sign_count")
    private long signCount;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "last_used_at")
    private Instant lastUsedAt;
    @Version
    private long version;

    protected Passkey() {
    }

    /** @param credentialId base64url */
    Passkey(String credentialId, String subjectId, ResidentKey key, long signCount, Instant createdAt) {
        this.credentialId = credentialId;
        this.subjectId = subjectId;
        this.keyJwk = key.toJson();
        this.keyHash = key.hash().hex();
        this.signCount = signCount;
        this.createdAt = createdAt;
    }

    /** An assertion by this passkey was verified at {@code at}, with the counter it reported. */
    void used(long newSignCount, Instant at) {
        signCount = newSignCount;
        lastUsedAt = at;
    }

    String credentialId() {
        return credentialId;
    }

    String subjectId() {
        return subjectId;
    }

    ResidentKey key() {
        return ResidentKey.fromJson(keyJwk);
    }

    long signCount() {
        return signCount;
    }

    Instant createdAt() {
        return createdAt;
    }

    Optional<Instant> lastUsedAt() {
        return Optional.ofNullable(lastUsedAt);
    }

    ResidentKeyView.Passkey view() {
        return new ResidentKeyView.Passkey(credentialId, createdAt, lastUsedAt());
    }
}
