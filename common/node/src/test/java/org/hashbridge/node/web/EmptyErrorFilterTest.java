package org.hashbridge.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class EmptyErrorFilterTest {

    private final EmptyErrorFilter filter = new EmptyErrorFilter(JsonMapper.builder().build());

    private MockHttpServletResponse answer(FilterChain handler) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/actuator/health/db"), response, handler);
        return response;
    }

    /** As the actuator answers a health component that does not exist: a status, headers flushed, no body. */
    @Test
    void anErrorLeftWithoutABodyGetsTheProblemForItsStatus() throws Exception {
        MockHttpServletResponse response = answer((req, res) -> {
            ((HttpServletResponse) res).setStatus(404);
            res.flushBuffer();
        });

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"code\":\"NOT_FOUND\"");
    }

    @Test
    void anErrorWithABodyIsLeftAlone() throws Exception {
        MockHttpServletResponse response = answer((req, res) -> {
            ((HttpServletResponse) res).setStatus(409);
            res.getWriter().write("{\"code\":\"CONSENT_ALREADY_REVOKED\"}");
        });

        assertThat(response.getContentAsString()).isEqualTo("{\"code\":\"CONSENT_ALREADY_REVOKED\"}");
    }

    @Test
    void aSentErrorIsLeftToTheErrorPage() throws Exception {
        MockHttpServletResponse response = answer((req, res) -> ((HttpServletResponse) res).sendError(405));

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getContentAsString()).isEmpty();
    }

    @Test
    void aSuccessWithoutABodyIsLeftAlone() throws Exception {
        MockHttpServletResponse response = answer((req, res) -> {
            ((HttpServletResponse) res).setStatus(200);
            res.flushBuffer();
        });

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.isCommitted()).isTrue();
        assertThat(response.getContentAsString()).isEmpty();
    }
}
