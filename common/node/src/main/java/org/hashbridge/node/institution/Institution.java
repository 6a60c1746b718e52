package org.hashbridge.node.institution;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;

/** An issuer or verifier at home on this node, known by the SHA-256 of its API key. */
@Entity
class Institution {

    @Id
    private String id;

    @Enumerated(EnumType.STRING)
    private Role role;

    @Column(name = "api_key_hash")
    private String apiKeyHash;

    private boolean active;

    @Column(name = "created_at")
    private Instant createdAt;

    protected Institution() {
    }

    Institution(String id, Role role, String apiKeyHash, Instant createdAt) {
        if (role == Role.RESIDENT) {
            throw new IllegalArgumentException("an institution is an issuer or a verifier");
        }
        this.id = id;
        this.role = role;
        this.apiKeyHash = apiKeyHash;
        this.active = true;
        this.createdAt = createdAt;
    }

    void rotateKey(String newApiKeyHash) {
        this.apiKeyHash = newApiKeyHash;
    }

    String id() {
        return id;
    }

    Role role() {
        return role;
    }

    boolean active() {
        return active;
    }
}
