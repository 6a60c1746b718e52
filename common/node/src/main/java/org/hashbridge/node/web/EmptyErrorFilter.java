package org.hashbridge.node.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives a problem body to an error answer that a handler left empty, such as the actuator's 404 for a
 * health component that does not exist ({@code /actuator/health/db}): an error status set without a
 * body and without {@code sendError}, which neither Spring MVC's exception handling nor the container's
 * error page ever sees. Such an answer is held back from the wire until the handler is done, then
 * written as the problem for its status.
 */
@Component
@Order(1)
class EmptyErrorFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    EmptyErrorFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Watched watched = new Watched(response);
        chain.doFilter(request, watched);
        if (watched.emptyError() && !response.isCommitted()) {
            Problems.write(json, response, Problems.forStatus(response.getStatus()));
        }
    }

    /** The response, noting whether a body was started or an error sent, and holding back an empty error. */
    private static final class Watched extends HttpServletResponseWrapper {
        private boolean bodyStarted;
        private boolean errorSent;

        Watched(HttpServletResponse response) {
            super(response);
        }

        boolean emptyError() {
            return getStatus() >= 400 && !bodyStarted && !errorSent;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            bodyStarted = true;
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            bodyStarted = true;
            return super.getWriter();
        }

        @Override
        public void sendError(int status) throws IOException {
            errorSent = true;
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            errorSent = true;
            super.sendError(status, message);
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!emptyError()) {
                super.flushBuffer();
            }
        }
    }
}
