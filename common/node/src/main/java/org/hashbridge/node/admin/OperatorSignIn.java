package org.hashbridge.node.admin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.hashbridge.node.OperatorAction;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs operators in, for the dashboard's form and the operator API's HTTP Basic alike. Every answer is
 * one of three: signed in, {@link BadCredentialsException} or {@link LockedException}, and an unknown
 * username gets the same answers as a known one, after the same work: its password is checked against a
 * hash all the same, and its failures are counted (in memory) and lock it the same way. Each failure counts
 * on {@code hashbridge.authentication.failures{kind=operator}} and, with every success and lock-out, goes to
 * the audit trail.
 */
@Component
class OperatorSignIn implements AuthenticationProvider {

    static final String AUTHORITY = "ROLE_OPERATOR";
    private static final String UNKNOWN_ACCOUNT = "(unknown account)";

    private final OperatorAccountRepository accounts;
    private final PasswordEncoder passwords;
    private final AdminProperties settings;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Counter failures;
    private final Cache<String, AtomicInteger> unknownNames;
    private final String decoyHash;

    OperatorSignIn(OperatorAccountRepository accounts, PasswordEncoder passwords, AdminProperties settings,
                   TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock, MeterRegistry meters) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.settings = settings;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        this.failures = Counter.builder("hashbridge.authentication.failures").tag("kind", "operator")
                .description("sign-ins refused: unknown credential, wrong password or locked").register(meters);
        this.unknownNames = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(settings.lockFor()).build();
        this.decoyHash = passwords.encode("no account has this password");
    }

    @Override
    public Authentication authenticate(Authentication request) throws AuthenticationException {
        return authenticate(request, true);
    }

    /**
     * This sign-in for the operator API, where HTTP Basic signs in on every call: a success is not written to the
     * audit trail, which records the change the call makes under the operator's name instead; refusals and
     * lock-outs are, as on the dashboard.
     */
    AuthenticationProvider forEachCall() {
        OperatorSignIn signIn = this;
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication request) {
                return signIn.authenticate(request, false);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return signIn.supports(authentication);
            }
        };
    }

    private Authentication authenticate(Authentication request, boolean auditSuccess) {
        String username = request.getName() == null ? "" : request.getName().trim();
        String password = request.getCredentials() == null ? "" : request.getCredentials().toString();
        Outcome outcome = transactions.execute(status -> attempt(username, password, auditSuccess));
        switch (outcome) {
            case SIGNED_IN -> {
                return UsernamePasswordAuthenticationToken.authenticated(username, null,
                        List.of(new SimpleGrantedAuthority(AUTHORITY)));
            }
            case LOCKED -> {
                failures.increment();
                throw new LockedException("locked");
            }
            default -> {
                failures.increment();
                throw new BadCredentialsException("bad credentials");
            }
        }
    }

    private enum Outcome { SIGNED_IN, REFUSED, LOCKED }

    private Outcome attempt(String username, String password, boolean auditSuccess) {
        Instant now = clock.instant();
        Optional<OperatorAccount> found = Username.valid(username) ? accounts.findForSignIn(username) : Optional.empty();
        if (found.isEmpty()) {
            passwords.matches(password, decoyHash);
            return unknown(username);
        }
        OperatorAccount account = found.get();
        boolean matches = passwords.matches(password, account.passwordHash());
        if (account.lockedAt(now)) {
            audit(AuditTrail.LOGIN_REFUSED_LOCKED, username, "sign-in refused: the account is locked");
            return Outcome.LOCKED;
        }
        if (matches) {
            account.signedIn(now);
            if (auditSuccess) {
                audit(AuditTrail.LOGIN, username, "");
            }
            return Outcome.SIGNED_IN;
        }
        boolean locked = account.failed(now, settings.maxFailures(), settings.lockFor());
        audit(AuditTrail.LOGIN_FAILED, username, "failure " + account.failedAttempts() + " in a row");
        if (locked) {
            audit(AuditTrail.LOCKED, username, "locked until " + account.lockedUntil());
            return Outcome.LOCKED;
        }
        return Outcome.REFUSED;
    }

    /** An unknown username: refused, and locked after as many tries as a real account, so neither tells. */
    private Outcome unknown(String username) {
        String key = username.length() > 64 ? username.substring(0, 64) : username;
        int tries = unknownNames.get(key, name -> new AtomicInteger()).incrementAndGet();
        audit(AuditTrail.LOGIN_FAILED, UNKNOWN_ACCOUNT, "");
        return tries > settings.maxFailures() - 1 ? Outcome.LOCKED : Outcome.REFUSED;
    }

    private void audit(String action, String target, String detail) {
        events.publishEvent(new OperatorAction(action, target, detail));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
