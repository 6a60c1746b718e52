package org.hashbridge.node.consent.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.hashbridge.node.institution.Caller;
import org.hashbridge.node.institution.InstitutionDirectory;
import org.hashbridge.node.institution.Role;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.SubjectId;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.TransactionException;

/**
 * Signs a resident in to the resident page with their identifier and the credential their home operator issued:
 * the credential is checked as the API checks it ({@link InstitutionDirectory#authenticate}), and must be the
 * credential of the resident named. The principal is then the same {@link Caller} the API's bearer credential
 * gives, so the page calls the services exactly as the API does.
 *
 * <p>As the dashboard does for operators, {@value #MAX_FAILURES} refusals in a row for one identifier lock it for
 * {@link #LOCK_FOR}, during which even the right credential is refused; a success ends the count. An identifier
 * that names nobody is counted and locked the same way, so neither the answers nor the lock tell who is a resident.
 * The counts are kept in memory: a restart forgets them (operators' lock-outs are in the database, residents'
 * credentials are long random secrets that cannot be guessed in any number of tries). Each refusal counts on
 * {@code hashbridge.authentication.failures{kind=resident}}.
 */
final class ResidentSignIn implements AuthenticationProvider {

    static final String AUTHORITY = "ROLE_RESIDENT";
    static final int MAX_FAILURES = 5;
    static final Duration LOCK_FOR = Duration.ofMinutes(15);
    private static final int MAX_SECRET_LENGTH = 256;

    private final InstitutionDirectory directory;
    private final Counter failures;
    private final Cache<String, AtomicInteger> refusals;

    ResidentSignIn(InstitutionDirectory directory, MeterRegistry meters) {
        this.directory = directory;
        this.failures = Counter.builder("hashbridge.authentication.failures").tag("kind", "resident")
                .description("resident page sign-ins refused: unknown identifier, wrong credential or locked")
                .register(meters);
        this.refusals = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(LOCK_FOR).build();
    }

    @Override
    public Authentication authenticate(Authentication request) throws AuthenticationException {
        String resident = normalised(request.getName());
        String credential = request.getCredentials() == null ? "" : request.getCredentials().toString().trim();
        AtomicInteger count = refusals.getIfPresent(resident);
        if (count != null && count.get() >= MAX_FAILURES) {
            failures.increment();
            throw new LockedException("locked");
        }
        Optional<Caller> caller = holder(credential).filter(c -> c.role() == Role.RESIDENT && c.id().equals(resident));
        if (caller.isPresent()) {
            refusals.invalidate(resident);
            return ResidentSessions.signedIn(caller.get());
        }
        failures.increment();
        int refused = refusals.get(resident, k -> new AtomicInteger()).incrementAndGet();
        if (refused >= MAX_FAILURES) {
            throw new LockedException("locked");
        }
        throw new BadCredentialsException("bad credentials");
    }

    private Optional<Caller> holder(String credential) {
        if (credential.isEmpty() || credential.length() > MAX_SECRET_LENGTH) {
            return Optional.empty();
        }
        try {
            return directory.authenticate(credential);
        } catch (DataAccessException | TransactionException e) {
            throw new AuthenticationServiceException("the node could not read its credentials", e);
        }
    }

    /**
     * The identifier in its normal form ({@link SubjectId}), or, when it is none, as written (bounded): it then names
     * nobody, and is counted all the same.
     */
    static String normalised(String name) {
        try {
            return SubjectId.of(name).value();
        } catch (InvalidInput e) {
            String written = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
            return written.length() > SubjectId.MAX_LENGTH ? written.substring(0, SubjectId.MAX_LENGTH) : written;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
