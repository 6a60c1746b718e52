package org.hashbridge.node.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.hashbridge.protocol.FreeText;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security's request firewall, in front of everything the node serves, and how its refusals are
 * answered. The firewall refuses paths that are not normalised ({@code //}, {@code ..;}, {@code ;}, an
 * encoded slash, dot, percent or backslash), control characters in the path, and methods outside the
 * usual seven; this configuration adds that parameter names and values must be printable
 * ({@link FreeText}), as header names and values already must. Refusals never echo or log what was
 * refused: a value that could forge a log line never reaches a log.
 */
@Configuration(proxyBeanMethods = false)
class FirewallConfiguration {

    static final Set<String> ALLOWED_METHODS = Set.of(HttpMethod.GET.name(), HttpMethod.HEAD.name(),
            HttpMethod.POST.name(), HttpMethod.PUT.name(), HttpMethod.PATCH.name(), HttpMethod.DELETE.name(),
            HttpMethod.OPTIONS.name());

    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHttpMethods(ALLOWED_METHODS);
        firewall.setAllowedParameterNames(FreeText::isPrintable);
        firewall.setAllowedParameterValues(FreeText::isPrintable);
        return firewall;
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler(JsonMapper json) {
        return (request, response, rejected) -> Problems.write(json, response, rejected(request));
    }

    /** The answer to a request the firewall refused: 405 for an unknown method, 400 otherwise. */
    static ProblemDetail rejected(HttpServletRequest request) {
        if (!ALLOWED_METHODS.contains(request.getMethod())) {
            return Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", "Method not allowed",
                    "the node answers only GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS");
        }
        return Problems.of(HttpStatus.BAD_REQUEST, "REQUEST_REJECTED", "Request rejected",
                "the path, a header or a parameter holds characters or sequences the node refuses "
                        + "(such as //, ;, an encoded slash, dot or percent, a backslash or a control character)");
    }
}
