package org.hashbridge.node.institution;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hashbridge.node.web.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/** Stateless bearer authentication and the role each API call needs. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String ACTUATOR = "/actuator";

    /**
     * A key says nothing of whose it is, and one node never knows the other's keys: so every unknown secret gets
     * the hint that a bank taking its key to the other side's node needs.
     */
    static final String UNKNOWN_CREDENTIAL = "the bearer secret matches no institution or resident of this node; a key "
            + "opens only the node that issued it: banks verify (and issuers anchor, residents consent) at their home "
            + "node, a Shenzhen bank at the SZ node and a Hong Kong bank at the HK node, never at the other side's";

    @Bean
    SecurityFilterChain api(HttpSecurity http, InstitutionDirectory directory, JsonMapper json) throws Exception {
        AuthenticationEntryPoint entryPoint = (request, response, e) -> write(json, response,
                e instanceof BadCredentialsException
                        ? Problems.of(HttpStatus.UNAUTHORIZED, "UNKNOWN_CREDENTIAL", "Unknown credential", UNKNOWN_CREDENTIAL)
                        : notServed(request) ? Problems.forStatus(HttpStatus.NOT_FOUND.value())
                        : Problems.of(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Authentication required",
                                "send 'Authorization: Bearer <api-key>'"));
        AuthenticationEntryPoint storageUnavailable = (request, response, e) -> write(json, response,
                Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "DATABASE_UNAVAILABLE", "Storage unavailable",
                        "the node could not read its credentials; nothing was done, retry later"));
        AccessDeniedHandler denied = (request, response, e) -> write(json, response, notServed(request)
                ? Problems.forStatus(HttpStatus.NOT_FOUND.value())
                : Problems.of(HttpStatus.FORBIDDEN, "FORBIDDEN_ROLE", "Not allowed for this role",
                        "this call is not open to the caller's role"));
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .addFilterBefore(new ApiKeyAuthenticationFilter(directory, entryPoint, storageUnavailable), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/api/v1/node", "/api/v1/receipt-keys").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .requestMatchers("/api/v1/anchors/**", "/api/v1/anchors", "/api/v1/anchors:batch").hasRole(Role.ISSUER.name())
                        .requestMatchers("/api/v1/consents/**", "/api/v1/consents").hasRole(Role.RESIDENT.name())
                        .requestMatchers("/api/v1/residents/**").hasRole(Role.RESIDENT.name())
                        .requestMatchers("/api/v1/verifications/**", "/api/v1/verifications").hasRole(Role.VERIFIER.name())
                        .requestMatchers("/api/v1/operator/**").hasRole("OPERATOR")
                        .anyRequest().denyAll());
        return http.build();
    }

    /**
     * The actuator's paths but health, info and prometheus: served to nobody, whatever management.endpoints.web.exposure
     * includes, so they answer 404 like a path that does not exist, never a 401 asking for a key that no key opens.
     */
    private static boolean notServed(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(ACTUATOR) || path.startsWith(ACTUATOR + "/");
    }

    private static void write(JsonMapper json, HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
