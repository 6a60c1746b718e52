package org.hashbridge.node.anchoring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hashbridge.node.institution.TestCallers.ISSUER;
import static org.hashbridge.node.institution.TestCallers.bearer;
import static org.hashbridge.node.web.ProblemResults.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.anchoring.AnchoringService;
import org.hashbridge.node.anchoring.Anchors;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.institution.Caller;
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
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/** The issuer's API over its real security and problem handling, the anchoring service a test double. */
@WebSliceTest(AnchorController.class)
class AnchorControllerWebTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID ID = UUID.fromString("b3c33375-a14e-4e75-aa5c-f9a3877635a7");

    @Autowired
    private MockMvc mvc;
    @MockitoBean
    private AnchoringService anchoring;

    private static Map<String, Object> submission() {
        return new HashMap<>(Map.of("digest", "36f86b0a37147ecb1ad4e5ddb8d37365ed7c54432384643f6439b914b0c324dc",
                "algorithm", "sha-256", "documentType", "credit-report", "subject", "HK-A1234567",
                "validUntil", "2027-06-30"));
    }

    private static Map<String, Object> submissionWith(String member, Object value) {
        Map<String, Object> body = submission();
        body.put(member, value);
        return body;
    }

    private static MockHttpServletRequestBuilder postJson(String path, Object body, Caller caller) {
        return post(path).header(HttpHeaders.AUTHORIZATION, bearer(caller)).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(body));
    }

    @Test
    void aSubmissionIsAccepted202WithTheAnchorItsLocationAndNoFieldThatDoesNotExistYet() throws Exception {
        when(anchoring.submit(eq(ISSUER), any())).thenReturn(Anchors.pending(ID));

        mvc.perform(postJson("/api/v1/anchors", submission(), ISSUER))
                .andExpect(status().isAccepted())
                .andExpect(header().string(HttpHeaders.LOCATION, "/api/v1/anchors/" + ID))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.anchorId").value(ID.toString()))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.documentType").value("credit-report"))
                .andExpect(jsonPath("$.validUntil").value("2027-06-30T23:59:59Z"))
                .andExpect(jsonPath("$.submittedAt").value("2026-03-02T09:30:00.123456Z"))
                .andExpect(jsonPath("$.anchoredAt").doesNotExist())
                .andExpect(jsonPath("$.revokedAt").doesNotExist())
                .andExpect(jsonPath("$.voucher").doesNotExist());

        ArgumentCaptor<AnchoringService.Submission> asked = ArgumentCaptor.forClass(AnchoringService.Submission.class);
        verify(anchoring).submit(eq(ISSUER), asked.capture());
        assertThat(asked.getValue()).isEqualTo(new AnchoringService.Submission(
                "36f86b0a37147ecb1ad4e5ddb8d37365ed7c54432384643f6439b914b0c324dc", "sha-256", "credit-report",
                "HK-A1234567", Instant.parse("2027-06-30T23:59:59Z")));
    }

    @Test
    void anAnchoredAnchorCarriesItsVoucherAsAJsonObjectNotAString() throws Exception {
        when(anchoring.find(ISSUER, ID)).thenReturn(Anchors.anchored(ID));

        mvc.perform(get("/api/v1/anchors/" + ID).header(HttpHeaders.AUTHORIZATION, bearer(ISSUER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.anchorId").value(ID.toString()))
                .andExpect(jsonPath("$.status").value("ANCHORED"))
                .andExpect(jsonPath("$.anchoredAt").value("2026-03-02T09:30:02Z"))
                .andExpect(jsonPath("$.voucher.anchorId").value(ID.toString()))
                .andExpect(jsonPath("$.voucher.proof.treeSize").value(1))
                .andExpect(jsonPath("$.voucher.chain.block").value(42));
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(Endpoint.post("/api/v1/anchors", JSON.writeValueAsString(submission())),
                Endpoint.get("/api/v1/anchors/" + ID),
                Endpoint.post("/api/v1/anchors/" + ID + "/revocation", "{\"reason\":\"report superseded\"}"));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void onlyIssuersAreAnswered(Endpoint endpoint) throws Exception {
        endpoint.assertOpenOnlyTo(ISSUER, mvc);
        verifyNoInteractions(anchoring);
    }

    @Test
    void aBodyThatIsNotTheJsonOfASubmissionIsMalformed() throws Exception {
        String valid = JSON.writeValueAsString(submission());
        for (String body : new String[]{"{\"digest\":", "[]", "\"digest\"", "{\"digest\":\"a\",\"digest\":\"b\"}",
                valid.replace("\"sha-256\"", "{\"id\":\"sha-256\"}"), valid.replace("\"2027-06-30\"", "[\"2027-06-30\"]")}) {
            mvc.perform(post("/api/v1/anchors").header(HttpHeaders.AUTHORIZATION, bearer(ISSUER))
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(problem(400, "MALFORMED_JSON"));
        }
        verifyNoInteractions(anchoring);
    }

    @ParameterizedTest
    @ValueSource(strings = {"next tuesday", "", "2027-02-30", "10000-01-01", "+10000-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z", "2027-06-30T23:59:59", "-1"})
    void aValidUntilThatIsNotAnInstantFrom1970To9999IsRefusedBeforeTheService(String validUntil) throws Exception {
        mvc.perform(postJson("/api/v1/anchors", submissionWith("validUntil", validUntil), ISSUER))
                .andExpect(problem(400, "INVALID_VALID_UNTIL"));
        verifyNoInteractions(anchoring);
    }

    @Test
    void aMissingOrNumericValidUntilIsInvalidToo() throws Exception {
        Map<String, Object> missing = submission();
        missing.remove("validUntil");
        mvc.perform(postJson("/api/v1/anchors", missing, ISSUER)).andExpect(problem(400, "INVALID_VALID_UNTIL"));
        mvc.perform(postJson("/api/v1/anchors", submissionWith("validUntil", -1), ISSUER))
                .andExpect(problem(400, "INVALID_VALID_UNTIL"));
        verifyNoInteractions(anchoring);
    }

    @Test
    void onlyJsonBodiesOfAtMost64KiBAreRead() throws Exception {
        mvc.perform(post("/api/v1/anchors").header(HttpHeaders.AUTHORIZATION, bearer(ISSUER))
                        .contentType(MediaType.TEXT_PLAIN).content("hello"))
                .andExpect(problem(415, "UNSUPPORTED_MEDIA_TYPE"));
        mvc.perform(postJson("/api/v1/anchors", submissionWith("digest", "a".repeat(70_000)), ISSUER))
                .andExpect(problem(413, "BODY_TOO_LARGE"));
        verifyNoInteractions(anchoring);
    }

    @Test
    void anAnchorIdIsAUuid() throws Exception {
        mvc.perform(get("/api/v1/anchors/not-a-uuid").header(HttpHeaders.AUTHORIZATION, bearer(ISSUER)))
                .andExpect(problem(400, "INVALID_ANCHOR_ID"));
        mvc.perform(postJson("/api/v1/anchors/not-a-uuid/revocation", Map.of("reason", "superseded"), ISSUER))
                .andExpect(problem(400, "INVALID_ANCHOR_ID"));
        verifyNoInteractions(anchoring);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "superseded\u0000", "superseded\r\nFORGED line", "\u0007", "\u202Esuperseded",
            "super\u2028seded"})
    void aReasonIsPrintableText(String reason) throws Exception {
        mvc.perform(postJson("/api/v1/anchors/" + ID + "/revocation", Map.of("reason", reason), ISSUER))
                .andExpect(problem(400, "INVALID_REASON"))
                .andExpect(content().string(not(containsString("FORGED"))));
        verifyNoInteractions(anchoring);
    }

    @Test
    void aReasonIsAtMost200CharactersAndRequired() throws Exception {
        String path = "/api/v1/anchors/" + ID + "/revocation";
        mvc.perform(postJson(path, Map.of("reason", "r".repeat(201)), ISSUER)).andExpect(problem(400, "INVALID_REASON"));
        mvc.perform(postJson(path, Map.of(), ISSUER)).andExpect(problem(400, "INVALID_REASON"));
        mvc.perform(post(path).header(HttpHeaders.AUTHORIZATION, bearer(ISSUER)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"loan\\ud800\"}")).andExpect(problem(400, "INVALID_REASON"));
        verifyNoInteractions(anchoring);

        when(anchoring.revoke(ISSUER, ID, "r".repeat(200))).thenReturn(Anchors.revoked(ID, Anchors.ANCHORED.plusSeconds(60)));
        mvc.perform(postJson(path, Map.of("reason", " " + "r".repeat(200) + " "), ISSUER)).andExpect(status().isOk());
    }

    @Test
    void aRevocationOnChainIs200AndOneStillBeingWrittenIs202() throws Exception {
        String path = "/api/v1/anchors/" + ID + "/revocation";
        when(anchoring.revoke(ISSUER, ID, "report superseded"))
                .thenReturn(Anchors.revoked(ID, Instant.parse("2026-03-03T08:00:00Z")), Anchors.revoking(ID));

        mvc.perform(postJson(path, Map.of("reason", "  report superseded "), ISSUER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REVOKED"))
                .andExpect(jsonPath("$.revokedAt").value("2026-03-03T08:00:00Z"));
        mvc.perform(postJson(path, Map.of("reason", "report superseded"), ISSUER))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("REVOKING"))
                .andExpect(jsonPath("$.revokedAt").doesNotExist());
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(Anchors.validUntilPassed(), 422, "VALID_UNTIL_PASSED"),
                Arguments.of(Anchors.issuerSuspended("hk.transunion"), 422, "ISSUER_SUSPENDED"),
                Arguments.of(NodeException.algorithmNotAccepted("sm3"), 422, "ALGORITHM_NOT_ACCEPTED"),
                Arguments.of(InvalidInput.of("INVALID_DIGEST", "a digest is 64 hex characters"), 400, "INVALID_DIGEST"),
                Arguments.of(InvalidInput.of("UNKNOWN_ALGORITHM", "md5 is not a digest algorithm"), 400, "UNKNOWN_ALGORITHM"),
                Arguments.of(new DataAccessResourceFailureException("connection refused"), 503, "DATABASE_UNAVAILABLE"),
                Arguments.of(new IllegalStateException("secret internals"), 500, "INTERNAL_ERROR"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void whatTheServiceRefusesWhenSubmittingIsAProblemWithItsCode(RuntimeException refusal, int status, String code)
            throws Exception {
        when(anchoring.submit(eq(ISSUER), any())).thenThrow(refusal);

        mvc.perform(postJson("/api/v1/anchors", submission(), ISSUER))
                .andExpect(problem(status, code))
                .andExpect(content().string(not(containsString("secret internals"))))
                .andExpect(content().string(not(containsString("connection refused"))));
    }

    @Test
    void anotherIssuersOrAnUnknownAnchorIsNotFound() throws Exception {
        when(anchoring.find(ISSUER, ID)).thenThrow(Anchors.notFound(ID));

        mvc.perform(get("/api/v1/anchors/" + ID).header(HttpHeaders.AUTHORIZATION, bearer(ISSUER)))
                .andExpect(problem(404, "ANCHOR_NOT_FOUND"));
    }

    static Stream<Arguments> revocationRefusals() {
        return Stream.of(
                Arguments.of(Anchors.alreadyRevoked(ID), 409, "ANCHOR_ALREADY_REVOKED"),
                Arguments.of(Anchors.notFound(ID), 404, "ANCHOR_NOT_FOUND"),
                Arguments.of(new ObjectOptimisticLockingFailureException("AnchorSubmission", ID), 409, "CONCURRENT_CHANGE"),
                Arguments.of(ChainRejected.beforeSending("revokeLeaf", "NotAnchored"), 409, "CHAIN_REJECTED"));
    }

    @ParameterizedTest
    @MethodSource("revocationRefusals")
    void whatTheServiceRefusesWhenRevokingIsAProblemWithItsCode(RuntimeException refusal, int status, String code)
            throws Exception {
        when(anchoring.revoke(eq(ISSUER), eq(ID), anyString())).thenThrow(refusal);

        mvc.perform(postJson("/api/v1/anchors/" + ID + "/revocation", Map.of("reason", "superseded"), ISSUER))
                .andExpect(problem(status, code));
    }
}
