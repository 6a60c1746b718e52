package org.hashbridge.node.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads, once, every part of a request that any handler might read later, so that bad input is refused
 * here with a problem instead of failing inside whichever handler happens to read it (the actuator, the
 * error page, springdoc):
 * <ul>
 *   <li>every header and parameter, through the request firewall, which checks them only when they are
 *       read (a refusal is answered by the firewall's {@code RequestRejectedHandler});</li>
 *   <li>{@code Content-Type}: a type that cannot be parsed, or a wildcard, is 415
 *       {@code UNSUPPORTED_MEDIA_TYPE};</li>
 *   <li>{@code Accept}: a media range that cannot be parsed is 406 {@code NOT_ACCEPTABLE}; empty list
 *       elements ({@code Accept: ,,,}), which HTTP allows, are dropped.</li>
 * </ul>
 * It runs after Spring Security's filter chain, on the request the firewall wrapped.
 */
@Component
@Order(0)
class RequestCheckFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    RequestCheckFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (String name : Collections.list(request.getHeaderNames())) {
            Collections.list(request.getHeaders(name));
        }
        request.getParameterMap().forEach((name, values) -> {
        });
        if (!readableContentType(request.getContentType())) {
            Problems.write(json, response, Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                    "Unsupported media type", "the Content-Type is not a media type this node reads"));
            return;
        }
        List<String> accept = acceptedRanges(request);
        if (accept == null) {
            Problems.write(json, response, Problems.of(HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE", "Not acceptable",
                    "the Accept header cannot be read"));
            return;
        }
        chain.doFilter(request.getHeader(HttpHeaders.ACCEPT) == null ? request : new AcceptRequest(request, accept),
                response);
    }

    private static boolean readableContentType(String contentType) {
        if (contentType == null) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** The media ranges of every Accept header, empty elements dropped; null when one cannot be parsed. */
    private static List<String> acceptedRanges(HttpServletRequest request) {
        List<String> ranges = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders(HttpHeaders.ACCEPT))) {
            for (String range : MimeTypeUtils.tokenize(header)) {
                if (!range.isBlank()) {
                    ranges.add(range.strip());
                }
            }
        }
        try {
            MediaType.parseMediaTypes(ranges);
            return ranges;
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }

    /** The request with its Accept header as the list of its non-empty media ranges. */
    private static final class AcceptRequest extends HttpServletRequestWrapper {
        private final List<String> accept;

        AcceptRequest(HttpServletRequest request, List<String> accept) {
            super(request);
            this.accept = accept;
        }

        @Override
        public String getHeader(String name) {
            if (!HttpHeaders.ACCEPT.equalsIgnoreCase(name)) {
                return super.getHeader(name);
            }
            return accept.isEmpty() ? null : String.join(", ", accept);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (!HttpHeaders.ACCEPT.equalsIgnoreCase(name)) {
                return super.getHeaders(name);
            }
            return Collections.enumeration(accept.isEmpty() ? List.of() : List.of(String.join(", ", accept)));
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            if (accept.isEmpty()) {
                names.removeIf(HttpHeaders.ACCEPT::equalsIgnoreCase);
            }
            return Collections.enumeration(names);
        }
    }
}
