package org.hashbridge.node.admin;

import org.hashbridge.node.OperatorAction;
import org.hashbridge.node.web.PageHeaders;
import org.hashbridge.node.web.Problems;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may reach the operators' side of the node, ahead of the institutions' API chain: the dashboard under
 * {@code /admin/**} by form sign-in, with a session and CSRF protection; the operator API under
 * {@code /api/v1/operator/**} by HTTP Basic, stateless, answering refusals as problems. Both sign operators in
 * through {@link OperatorSignIn} (same accounts, same lock-out) and need {@code ROLE_OPERATOR}.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurityConfiguration {

    @Bean
    PasswordEncoder operatorPasswords() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain dashboard(HttpSecurity http, OperatorSignIn signIn, LogoutHandler auditedSignOut) throws Exception {
        http.securityMatcher("/admin/**")
                .authenticationManager(operatorsOnly(signIn))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/admin/login", "/admin/assets/**", "/admin/webjars/**").permitAll()
                        .anyRequest().hasAuthority(OperatorSignIn.AUTHORITY))
                .formLogin(form -> form.loginPage("/admin/login").loginProcessingUrl("/admin/login")
                        .defaultSuccessUrl("/admin", true)
                        .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
                                + (e instanceof LockedException ? "/admin/login?locked" : "/admin/login?error"))))
                .logout(logout -> logout.logoutUrl("/admin/logout").addLogoutHandler(auditedSignOut)
                        .logoutSuccessUrl("/admin/login?signedOut"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(PageHeaders.strict());
        return http.build();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 11)
    SecurityFilterChain operatorApi(HttpSecurity http, OperatorSignIn signIn, JsonMapper json) throws Exception {
        AuthenticationEntryPoint entryPoint = (request, response, e) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"HashBridge operator\", charset=\"UTF-8\"");
            Problems.write(json, response, e instanceof LockedException
                    ? Problems.of(HttpStatus.UNAUTHORIZED, "OPERATOR_LOCKED", "Operator locked",
                            "too many failed sign-ins in a row: this account refuses every sign-in for a while")
                    : request.getHeader(HttpHeaders.AUTHORIZATION) == null
                    ? Problems.of(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Authentication required",
                            "send an operator's username and password with HTTP Basic")
                    : Problems.of(HttpStatus.UNAUTHORIZED, "UNKNOWN_CREDENTIAL", "Unknown credential",
                            "the username and password match no operator of this node"));
        };
        AccessDeniedHandler denied = (request, response, e) -> Problems.write(json, response,
                Problems.of(HttpStatus.FORBIDDEN, "FORBIDDEN_ROLE", "Not allowed for this role",
                        "this call is open to operators only"));
        http.securityMatcher("/api/v1/operator/**")
                .authenticationManager(new ProviderManager(signIn.forEachCall()))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAuthority(OperatorSignIn.AUTHORITY));
        return http.build();
    }

    /**
     * Operators only, with no parent to fall back on: a manager with a parent asks it again after a refusal,
     * which would count each failed sign-in twice.
     */
    private static AuthenticationManager operatorsOnly(OperatorSignIn signIn) {
        return new ProviderManager(signIn);
    }

    /** Signing out is in the audit trail, by the operator who signed out. */
    @Bean
    LogoutHandler auditedSignOut(ApplicationEventPublisher events, TransactionTemplate transactions) {
        return (request, response, authentication) -> {
            if (authentication != null) {
                transactions.executeWithoutResult(status -> events.publishEvent(
                        new OperatorAction(AuditTrail.LOGOUT, authentication.getName(), "")));
            }
        };
    }
}
