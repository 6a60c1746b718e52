package org.hashbridge.node.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;
import tools.jackson.databind.json.JsonMapper;

class RequestCheckFilterTest {

    private final RequestCheckFilter filter = new RequestCheckFilter(JsonMapper.builder().build());
    private final AtomicReference<HttpServletRequest> passed = new AtomicReference<>();

    private MockHttpServletResponse filter(HttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> passed.set((HttpServletRequest) req));
        return response;
    }

    private static MockHttpServletRequest get(String header, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/health");
        request.addHeader(header, value);
        return request;
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", ";;;", "x", "application/json, text/plain"})
    void aContentTypeThatCannotBeReadOrIsAWildcardIs415(String contentType) throws Exception {
        MockHttpServletResponse response = filter(get("Content-Type", contentType));

        assertThat(response.getStatus()).isEqualTo(415);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"code\":\"UNSUPPORTED_MEDIA_TYPE\"");
        assertThat(passed).hasNullValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b/c", "application/json;q=abc", "/", "\"", "text/*;charset=\"unclosed"})
    void anAcceptThatCannotBeReadIs406(String accept) throws Exception {
        MockHttpServletResponse response = filter(get("Accept", accept));

        assertThat(response.getStatus()).isEqualTo(406);
        assertThat(response.getContentAsString()).contains("\"code\":\"NOT_ACCEPTABLE\"");
        assertThat(passed).hasNullValue();
    }

    @Test
    void emptyAcceptElementsAreDropped() throws Exception {
        filter(get("Accept", ",,,"));

        assertThat(passed.get().getHeader("Accept")).isNull();
        assertThat(Collections.list(passed.get().getHeaderNames())).doesNotContain("Accept");

        filter(get("Accept", "application/json, ,text/plain;q=0.5,"));

        assertThat(passed.get().getHeader("Accept")).isEqualTo("application/json, text/plain;q=0.5");
    }

    @Test
    void aReadableRequestGoesOnUntouched() throws Exception {
        MockHttpServletRequest request = get("Content-Type", "application/json");

        assertThat(filter(request).getStatus()).isEqualTo(200);
        assertThat(passed.get()).isSameAs(request);
    }

    /** The firewall checks parameters only when read; the filter reads them all, so a refusal comes first. */
    @Test
    void readsEveryParameterAndHeaderThroughTheFirewall() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/health");
        request.addParameter("\nFORGED", "1");
        HttpServletRequest firewalled = new FirewallConfiguration().httpFirewall().getFirewalledRequest(request);

        assertThatThrownBy(() -> filter(firewalled)).isInstanceOf(RequestRejectedException.class);
        assertThat(passed).hasNullValue();

        MockHttpServletRequest header = get("X-Value", "a\u0000b");
        HttpServletRequest firewalledHeader = new FirewallConfiguration().httpFirewall().getFirewalledRequest(header);
        assertThatThrownBy(() -> filter(firewalledHeader)).isInstanceOf(RequestRejectedException.class);
    }
}
