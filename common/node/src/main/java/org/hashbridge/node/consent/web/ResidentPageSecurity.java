package org.hashbridge.node.consent.web;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.hashbridge.node.institution.InstitutionDirectory;
import org.hashbridge.node.web.PageHeaders;
import org.hashbridge.node.web.Problems;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may reach the resident page under {@code /resident/**}, ahead of the API's chain: residents signed in by
 * {@link ResidentSignIn}, in a session of the page's own (cookie {@value #COOKIE}, {@code HttpOnly},
 * {@code SameSite=Lax}, path {@code /resident}, 30 minutes idle) apart from the dashboard's, with CSRF tokens on every
 * form and every JSON call, a Content Security Policy without inline script or style, and no framing. A call to the
 * page's JSON endpoints without a session is answered 401 as a problem, a page is sent to sign in.
 */
@Configuration(proxyBeanMethods = false)
class ResidentPageSecurity {

    static final String COOKIE = "HASHBRIDGE_RESIDENT";
    static final Duration IDLE = Duration.ofMinutes(30);
    static final String PATH = "/resident";
    private static final int MAX_SESSIONS = 100_000;

    /**
     * The page's sessions, in memory, apart from the servlet container's (the dashboard's): a session idle for
     * {@link #IDLE} is gone, and a bounded number are kept at once.
     */
    @Bean
    FilterRegistrationBean<SessionRepositoryFilter<MapSession>> residentSessionFilter() {
        Map<String, Session> sessions = Caffeine.newBuilder().expireAfterAccess(IDLE).maximumSize(MAX_SESSIONS)
                .<String, Session>build().asMap();
        MapSessionRepository repository = new MapSessionRepository(sessions);
        repository.setDefaultMaxInactiveInterval(IDLE);
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName(COOKIE);
        cookie.setCookiePath(PATH);
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Lax");
        CookieHttpSessionIdResolver ids = new CookieHttpSessionIdResolver();
        ids.setCookieSerializer(cookie);
        SessionRepositoryFilter<MapSession> filter = new SessionRepositoryFilter<>(repository);
        filter.setHttpSessionIdResolver(ids);
        FilterRegistrationBean<SessionRepositoryFilter<MapSession>> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(PATH, PATH + "/*");
        // before Spring Security's filters, which keep the signed-in resident and the CSRF token in this session
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER);
        registration.setName("residentSessions");
        return registration;
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 12)
    SecurityFilterChain residentPage(HttpSecurity http, InstitutionDirectory directory, MeterRegistry meters,
                                     ResidentSessions sessions, JsonMapper json) throws Exception {
        RequestMatcher api = request -> request.getRequestURI().startsWith(request.getContextPath() + PATH + "/api/")
                || request.getRequestURI().startsWith(request.getContextPath() + PATH + "/login/");
        http.securityMatcher(PATH, PATH + "/**")
                .authenticationManager(new ProviderManager(new ResidentSignIn(directory, meters)))
                .securityContext(context -> context.securityContextRepository(sessions.contexts()))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(PATH + "/login", PATH + "/login/**", PATH + "/*.js", PATH + "/*.css").permitAll()
                        .anyRequest().hasAuthority(ResidentSignIn.AUTHORITY))
                .formLogin(form -> form.loginPage(PATH + "/login").loginProcessingUrl(PATH + "/login")
                        .usernameParameter("resident").passwordParameter("credential")
                        .defaultSuccessUrl(PATH, true)
                        .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath() + PATH
                                + (e instanceof LockedException ? "/login?locked" : "/login?error"))))
                .logout(logout -> logout.logoutUrl(PATH + "/logout").logoutSuccessUrl(PATH + "/login?signedOut")
                        .deleteCookies(COOKIE))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor((request, response, e) -> Problems.write(json, response,
                                Problems.of(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Signed out",
                                        "sign in to the resident page again")), api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(PATH + "/login"),
                                request -> true)
                        .defaultAccessDeniedHandlerFor((request, response, e) -> Problems.write(json, response,
                                Problems.of(HttpStatus.FORBIDDEN, "CSRF_TOKEN_INVALID", "Refused",
                                        "the page's token is missing or out of date: load the page again")), api))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                // no session before sign-in: the sign-in form's token lives in a cookie of its own and no request is
                // saved for after it (the page is where a sign-in lands)
                .csrf(csrf -> csrf.csrfTokenRepository(sessions.csrfTokens()))
                .requestCache(cache -> cache.disable())
                .headers(PageHeaders.strict());
        return http.build();
    }
}
