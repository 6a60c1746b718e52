package org.hashbridge.node.institution;

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
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <secret>}: an institution's API key or a resident's
 * credential. A bearer secret that matches nobody is answered 401 at once; a request without one goes
 * on unauthenticated and meets the authorization rules. When the credentials cannot be read, the
 * answer is 503 and nothing else happens.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    private static final int MAX_SECRET_LENGTH = 256;

    private final InstitutionDirectory directory;
    private final AuthenticationEntryPoint entryPoint;
    private final AuthenticationEntryPoint storageUnavailable;

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
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("unknown credential"));
            return;
        }
        var authentication = new UsernamePasswordAuthenticationToken(caller.get(), null,
                List.of(new SimpleGrantedAuthority(caller.get().role().authority())));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
    }
}
