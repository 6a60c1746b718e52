package org.hashbridge.node.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.hashbridge.node.database.JpaSliceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Operators sign in against their accounts in the database: the right password signs in with
 * {@code ROLE_OPERATOR}, five failures in a row lock the account (even the right password is refused then),
 * an unknown name is answered exactly like a known one, and every attempt lands in the audit trail and the
 * failures on the metric.
 */
@JpaSliceTest
@Import({OperatorSignIn.class, AuditTrail.class, OperatorSignInJpaTest.Setup.class})
@EnableConfigurationProperties(AdminProperties.class)
class OperatorSignInJpaTest {

    private static final PasswordEncoder PASSWORDS = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private static final String HASH = PASSWORDS.encode("correct horse battery staple");

    @Autowired
    private OperatorSignIn signIn;
    @Autowired
    private OperatorAccountRepository accounts;
    @Autowired
    private AuditTrail audit;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private TestClock clock;

    @BeforeEach
    void anOperator() {
        clock.set(Instant.parse("2026-03-02T09:00:00Z"));
        accounts.saveAndFlush(new OperatorAccount("sz-ops", HASH, clock.instant()));
    }

    @Test
    void theRightPasswordSignsInAsAnOperator() {
        Authentication signedIn = signIn.authenticate(attempt("sz-ops", "correct horse battery staple"));

        assertThat(signedIn.getName()).isEqualTo("sz-ops");
        assertThat(signedIn.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_OPERATOR");
        assertThat(signedIn.getCredentials()).as("no password kept").isNull();
        assertThat(audit.page(0, 10).rows()).first()
                .satisfies(e -> assertThat(e.action()).isEqualTo("OPERATOR_LOGIN"))
                .satisfies(e -> assertThat(e.actor()).isEqualTo("sz-ops"));
    }

    @Test
    void fiveFailuresInARowLockTheAccountEvenForTheRightPasswordUntilTheLockRunsOut() {
        for (int i = 1; i <= 4; i++) {
            assertThatThrownBy(() -> signIn.authenticate(attempt("sz-ops", "wrong"))).isExactlyInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> signIn.authenticate(attempt("sz-ops", "wrong"))).isInstanceOf(LockedException.class);
        assertThatThrownBy(() -> signIn.authenticate(attempt("sz-ops", "correct horse battery staple")))
                .isInstanceOf(LockedException.class);

        clock.set(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(signIn.authenticate(attempt("sz-ops", "correct horse battery staple")).getName()).isEqualTo("sz-ops");
        assertThat(audit.page(0, 20).rows()).extracting(AuditTrail.Entry::action).containsExactly("OPERATOR_LOGIN",
                "OPERATOR_LOGIN_REFUSED_LOCKED", "OPERATOR_LOCKED", "OPERATOR_LOGIN_FAILED", "OPERATOR_LOGIN_FAILED",
                "OPERATOR_LOGIN_FAILED", "OPERATOR_LOGIN_FAILED", "OPERATOR_LOGIN_FAILED");
    }

    @Test
    void anUnknownUsernameIsAnsweredAsAKnownOneAndLocksTheSameWay() {
        List<Class<?>> known = answers("sz-ops");
        List<Class<?>> unknown = answers("no-such-operator");

        assertThat(unknown).isEqualTo(known).containsExactly(BadCredentialsException.class, BadCredentialsException.class,
                BadCredentialsException.class, BadCredentialsException.class, LockedException.class, LockedException.class);
        assertThat(audit.page(0, 50).rows()).extracting(AuditTrail.Entry::target)
                .as("a name that is no account is not stored: it may be a password typed in the wrong field")
                .doesNotContain("no-such-operator");
    }

    @Test
    void everyRefusalCountsOnTheOperatorAuthenticationFailures() {
        double before = failures();
        assertThatThrownBy(() -> signIn.authenticate(attempt("sz-ops", "wrong"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> signIn.authenticate(attempt("nobody", "wrong"))).isInstanceOf(BadCredentialsException.class);
        signIn.authenticate(attempt("sz-ops", "correct horse battery staple"));

        assertThat(failures() - before).isEqualTo(2.0);
    }

    @Test
    void aFailureIsRecordedWithoutThePasswordTried() {
        assertThatThrownBy(() -> signIn.authenticate(attempt("sz-ops", "hunter2-secret"))).isInstanceOf(BadCredentialsException.class);

        assertThat(audit.page(0, 10).rows()).singleElement()
                .satisfies(e -> assertThat(e.toString()).doesNotContain("hunter2-secret"))
                .satisfies(e -> assertThat(e.actor()).isEqualTo("sz-ops"));
        assertThat(accounts.findById("sz-ops")).get().extracting(OperatorAccount::failedAttempts).isEqualTo(1);
    }

    private List<Class<?>> answers(String username) {
        return java.util.stream.IntStream.range(0, 6).<Class<?>>mapToObj(i -> {
            try {
                signIn.authenticate(attempt(username, "wrong"));
                return Void.class;
            } catch (RuntimeException e) {
                return e.getClass();
            }
        }).toList();
    }

    private double failures() {
        return meters.get("hashbridge.authentication.failures").tag("kind", "operator").counter().count();
    }

    private static UsernamePasswordAuthenticationToken attempt(String username, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(username, password);
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.EPOCH;

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Setup {
        @Bean
        TestClock clock() {
            return new TestClock();
        }

        @Bean
        PasswordEncoder passwordEncoder() {
            return PASSWORDS;
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
