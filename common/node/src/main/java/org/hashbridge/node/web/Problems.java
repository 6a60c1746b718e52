package org.hashbridge.node.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.hashbridge.node.NodeException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the problem documents every error answer carries: RFC 9457 with a stable {@code code} and a
 * {@code type} derived from it, so clients branch on the code and never on the text.
 */
public final class Problems {

    private static final String TYPE_BASE = "https://hashbridge.org/problems/";

    private Problems() {
    }

    /**
     * The problem with {@code code}, carrying the {@link RequestIds#current() id of the request} being served
     * as {@code requestId}: every problem the node answers is made here, whoever writes it.
     */
    public static ProblemDetail of(HttpStatusCode status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(title);
        problem.setProperty("code", code);
        String requestId = RequestIds.current();
        if (requestId != null) {
            problem.setProperty(RequestIds.MDC_KEY, requestId);
        }
        return problem;
    }

    /** The HTTP status of a refusal of this {@code kind}: the same for the API and the dashboard's pages. */
    public static HttpStatus status(NodeException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case INVALID -> HttpStatus.BAD_REQUEST;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /**
     * The problem for an error status that the HTTP server or the servlet container set, with no more
     * said about it than its status: the code is the status name ({@code BAD_REQUEST}, {@code NOT_FOUND},
     * ...). A request the server does not implement (an unknown transfer coding, {@code CONNECT}, another
     * HTTP version) is the client's doing, so it is a 400 {@code UNSUPPORTED_PROTOCOL}, never a 5xx.
     */
    public static ProblemDetail forStatus(int status) {
        if (status == HttpStatus.NOT_IMPLEMENTED.value() || status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED.value()) {
            return of(HttpStatus.BAD_REQUEST, "UNSUPPORTED_PROTOCOL", "Unsupported protocol",
                    "the request uses an HTTP version, method or transfer coding this node does not implement");
        }
        if (status == HttpStatus.CONTENT_TOO_LARGE.value()) {
            return BodySizeLimitFilter.tooLarge();
        }
        if (status == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
            return of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Internal error",
                    "the node could not answer; nothing was changed");
        }
        HttpStatus known = HttpStatus.resolve(status);
        if (known == null || status < 400 || status == HttpStatus.BAD_REQUEST.value()) {
            return of(HttpStatus.BAD_REQUEST, "BAD_REQUEST", "Bad request",
                    "the request could not be read: its request line, path or headers are malformed or too large");
        }
        String detail = switch (known) {
            case NOT_FOUND -> "no such path";
            case METHOD_NOT_ALLOWED -> "this path does not take this method";
            default -> "the request was refused (" + known.getReasonPhrase() + ")";
        };
        return of(known, known.name(), known.getReasonPhrase(), detail);
    }

    /** Writes {@code problem} as the whole answer, {@code application/problem+json}, with its status. */
    public static void write(JsonMapper json, HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
