package org.hashbridge.node.institution.web;

import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hashbridge.node.institution.TestCallers.VERIFIER;
import static org.hashbridge.node.institution.TestCallers.bearer;
import static org.hashbridge.node.web.ProblemResults.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.hashbridge.node.institution.ChainView;
import org.hashbridge.node.institution.InstitutionLifecycle;
import org.hashbridge.node.institution.InstitutionView;
import org.hashbridge.node.institution.IssuedSecret;
import org.hashbridge.node.institution.ResidentCredentials;
import org.hashbridge.node.institution.Role;
import org.hashbridge.node.web.WebSliceTest;
import org.hashbridge.protocol.InstitutionId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The operator API over the node's security and problem handling; the lifecycle services are test doubles. */
@WebSliceTest(OperatorController.class)
class OperatorControllerWebTest {

    private static final InstitutionId BANK = new InstitutionId("hk.new-bank");
    private static final Instant CREATED = Instant.parse("2026-11-30T08:00:00Z");

    @Autowired
    private MockMvc mvc;
    @MockitoBean
    private InstitutionLifecycle lifecycle;
    @MockitoBean
    private ResidentCredentials residents;

    private static MockHttpServletRequestBuilder asOperator(MockHttpServletRequestBuilder request) {
        return request.with(user("op").roles("OPERATOR"));
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return asOperator(request).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static InstitutionView bank(boolean active, ChainView chain) {
        return new InstitutionView(BANK.value(), Role.VERIFIER, active, CREATED, Optional.empty(), 1, chain, !chain.agrees(active));
    }

    @Test
    void onboardingAnswers201WithTheKeyOnceWhenTheChainRegisteredIt() throws Exception {
        when(lifecycle.onboard(BANK, Role.VERIFIER)).thenReturn(new InstitutionLifecycle.Onboarded(
                bank(true, new ChainView(ChainView.State.ACTIVE, Optional.of(42L), Optional.empty())), new IssuedSecret(BANK.value(), new UUID(0, 1), "hbk_secret")));

        mvc.perform(json(post("/api/v1/operator/institutions"), "{\"id\":\"hk.new-bank\",\"role\":\"VERIFIER\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, "/api/v1/operator/institutions/hk.new-bank"))
                .andExpect(jsonPath("$.institution.status").value("ACTIVE"))
                .andExpect(jsonPath("$.institution.chain.state").value("ACTIVE"))
                .andExpect(jsonPath("$.institution.chain.writtenInBlock").value(42))
                .andExpect(jsonPath("$.institution.pending").value(false))
                .andExpect(jsonPath("$.apiKey.secret").value("hbk_secret"));
    }

    @Test
    void aChangeTheChainHasNotTakenYetIs202AndSaysWhy() throws Exception {
        when(lifecycle.suspend(BANK)).thenReturn(bank(false, new ChainView(ChainView.State.UNKNOWN, Optional.empty(), Optional.of("the chain cannot be reached"))));

        mvc.perform(asOperator(post("/api/v1/operator/institutions/hk.new-bank:suspend")))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("SUSPENDED"))
                .andExpect(jsonPath("$.chain.state").value("UNKNOWN"))
                .andExpect(jsonPath("$.chain.reason").value("the chain cannot be reached"))
                .andExpect(jsonPath("$.pending").value(true));
    }

    @Test
    void aSuspensionTheChainTookIs200() throws Exception {
        when(lifecycle.suspend(BANK)).thenReturn(bank(false, new ChainView(ChainView.State.SUSPENDED, Optional.of(7L), Optional.empty())));

        mvc.perform(asOperator(post("/api/v1/operator/institutions/hk.new-bank:suspend")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.pending").value(false));
    }

    @Test
    void keysAreListedWithoutSecretOrHash() throws Exception {
        when(lifecycle.keys(BANK)).thenReturn(java.util.List.of(
                new org.hashbridge.node.institution.ApiKeyView(new UUID(0, 1), CREATED, Optional.of(CREATED.plusSeconds(60))),
                new org.hashbridge.node.institution.ApiKeyView(new UUID(0, 2), CREATED, Optional.empty())));

        mvc.perform(asOperator(get("/api/v1/operator/institutions/hk.new-bank/api-keys")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.apiKeys[0].revokedAt").value("2026-11-30T08:01:00Z"))
                .andExpect(jsonPath("$.apiKeys[1].revokedAt").doesNotExist())
                .andExpect(content().string(not(containsString("secret"))))
                .andExpect(content().string(not(containsString("hash"))));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"id\":\"HK.Bank\",\"role\":\"VERIFIER\"}|INVALID_INSTITUTION",
            "{\"id\":\"hk.bank\",\"role\":\"RESIDENT\"}|INVALID_ROLE",
            "{\"id\":\"hk.bank\",\"role\":\"verifier\"}|INVALID_ROLE",
            "{\"id\":\"hk.bank\"}|INVALID_ROLE",
            "{\"id\":\"hk.bank\",\"role\":\"VERIFIER\",\"active\":false}|UNKNOWN_FIELD",
            "{\"id\":\"hk.bank\",\"role\":\"VERIFIER\",\"apiKeySha256\":\"00\"}|UNKNOWN_FIELD",
            "[\"hk.bank\",\"VERIFIER\"]|MALFORMED_JSON",
            "{\"id\":[\"hk.bank\"],\"role\":\"VERIFIER\"}|MALFORMED_JSON",
            "{\"id\":\"hk.bank\",|MALFORMED_JSON",
            "{\"id\":\"hk.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"role\":\"VERIFIER\"}|INVALID_INSTITUTION"})
    void malformedOnboardingIs400AndReachesNoService(String body, String code) throws Exception {
        mvc.perform(json(post("/api/v1/operator/institutions"), body)).andExpect(problem(400, code));
        verifyNoInteractions(lifecycle);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/api/v1/operator/institutions/HK.BANK, INVALID_INSTITUTION",
            "/api/v1/operator/institutions/hk..bank/api-keys, INVALID_INSTITUTION",
            "/api/v1/operator/institutions/hk.bank/api-keys/not-a-uuid, INVALID_KEY_ID"})
    void malformedPathsAre400(String path, String code) throws Exception {
        var request = path.contains("/api-keys/") ? delete(path) : get(path);
        mvc.perform(asOperator(request)).andExpect(problem(400, code));
        verifyNoInteractions(lifecycle);
    }

    @Test
    void aResidentWithABadSubjectOrAnUnknownFieldIsRefused() throws Exception {
        mvc.perform(json(post("/api/v1/operator/residents"), "{\"subject\":\"\"}")).andExpect(problem(400, "INVALID_SUBJECT"));
        mvc.perform(json(post("/api/v1/operator/residents"), "{\"subject\":\"" + "A".repeat(129) + "\"}"))
                .andExpect(problem(400, "INVALID_SUBJECT"));
        mvc.perform(json(post("/api/v1/operator/residents"), "{\"subject\":\"HK-A1\",\"credential\":\"x\"}"))
                .andExpect(problem(400, "UNKNOWN_FIELD"));
        verifyNoInteractions(residents);
    }

    @Test
    void aResidentsCredentialIsShownOnce() throws Exception {
        when(residents.provision(any())).thenReturn(new IssuedSecret("HK-A1234567", null, "hbr_secret"));

        mvc.perform(json(post("/api/v1/operator/residents"), "{\"subject\":\" hk-a1234567 \"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.subject").value("HK-A1234567"))
                .andExpect(jsonPath("$.credential").value("hbr_secret"));
    }

    @Test
    void onlyAnOperatorReachesTheOperatorApi() throws Exception {
        mvc.perform(get("/api/v1/operator/institutions")).andExpect(problem(401, "UNAUTHENTICATED"));
        mvc.perform(get("/api/v1/operator/institutions").header(HttpHeaders.AUTHORIZATION, bearer(VERIFIER)))
                .andExpect(problem(403, "FORBIDDEN_ROLE"));
        mvc.perform(post("/api/v1/operator/institutions/hk.new-bank:suspend").with(user("bank").roles("VERIFIER")))
                .andExpect(problem(403, "FORBIDDEN_ROLE"));
        verifyNoInteractions(lifecycle, residents);
        when(lifecycle.list()).thenReturn(java.util.List.of());
        mvc.perform(asOperator(get("/api/v1/operator/institutions"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.institutions").isEmpty());
    }
}
