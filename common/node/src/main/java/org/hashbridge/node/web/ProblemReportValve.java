package org.hashbridge.node.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error page, as a problem: what Tomcat answers itself, before any servlet runs (a request
 * line, path or header it cannot parse, an unsupported HTTP version or transfer coding), gets the same
 * {@code application/problem+json} body as everything else the node answers, instead of Tomcat's HTML.
 * The guards are {@link ErrorReportValve#report}'s own: nothing is written when the status is below
 * 400, when something was written already, or when the connection can take no more.
 *
 * <p>A request Tomcat refused before any filter ran has no {@linkplain RequestIds id} yet: it gets one here (the
 * client's, when its headers could be read and it is well formed), in its answer's header and problem, as every
 * other request does.
 */
class ProblemReportValve extends ErrorReportValve {

    private final JsonMapper json;

    ProblemReportValve(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String requestId = request.getAttribute(RequestIds.ATTRIBUTE) instanceof String kept ? kept
                : RequestIds.acceptOrCreate(request.getHeader(RequestIds.HEADER));
        ProblemDetail problem;
        try (MDC.MDCCloseable id = MDC.putCloseable(RequestIds.MDC_KEY, requestId)) {
            problem = Problems.forStatus(status);
        }
        try {
            response.setHeader(RequestIds.HEADER, requestId);
            response.setStatus(problem.getStatus());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone: there is nobody left to tell
        }
    }
}
