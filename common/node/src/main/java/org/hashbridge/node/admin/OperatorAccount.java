package org.hashbridge.node.admin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An operator who may sign in, with its password hash and its failed sign-ins in a row. After
 * {@code maxFailures} failures in a row it is locked for a while; a success ends the count.
 */
@Entity
@Table(name = "operator_account")
class OperatorAccount {

    @Id
    private String username;
    @Column(name = "password_hash", nullable = false)
    private String passwordHash;
    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;
    @Column(name = "locked_until")
    private Instant lockedUntil;
    @Column(name = "last_login_at")
    private Instant lastLoginAt;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Version
    private long version;

    protected OperatorAccount() {
    }

    OperatorAccount(String username, String passwordHash, Instant createdAt) {
        if (!Username.valid(username)) {
            throw new IllegalArgumentException("not an operator username");
        }
        this.username = username;
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    String username() {
        return username;
    }

    String passwordHash() {
        return passwordHash;
    }

    int failedAttempts() {
        return failedAttempts;
    }

    Instant lockedUntil() {
        return lockedUntil;
    }

    boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /**
     * Counts a failed sign-in; the {@code maxFailures}-th in a row locks the account for {@code lockFor}.
     * A lock that ran out starts the count again.
     *
     * @return true when this failure locked the account
     */
    boolean failed(Instant now, int maxFailures, Duration lockFor) {
        if (lockedUntil != null && !lockedAt(now)) {
            lockedUntil = null;
            failedAttempts = 0;
        }
        failedAttempts++;
        if (failedAttempts >= maxFailures && lockedUntil == null) {
            lockedUntil = now.plus(lockFor);
            return true;
        }
        return false;
    }

    /** A successful sign-in: the count of failures starts again. Refused while locked. */
    void signedIn(Instant now) {
        if (lockedAt(now)) {
            throw new IllegalStateException("a locked account cannot sign in");
        }
        failedAttempts = 0;
        lockedUntil = null;
        lastLoginAt = now;
    }

    /** The hash configuration gives now; a changed hash also lifts a lock and the count. */
    void changePasswordHash(String hash) {
        if (!hash.equals(passwordHash)) {
            passwordHash = hash;
            failedAttempts = 0;
            lockedUntil = null;
        }
    }
}
