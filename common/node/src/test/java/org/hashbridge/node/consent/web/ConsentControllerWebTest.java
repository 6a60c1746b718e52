package org.hashbridge.node.consent.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hashbridge.node.institution.TestCallers.RESIDENT;
import static org.hashbridge.node.institution.TestCallers.bearer;
import static org.hashbridge.node.web.ProblemResults.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.consent.AccessPage;
import org.hashbridge.node.consent.ConsentService;
import org.hashbridge.node.consent.ConsentStatus;
import org.hashbridge.node.consent.ConsentView;
import org.hashbridge.node.consent.Consents;
import org.hashbridge.node.web.Endpoint;
import org.hashbridge.node.web.WebSliceTest;
import org.hashbridge.protocol.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/** The resident's API over its real security and problem handling, the consent service a test double. */
@WebSliceTest(ConsentController.class)
class ConsentControllerWebTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ConsentView AUTHORISED = Consents.view(ConsentStatus.AUTHORISED);
    private static final UUID ID = AUTHORISED.consentId();

    @Autowired
    private MockMvc mvc;
    @MockitoBean
    private ConsentService consents;

    private static Map<String, Object> grant() {
        return new HashMap<>(Map.of("subject", "HK-A1234567", "issuer", "hk.transunion", "verifier", "cn.abc-shenzhen",
                "documentType", "credit-report", "purpose", "consumer loan application", "validUntil", "2027-01-31"));
    }

    private static Map<String, Object> grantWith(String member, Object value) {
        Map<String, Object> body = grant();
        body.put(member, value);
        return body;
    }

    private static MockHttpServletRequestBuilder postGrant(Object body) {
        return post("/api/v1/consents").header(HttpHeaders.AUTHORIZATION, bearer(RESIDENT))
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body));
    }

    private static MockHttpServletRequestBuilder asResident(MockHttpServletRequestBuilder request) {
        return request.header(HttpHeaders.AUTHORIZATION, bearer(RESIDENT));
    }

    @Test
    void aConsentOnChainIs201WithItsTokenAndLocation() throws Exception {
        when(consents.grant(eq(RESIDENT), any())).thenReturn(AUTHORISED);

        mvc.perform(postGrant(grantWith("subject", " hk-a1234567 ")))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, "/api/v1/consents/" + ID))
                .andExpect(jsonPath("$.consentId").value(ID.toString()))
                .andExpect(jsonPath("$.status").value("AUTHORISED"))
                .andExpect(jsonPath("$.token").value(AUTHORISED.token()))
                .andExpect(jsonPath("$.commitment").value(AUTHORISED.commitment()))
                .andExpect(jsonPath("$.issuer").value("hk.transunion"))
                .andExpect(jsonPath("$.verifier").value("cn.abc-shenzhen"))
                .andExpect(jsonPath("$.documentType").value("credit-report"))
                .andExpect(jsonPath("$.purpose").value("consumer loan application"))
                .andExpect(jsonPath("$.issuedAt").value("2026-03-02T09:30:00Z"))
                .andExpect(jsonPath("$.validUntil").value("2027-01-31T23:59:59Z"))
                .andExpect(jsonPath("$.expired").value(false))
                .andExpect(jsonPath("$.revokedAt").doesNotExist())
                .andExpect(jsonPath("$.failureReason").doesNotExist());

        ArgumentCaptor<ConsentService.Grant> asked = ArgumentCaptor.forClass(ConsentService.Grant.class);
        verify(consents).grant(eq(RESIDENT), asked.capture());
        assertThat(asked.getValue()).as("the subject normalised, the date read as its last second")
                .isEqualTo(new ConsentService.Grant("HK-A1234567", "hk.transunion", "cn.abc-shenzhen", "credit-report",
                        "consumer loan application", Instant.parse("2027-01-31T23:59:59Z")));
    }

    @Test
    void aConsentStillBeingRecordedIs202WithItsLocation() throws Exception {
        ConsentView pending = Consents.view(ConsentStatus.PENDING);
        when(consents.grant(eq(RESIDENT), any())).thenReturn(pending);

        mvc.perform(postGrant(grant()))
                .andExpect(status().isAccepted())
                .andExpect(header().string(HttpHeaders.LOCATION, "/api/v1/consents/" + pending.consentId()))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.token").value(pending.token()));
    }

    @Test
    void aFailedConsentSaysWhyAndAListHoldsTheResidentsConsents() throws Exception {
        ConsentView failed = Consents.view(ConsentStatus.FAILED);
        when(consents.find(RESIDENT, failed.consentId())).thenReturn(failed);
        when(consents.list(RESIDENT)).thenReturn(List.of(failed, AUTHORISED));

        mvc.perform(asResident(get("/api/v1/consents/" + failed.consentId())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("FAILED"))
                .andExpect(jsonPath("$.failureReason").value("VerifierSuspended"));
        mvc.perform(asResident(get("/api/v1/consents")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.consents.length()").value(2))
                .andExpect(jsonPath("$.consents[0].consentId").value(failed.consentId().toString()))
                .andExpect(jsonPath("$.consents[1].status").value("AUTHORISED"));
    }

    @Test
    void aRevocationOnChainIs200AndOneStillBeingWrittenIs202() throws Exception {
        when(consents.revoke(RESIDENT, ID)).thenReturn(Consents.view(ConsentStatus.REVOKED), Consents.view(ConsentStatus.REVOKING));

        mvc.perform(asResident(delete("/api/v1/consents/" + ID)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REVOKED"))
                .andExpect(jsonPath("$.revokedAt").value("2026-03-02T10:30:00Z"));
        mvc.perform(asResident(delete("/api/v1/consents/" + ID)))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("REVOKING"));
    }

    @Test
    void theAccessesComeAPageAtATimeFiftyByDefault() throws Exception {
        when(consents.accesses(RESIDENT, ID, new AccessPage.Request(0, AccessPage.DEFAULT_SIZE))).thenReturn(Consents.oneAccess());

        mvc.perform(asResident(get("/api/v1/consents/" + ID + "/accesses")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.consentId").value(ID.toString()))
                .andExpect(jsonPath("$.accesses[0].verifier").value("cn.abc-shenzhen"))
                .andExpect(jsonPath("$.accesses[0].at").value("2026-03-02T09:31:00Z"))
                .andExpect(jsonPath("$.accesses[0].verdict").value("VERIFIED"))
                .andExpect(jsonPath("$.accesses[0].receipt").value("d9".repeat(32)))
                .andExpect(jsonPath("$.accesses[0].transaction").value("0x" + "7f".repeat(32)))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(50))
                .andExpect(jsonPath("$.total").value(1));

        when(consents.accesses(RESIDENT, ID, new AccessPage.Request(3, 200)))
                .thenReturn(new AccessPage(List.of(), 3, 200, 1));
        mvc.perform(asResident(get("/api/v1/consents/" + ID + "/accesses").param("page", "3").param("size", "200")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accesses.length()").value(0))
                .andExpect(jsonPath("$.page").value(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=-1", "size=0", "size=201", "page=x", "size=1e3", "page=99999999999999999999", "size="})
    void aPageOutsideItsRangeIsRefusedBeforeTheService(String query) throws Exception {
        mvc.perform(asResident(get("/api/v1/consents/" + ID + "/accesses?" + query))).andExpect(problem(400, "INVALID_PAGE"));
        verifyNoInteractions(consents);
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(Endpoint.post("/api/v1/consents", JSON.writeValueAsString(grant())),
                Endpoint.get("/api/v1/consents"),
                Endpoint.get("/api/v1/consents/" + ID),
                Endpoint.delete("/api/v1/consents/" + ID),
                Endpoint.get("/api/v1/consents/" + ID + "/accesses"));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void onlyResidentsAreAnswered(Endpoint endpoint) throws Exception {
        endpoint.assertOpenOnlyTo(RESIDENT, mvc);
        verifyNoInteractions(consents);
    }

    @Test
    void aBodyThatIsNotTheJsonOfAGrantIsMalformed() throws Exception {
        String valid = JSON.writeValueAsString(grant());
        for (String body : new String[]{"{\"subject\":", "", "null", "{\"subject\":\"HK-A1234567\",\"subject\":\"HK-Z9999999\"}",
                valid.replace("\"consumer loan application\"", "[\"consumer loan application\"]"),
                valid.replace("\"hk.transunion\"", "{\"id\":\"hk.transunion\"}")}) {
            mvc.perform(asResident(post("/api/v1/consents")).contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(problem(400, "MALFORMED_JSON"));
        }
        verifyNoInteractions(consents);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "HK-A1234567\u0000", "HK-A1234567\nFORGED line", "\u202EHK-A1234567"})
    void aSubjectIsOneToOneHundredAndTwentyEightPrintableCharacters(String subject) throws Exception {
        mvc.perform(postGrant(grantWith("subject", subject)))
                .andExpect(problem(400, "INVALID_SUBJECT"))
                .andExpect(content().string(not(containsString("FORGED"))));
        verifyNoInteractions(consents);
    }

    @Test
    void aSubjectIsRequiredAndAtMost128Characters() throws Exception {
        Map<String, Object> missing = grant();
        missing.remove("subject");
        mvc.perform(postGrant(missing)).andExpect(problem(400, "INVALID_SUBJECT"));
        mvc.perform(postGrant(grantWith("subject", "X".repeat(129)))).andExpect(problem(400, "INVALID_SUBJECT"));
        verifyNoInteractions(consents);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "loan\u0000", "loan\nFORGED line", "\u202Eloan", "loan\u0007", "loan\u001b[31m"})
    void aPurposeIsPrintableText(String purpose) throws Exception {
        mvc.perform(postGrant(grantWith("purpose", purpose)))
                .andExpect(problem(400, "INVALID_PURPOSE"))
                .andExpect(content().string(not(containsString("FORGED"))));
        verifyNoInteractions(consents);
    }

    @Test
    void aPurposeIsRequiredAtMost200CharactersAndWholeCodePoints() throws Exception {
        Map<String, Object> missing = grant();
        missing.remove("purpose");
        mvc.perform(postGrant(missing)).andExpect(problem(400, "INVALID_PURPOSE"));
        mvc.perform(postGrant(grantWith("purpose", "p".repeat(201)))).andExpect(problem(400, "INVALID_PURPOSE"));
        String loneSurrogate = JSON.writeValueAsString(grantWith("purpose", "loan-surrogate")).replace("loan-surrogate", "loan\\ud800");
        mvc.perform(asResident(post("/api/v1/consents")).contentType(MediaType.APPLICATION_JSON).content(loneSurrogate))
                .andExpect(problem(400, "INVALID_PURPOSE"));
        verifyNoInteractions(consents);

        when(consents.grant(eq(RESIDENT), any())).thenReturn(AUTHORISED);
        mvc.perform(postGrant(grantWith("purpose", "家".repeat(200)))).andExpect(status().isCreated());
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "", "2027-02-30", "+294277-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2027-13-01"})
    void aValidUntilThatIsNotAnInstantFrom1970To9999IsRefusedBeforeTheService(String validUntil) throws Exception {
        mvc.perform(postGrant(grantWith("validUntil", validUntil))).andExpect(problem(400, "INVALID_VALID_UNTIL"));
        verifyNoInteractions(consents);
    }

    @Test
    void aConsentIdIsAUuid() throws Exception {
        mvc.perform(asResident(get("/api/v1/consents/not-a-uuid"))).andExpect(problem(400, "INVALID_CONSENT_ID"));
        mvc.perform(asResident(delete("/api/v1/consents/not-a-uuid"))).andExpect(problem(400, "INVALID_CONSENT_ID"));
        mvc.perform(asResident(get("/api/v1/consents/0/accesses"))).andExpect(problem(400, "INVALID_CONSENT_ID"));
        verifyNoInteractions(consents);
    }

    static Stream<Arguments> grantRefusals() {
        return Stream.of(
                Arguments.of(Consents.subjectMismatch(), 403, "SUBJECT_MISMATCH"),
                Arguments.of(Consents.issuerNotHome("cn.baihang"), 422, "ISSUER_NOT_HOME"),
                Arguments.of(Consents.unknownVerifier("cn.nobody"), 422, "UNKNOWN_VERIFIER"),
                Arguments.of(Consents.validUntilTooFar(), 422, "VALID_UNTIL_TOO_FAR"),
                Arguments.of(Consents.refusedByRegistry(ID), 409, "CHAIN_REJECTED"),
                Arguments.of(InvalidInput.of("INVALID_INSTITUTION", "not an institution id"), 400, "INVALID_INSTITUTION"));
    }

    @ParameterizedTest
    @MethodSource("grantRefusals")
    void whatTheServiceRefusesWhenGrantingIsAProblemWithItsCode(RuntimeException refusal, int status, String code)
            throws Exception {
        when(consents.grant(eq(RESIDENT), any())).thenThrow(refusal);

        mvc.perform(postGrant(grant())).andExpect(problem(status, code));
    }

    static Stream<Arguments> revocationRefusals() {
        return Stream.of(
                Arguments.of(Consents.alreadyRevoked(ID), 409, "CONSENT_ALREADY_REVOKED"),
                Arguments.of(Consents.pending(ID), 409, "CONSENT_PENDING"),
                Arguments.of(Consents.failed(ID), 409, "CONSENT_FAILED"),
                Arguments.of(Consents.notFound(ID), 404, "CONSENT_NOT_FOUND"),
                Arguments.of(new ObjectOptimisticLockingFailureException("Consent", ID), 409, "CONCURRENT_CHANGE"),
                Arguments.of(new PessimisticLockingFailureException("could not obtain lock"), 409, "CONCURRENT_CHANGE"));
    }

    @ParameterizedTest
    @MethodSource("revocationRefusals")
    void whatTheServiceRefusesWhenRevokingIsAProblemWithItsCode(RuntimeException refusal, int status, String code)
            throws Exception {
        when(consents.revoke(RESIDENT, ID)).thenThrow(refusal);

        mvc.perform(asResident(delete("/api/v1/consents/" + ID))).andExpect(problem(status, code));
    }

    @Test
    void accessesThatCannotBeReadFromTheChainAre503AndAnotherResidentsConsentIsNotFound() throws Exception {
        when(consents.accesses(eq(RESIDENT), eq(ID), any())).thenThrow(NodeException.chainUnavailable());
        UUID other = UUID.randomUUID();
        when(consents.accesses(eq(RESIDENT), eq(other), any())).thenThrow(Consents.notFound(other));

        mvc.perform(asResident(get("/api/v1/consents/" + ID + "/accesses"))).andExpect(problem(503, "CHAIN_UNAVAILABLE"));
        mvc.perform(asResident(get("/api/v1/consents/" + other + "/accesses"))).andExpect(problem(404, "CONSENT_NOT_FOUND"));
    }
}
