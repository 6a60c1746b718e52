package org.hashbridge.node.institution;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;

/**
 * An issuer or verifier at home on this node. Its API keys are {@link ApiKey}s; {@link #active()} is the state
 * its operator wants, which the node enforces at once and, while {@link #chainPending()}, brings the chain to
 * ({@link ChainRegistration}).
 */
@Entity
class Institution {

    @Id
    private String id;

    @Enumerated(EnumType.STRING)
    private Role role;

    private boolean active;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "changed_at")
    private Instant changedAt;

    @Column(name = "chain_pending")
    private boolean chainPending;

    @Version
    private long version;

    protected Institution() {
    }

    Institution(String id, Role role, Instant createdAt) {
        if (role == Role.RESIDENT) {
            throw new IllegalArgumentException("an institution is an issuer or a verifier");
        }
        this.id = id;
        this.role = role;
        this.active = true;
        this.createdAt = createdAt;
    }

    /** @throws InstitutionRefused {@code INSTITUTION_SUSPENDED} when it is suspended already */
    void suspend(Instant at) {
        if (!active) {
            throw InstitutionRefused.suspendedAlready(id);
        }
        active = false;
        changedAt = at;
        chainPending = true;
    }

    /** @throws InstitutionRefused {@code INSTITUTION_ACTIVE} when it is not suspended */
    void reactivate(Instant at) {
        if (active) {
            throw InstitutionRefused.activeAlready(id);
        }
        active = true;
        changedAt = at;
        chainPending = true;
    }

    /** The chain holds the state last set here: nothing is left to write. */
    void chainReached() {
        chainPending = false;
    }

    /** True while a suspension or reactivation set here has not been seen on chain. */
    boolean chainPending() {
        return chainPending;
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

    Instant createdAt() {
        return createdAt;
    }

    Optional<Instant> changedAt() {
        return Optional.ofNullable(changedAt);
    }
}
