package org.hashbridge.node.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An operator account locks after failures in a row, for a while, and a success ends the count. */
class OperatorAccountTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration LOCK = Duration.ofMinutes(15);

    @Test
    void theFifthFailureInARowLocksForTheConfiguredTime() {
        OperatorAccount account = new OperatorAccount("sz-ops", "{noop}x", NOW);
        for (int i = 1; i <= 4; i++) {
            assertThat(account.failed(NOW, 5, LOCK)).as("failure %d", i).isFalse();
            assertThat(account.lockedAt(NOW)).isFalse();
        }
        assertThat(account.failed(NOW, 5, LOCK)).isTrue();
        assertThat(account.lockedAt(NOW.plus(LOCK).minusSeconds(1))).isTrue();
        assertThat(account.lockedAt(NOW.plus(LOCK))).isFalse();
    }

    @Test
    void aLockedAccountCannotSignInEvenWithTheRightPassword() {
        OperatorAccount account = new OperatorAccount("sz-ops", "{noop}x", NOW);
        for (int i = 0; i < 5; i++) {
            account.failed(NOW, 5, LOCK);
        }
        assertThatThrownBy(() -> account.signedIn(NOW.plusSeconds(60))).isInstanceOf(IllegalStateException.class);
        assertThat(account.failed(NOW.plusSeconds(60), 5, LOCK)).as("already locked: not locked again").isFalse();
        assertThat(account.lockedUntil()).isEqualTo(NOW.plus(LOCK));
    }

    @Test
    void aSuccessEndsTheCountAndALockThatRanOutStartsItAgain() {
        OperatorAccount account = new OperatorAccount("sz-ops", "{noop}x", NOW);
        for (int i = 0; i < 4; i++) {
            account.failed(NOW, 5, LOCK);
        }
        account.signedIn(NOW);
        assertThat(account.failedAttempts()).isZero();
        assertThat(account.failed(NOW, 5, LOCK)).as("one failure after a success").isFalse();

        for (int i = 0; i < 4; i++) {
            account.failed(NOW, 5, LOCK);
        }
        Instant later = NOW.plus(LOCK).plusSeconds(1);
        assertThat(account.failed(later, 5, LOCK)).as("the first failure after the lock ran out").isFalse();
        assertThat(account.failedAttempts()).isEqualTo(1);
    }

    @Test
    void aNewPasswordHashLiftsTheLock() {
        OperatorAccount account = new OperatorAccount("sz-ops", "{noop}x", NOW);
        for (int i = 0; i < 5; i++) {
            account.failed(NOW, 5, LOCK);
        }
        account.changePasswordHash("{noop}y");
        assertThat(account.lockedAt(NOW)).isFalse();
        assertThat(account.failedAttempts()).isZero();
    }

    @Test
    void aUsernameIsShortLowerCaseAndPrintable() {
        assertThatThrownBy(() -> new OperatorAccount("Admin", "{noop}x", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OperatorAccount("a\nb", "{noop}x", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new OperatorAccount("hk-ops.1", "{noop}x", NOW).username()).isEqualTo("hk-ops.1");
    }
}
