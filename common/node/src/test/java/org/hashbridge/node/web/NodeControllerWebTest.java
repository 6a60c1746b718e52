package org.hashbridge.node.web;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hashbridge.node.web.ProblemResults.problem;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.util.ArrayList;
import java.util.List;
import org.hashbridge.node.Documents;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.config.NodeKeys;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.node.institution.Caller;
import org.hashbridge.node.institution.TestCallers;
import org.hashbridge.protocol.ReceiptAlgorithm;
import org.hashbridge.protocol.ReceiptSigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The public facts of a node over its real security: open to anyone, but never to a secret that matches nobody. */
@WebSliceTest(NodeController.class)
@Import(NodeControllerWebTest.HongKong.class)
class NodeControllerWebTest {

    private static final String OPERATOR_ADDRESS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private static final ReceiptSigner SIGNER = ReceiptSigner.generate();
    /** The P-256 key of receipts the node signed ES256 before it moved to EdDSA. */
    private static final ReceiptSigner EARLIER = ReceiptSigner.generate(ReceiptAlgorithm.ES256);

    /** The Hong Kong node's identity, as hk-node.yml configures it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class HongKong {
        @Bean
        NodeProperties nodeProperties() {
            return new NodeProperties("hk", "HK", null, List.of("sha-256", "sm3"), null, List.of("zh-HK", "en"));
        }
    }

    @Autowired
    private MockMvc mvc;
    @MockitoBean
    private RegistryChain chain;
    @MockitoBean
    private NodeKeys keys;

    @BeforeEach
    void aChainAndKeys() {
        when(chain.chainId()).thenReturn(Documents.CHAIN_ID);
        when(chain.registryAddress()).thenReturn(Documents.REGISTRY);
        when(chain.operatorAddress()).thenReturn(OPERATOR_ADDRESS);
        when(keys.receiptSigner()).thenReturn(SIGNER);
        List<JWK> published = new ArrayList<>(SIGNER.publicKeys().getKeys());
        published.addAll(EARLIER.publicKeys().getKeys());
        when(keys.receiptKeys()).thenReturn(new JWKSet(published));
    }

    @Test
    void anyoneReadsWhoRunsTheNodeWithTheNamesTheContractFixes() throws Exception {
        mvc.perform(get("/api/v1/node"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.operator").value("hk"))
                .andExpect(jsonPath("$.jurisdiction").value("HK"))
                .andExpect(jsonPath("$.chainId").value(Documents.CHAIN_ID))
                .andExpect(jsonPath("$.registryAddress").value(Documents.REGISTRY))
                .andExpect(jsonPath("$.digestAlgorithms", contains("sha-256", "sm3")))
                .andExpect(jsonPath("$.operatorAddress").value(OPERATOR_ADDRESS))
                .andExpect(jsonPath("$.languages", contains("zh-HK", "en")));
    }

    @Test
    void anyoneReadsTheReceiptKeysAsACacheableJwkSet() throws Exception {
        mvc.perform(get("/api/v1/receipt-keys"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/jwk-set+json"))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=300, public"))
                .andExpect(jsonPath("$.keys.length()").value(2))
                .andExpect(jsonPath("$.keys[0].kid").value(SIGNER.keyId()))
                .andExpect(jsonPath("$.keys[0].crv").value("Ed25519"))
                .andExpect(jsonPath("$.keys[0].alg").value("EdDSA"))
                .andExpect(jsonPath("$.keys[1].kid").value(EARLIER.keyId()))
                .andExpect(jsonPath("$.keys[1].crv").value("P-256"))
                .andExpect(jsonPath("$.keys[1].alg").value("ES256"))
                .andExpect(jsonPath("$.keys[*].d").isEmpty());
        mvc.perform(get("/api/v1/receipt-keys").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
    }

    @Test
    void everyRoleReadsThemToo() throws Exception {
        for (Caller caller : TestCallers.ALL) {
            mvc.perform(get("/api/v1/node").header(HttpHeaders.AUTHORIZATION, TestCallers.bearer(caller)))
                    .andExpect(status().isOk());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/node", "/api/v1/receipt-keys"})
    void aSecretThatMatchesNobodyIsRefusedEvenOnAPublicPath(String path) throws Exception {
        mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestCallers.UNKNOWN_KEY))
                .andExpect(problem(401, "UNKNOWN_CREDENTIAL"))
                .andExpect(jsonPath("$.detail", containsString("banks verify (and issuers anchor, residents consent) at their home node")));
        mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, "bearer " + TestCallers.UNKNOWN_KEY))
                .andExpect(problem(401, "UNKNOWN_CREDENTIAL"));
    }

    @Test
    void aPathOpenToNobodyIsUnauthenticatedForAnonymousCallersAndForbiddenForEveryRole() throws Exception {
        mvc.perform(get("/api/v1/nodes")).andExpect(problem(401, "UNAUTHENTICATED"));
        for (Caller caller : TestCallers.ALL) {
            mvc.perform(get("/api/v2/node").header(HttpHeaders.AUTHORIZATION, TestCallers.bearer(caller)))
                    .andExpect(problem(403, "FORBIDDEN_ROLE"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator", "/actuator/metrics", "/actuator/env", "/actuator/heapdump", "/actuator/shutdown",
            "/actuator/no-such-endpoint", "/actuator/prometheus/x"})
    void anActuatorPathNotServedIsNotFoundForAnyoneNotUnauthenticated(String path) throws Exception {
        mvc.perform(get(path)).andExpect(problem(404, "NOT_FOUND"));
        mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, TestCallers.bearer(TestCallers.VERIFIER)))
                .andExpect(problem(404, "NOT_FOUND"));
    }

    @Test
    void whatTheFiltersAndSpringMvcRefuseIsAProblemToo() throws Exception {
        mvc.perform(delete("/api/v1/node")
                        .header(HttpHeaders.AUTHORIZATION, TestCallers.bearer(TestCallers.ISSUER)))
                .andExpect(problem(403, "FORBIDDEN_ROLE"));
        mvc.perform(get("/api/v1/node").header(HttpHeaders.CONTENT_TYPE, "*/*"))
                .andExpect(problem(415, "UNSUPPORTED_MEDIA_TYPE"));
        mvc.perform(get("/api/v1/node").header(HttpHeaders.ACCEPT, "a/b/c"))
                .andExpect(problem(406, "NOT_ACCEPTABLE"));
        mvc.perform(get("/api/v1/node").header(HttpHeaders.ACCEPT, "application/xml"))
                .andExpect(problem(406, "NOT_ACCEPTABLE"));
    }
}
