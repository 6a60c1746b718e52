package org.hashbridge.node.institution;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.transaction.TransactionException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <secret>}: an institution's API key or a resident's
 * credential. A bearer secret that matches nobody is answered 401 at once; a request without one goes
 * on unauthenticated and meets the authorization rules. When the credentials cannot be read, the
 * answer is 503 and nothing else happens. Each refused secret counts in
 * {@code hashbridge.authentication.failures} with {@code kind=api-key} (a resident's credential included).
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    private static final int MAX_SECRET_LENGTH = 256;

    private final InstitutionDirectory directory;
    private final AuthenticationEntryPoint entryPoint;
    private final AuthenticationEntryPoint storageUnavailable;
    private volatile Counter failures;

    ApiKeyAuthenticationFilter(InstitutionDirectory directory, AuthenticationEntryPoint entryPoint,
                               AuthenticationEntryPoint storageUnavailable) {
        this.directory = directory;
        this.entryPoint = entryPoint;
        this.storageUnavailable = storageUnavailable;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        String secret = header.substring(BEARER.length()).trim();
        Optional<Caller> caller;
        try {
            caller = secret.isEmpty() || secret.length() > MAX_SECRET_LENGTH
                    ? Optional.empty() : directory.authenticate(secret);
        } catch (DataAccessException | TransactionException e) {
            storageUnavailable.commence(request, response, new AuthenticationServiceException("storage unavailable", e));
            return;
        }
        if (caller.isEmpty()) {
            countFailure(request);
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("unknown credential"));
            return;
        }
        var authentication = new UsernamePasswordAuthenticationToken(caller.get(), null,
                List.of(new SimpleGrantedAuthority(caller.get().role().authority())));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
    }

    /** The filter is made by the security configuration, not by the container: the registry is the request's. */
    private void countFailure(HttpServletRequest request) {
        Counter counter = failures;
        if (counter == null) {
            WebApplicationContext context = WebApplicationContextUtils.findWebApplicationContext(request.getServletContext());
            MeterRegistry meters = context == null ? null : context.getBeanProvider(MeterRegistry.class).getIfAvailable();
            if (meters == null) {
                return;
            }
            counter = meters.counter("hashbridge.authentication.failures", "kind", "api-key");
            failures = counter;
        }
        counter.increment();
    }
}
