package org.hashbridge.node.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.node.web.ProblemResults.problem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.config.NodeKeys;
import org.hashbridge.node.institution.TestCallers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every answer names its request's id, and every problem carries it, whichever part of the node refused the
 * request: the body size limit, the request checks, the security entry point. An id a client offers is kept
 * only when it is short and plain; otherwise the node makes its own.
 */
@WebSliceTest(NodeController.class)
@Import(NodeControllerWebTest.HongKong.class)
class RequestIdWebTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @Autowired
    private MockMvc mvc;
    // what the node answers does not matter here, only that it answers
    @MockitoBean
    private RegistryChain chain;
    @MockitoBean
    private NodeKeys keys;

    @ParameterizedTest
    @ValueSource(strings = {"loan-2026-0042", "7f3c2a10-8e55-4c1b-9d0e-3b6f2f0a9c11", "abc:def_1.2", "x"})
    void aPlainIdTheClientSendsIsAnsweredBack(String offered) throws Exception {
        mvc.perform(get("/api/v1/node").header(RequestIds.HEADER, offered))
                .andExpect(status().isOk())
                .andExpect(header().string(RequestIds.HEADER, offered));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "<script>", "id;drop", "line\nbreak", "ünïcode", "hbk_key/with+slash=",
            "0123456789012345678901234567890123456789012345678901234567890123456789"})
    void anyOtherIdIsReplacedByOneOfTheNode(String offered) throws Exception {
        // a line break is refused by the request firewall (400): its problem still names the node's id
        MvcResult answer = mvc.perform(get("/api/v1/node").header(RequestIds.HEADER, offered)).andReturn();

        String answered = answer.getResponse().getHeader(RequestIds.HEADER);
        assertThat(answered).matches(UUID).isNotEqualTo(offered);
        assertThat(answer.getResponse().getContentAsString()).doesNotContain(offered.isEmpty() ? "\"\"" : offered);
    }

    @Test
    void aRequestWithoutAnIdGetsANewOneEachTime() throws Exception {
        String first = answeredId(get("/api/v1/node"));
        String second = answeredId(get("/api/v1/node"));

        assertThat(first).matches(UUID);
        assertThat(second).matches(UUID).isNotEqualTo(first);
    }

    @Test
    void theSecurityEntryPointsProblemCarriesTheId() throws Exception {
        mvc.perform(get("/api/v1/node").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestCallers.UNKNOWN_KEY)
                        .header(RequestIds.HEADER, "bank-retry-3"))
                .andExpect(problem(401, "UNKNOWN_CREDENTIAL"))
                .andExpect(header().string(RequestIds.HEADER, "bank-retry-3"))
                .andExpect(jsonPath("$.requestId").value("bank-retry-3"));
    }

    @Test
    void theBodySizeLimitsProblemCarriesTheNodesOwnId() throws Exception {
        MvcResult answer = mvc.perform(post("/api/v1/anchors").contentType("application/json")
                        .content(new byte[70_000]))
                .andExpect(problem(413, "BODY_TOO_LARGE"))
                .andReturn();

        String id = answer.getResponse().getHeader(RequestIds.HEADER);
        assertThat(id).matches(UUID);
        assertThat(answer.getResponse().getContentAsString()).contains("\"requestId\":\"" + id + "\"");
    }

    @Test
    void theRequestChecksProblemCarriesTheId() throws Exception {
        mvc.perform(get("/api/v1/node").header(HttpHeaders.CONTENT_TYPE, "not a type").header(RequestIds.HEADER, "r-415"))
                .andExpect(problem(415, "UNSUPPORTED_MEDIA_TYPE"))
                .andExpect(jsonPath("$.requestId").value("r-415"));
    }

    @Test
    void noIdOutlivesItsRequest() throws Exception {
        mvc.perform(get("/api/v1/node").header(RequestIds.HEADER, "gone-after")).andExpect(status().isOk());

        assertThat(RequestIds.current()).isNull();
        assertThat(Problems.of(HttpStatus.CONFLICT, "X", "x", "x").getProperties())
                .doesNotContainKey(RequestIds.MDC_KEY);
    }

    private String answeredId(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getHeader(RequestIds.HEADER);
    }
}
