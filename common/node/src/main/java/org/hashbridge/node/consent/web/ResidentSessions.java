package org.hashbridge.node.consent.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.hashbridge.node.institution.Caller;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.stereotype.Component;

/**
 * Where the resident page keeps who is signed in: in the page's own session, under a key of its own. A sign-in with
 * the credential form goes through Spring Security's form login; one with a passkey ({@link ResidentPasskeySignIn})
 * through {@link #signIn}, which does what the form login does on success.
 */
@Component
class ResidentSessions {

    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    /**
     * The page's CSRF tokens, in a cookie of their own rather than in the session: no session before sign-in, so that
     * anonymous requests, however many, cannot crowd the signed-in residents out of the page's sessions.
     */
    private final CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();

    ResidentSessions() {
        contexts.setSpringSecurityContextKey("HASHBRIDGE_RESIDENT_CONTEXT");
        csrfTokens.setCookieName("HASHBRIDGE_RESIDENT_CSRF");
        csrfTokens.setCookiePath(ResidentPageSecurity.PATH);
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
    }

    HttpSessionSecurityContextRepository contexts() {
        return contexts;
    }

    CookieCsrfTokenRepository csrfTokens() {
        return csrfTokens;
    }

    /** A resident signed in as the API would authenticate them. */
    static Authentication signedIn(Caller resident) {
        return UsernamePasswordAuthenticationToken.authenticated(resident, null,
                List.of(new SimpleGrantedAuthority(ResidentSignIn.AUTHORITY)));
    }

    /**
     * Signs {@code resident} in to this request's session, as a successful form sign-in does: a new session id (no
     * fixation), a new CSRF token, the resident kept in the session.
     */
    void signIn(Caller resident, HttpServletRequest request, HttpServletResponse response) {
        request.getSession(true);
        request.changeSessionId();
        csrfTokens.saveToken(null, request, response);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(signedIn(resident));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
