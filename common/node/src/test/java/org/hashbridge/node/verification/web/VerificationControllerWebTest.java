package org.hashbridge.node.verification.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.hashbridge.node.institution.TestCallers.VERIFIER;
import static org.hashbridge.node.institution.TestCallers.bearer;
import static org.hashbridge.node.web.ProblemResults.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.hashbridge.node.Documents;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.verification.VerificationService;
import org.hashbridge.node.verification.Verifications;
import org.hashbridge.node.web.Endpoint;
import org.hashbridge.node.web.WebSliceTest;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.Voucher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The bank's API over its real security and problem handling, the verification service a test double. */
@WebSliceTest(VerificationController.class)
class VerificationControllerWebTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID ID = UUID.fromString("e85e4598-74dc-43a4-99dc-47a5d57ec164");
    private static final Voucher VOUCHER = Documents.voucher(UUID.randomUUID(),
            Documents.leaf("hk.transunion", "HK-A1234567", Instant.parse("2027-06-30T23:59:59Z")));

    @Autowired
    private MockMvc mvc;
    @MockitoBean
    private VerificationService verifications;

    private static ObjectNode request(JsonNode voucher) {
        ObjectNode body = JSON.createObjectNode();
        body.put("digest", "36f86b0a37147ecb1ad4e5ddb8d37365ed7c54432384643f6439b914b0c324dc");
        body.put("algorithm", "sha-256");
        body.set("voucher", voucher);
        body.put("consent", "hbc1.e30.token");
        return body;
    }

    private static ObjectNode voucher() {
        return (ObjectNode) JSON.readTree(VOUCHER.toJson());
    }

    private static MockHttpServletRequestBuilder postVerification(String body) {
        return post("/api/v1/verifications").header(HttpHeaders.AUTHORIZATION, bearer(VERIFIER))
                .contentType(MediaType.APPLICATION_JSON).content(body);
    }

    @Test
    void aWellFormedRequestIsAnswered200WithTheVerdictTheChecksAndTheReceipt() throws Exception {
        when(verifications.verify(eq(VERIFIER), any())).thenReturn(Verifications.verified(ID));

        mvc.perform(postVerification(request(voucher()).toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.verificationId").value(ID.toString()))
                .andExpect(jsonPath("$.verdict").value("VERIFIED"))
                .andExpect(jsonPath("$.checks.length()").value(6))
                .andExpect(jsonPath("$.checks[0].type").value("INTEGRITY"))
                .andExpect(jsonPath("$.checks[0].status").value("VALID"))
                .andExpect(jsonPath("$.checks[0].code").value("OK"))
                .andExpect(jsonPath("$.checks[0].message").value("INTEGRITY holds"))
                .andExpect(jsonPath("$.receipt").value("header.payload.signature"))
                .andExpect(jsonPath("$.verifiedAt").value("2026-03-02T09:30:00.250Z"))
                .andExpect(jsonPath("$.retryable").value(false));

        ArgumentCaptor<VerificationService.Request> asked = ArgumentCaptor.forClass(VerificationService.Request.class);
        verify(verifications).verify(eq(VERIFIER), asked.capture());
        assertThat(asked.getValue()).as("the voucher read by the protocol's reader, the rest as sent")
                .isEqualTo(new VerificationService.Request("36f86b0a37147ecb1ad4e5ddb8d37365ed7c54432384643f6439b914b0c324dc",
                        "sha-256", VOUCHER, "hbc1.e30.token"));
    }

    @Test
    void aBankThatRequiresTheResidentsOwnSignatureSaysSoAndOtherwiseItIsNotRequired() throws Exception {
        when(verifications.verify(eq(VERIFIER), any())).thenReturn(Verifications.verified(ID));
        ObjectNode required = request(voucher()).put("requireResidentSignature", true);
        ObjectNode notRequired = request(voucher()).put("requireResidentSignature", false);

        mvc.perform(postVerification(required.toString())).andExpect(status().isOk());
        mvc.perform(postVerification(notRequired.toString())).andExpect(status().isOk());
        mvc.perform(postVerification(request(voucher()).put("requireResidentSignature", "perhaps").toString()))
                .andExpect(problem(400, "MALFORMED_JSON"));

        ArgumentCaptor<VerificationService.Request> asked = ArgumentCaptor.forClass(VerificationService.Request.class);
        verify(verifications, times(2)).verify(eq(VERIFIER), asked.capture());
        assertThat(asked.getAllValues()).extracting(VerificationService.Request::requireResidentSignature)
                .containsExactly(true, false);
    }

    @Test
    void aVerificationWhoseChecksCouldNotBeMadeIsRejectedAndRetryable() throws Exception {
        when(verifications.verify(eq(VERIFIER), any())).thenReturn(Verifications.chainUnreadable(ID));

        mvc.perform(postVerification(request(voucher()).toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.verdict").value("REJECTED"))
                .andExpect(jsonPath("$.checks[1].status").value("UNAVAILABLE"))
                .andExpect(jsonPath("$.checks[1].code").value("CHAIN_UNAVAILABLE"))
                .andExpect(jsonPath("$.retryable").value(true));
    }

    @Test
    void aStoredVerificationIsReadBackByItsVerifierOnly() throws Exception {
        UUID other = UUID.randomUUID();
        when(verifications.find(VERIFIER, ID)).thenReturn(Verifications.verified(ID));
        when(verifications.find(VERIFIER, other)).thenThrow(Verifications.notFound(other));

        mvc.perform(get("/api/v1/verifications/" + ID).header(HttpHeaders.AUTHORIZATION, bearer(VERIFIER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.verificationId").value(ID.toString()))
                .andExpect(jsonPath("$.verdict").value("VERIFIED"));
        mvc.perform(get("/api/v1/verifications/" + other).header(HttpHeaders.AUTHORIZATION, bearer(VERIFIER)))
                .andExpect(problem(404, "VERIFICATION_NOT_FOUND"));
        mvc.perform(get("/api/v1/verifications/not-a-uuid").header(HttpHeaders.AUTHORIZATION, bearer(VERIFIER)))
                .andExpect(problem(400, "INVALID_VERIFICATION_ID"));
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(Endpoint.post("/api/v1/verifications", request(voucher()).toString()),
                Endpoint.get("/api/v1/verifications/" + ID));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void onlyVerifiersAreAnswered(Endpoint endpoint) throws Exception {
        endpoint.assertOpenOnlyTo(VERIFIER, mvc);
        verifyNoInteractions(verifications);
    }

    static Stream<Arguments> brokenVouchers() {
        ObjectNode missingSalt = voucher();
        missingSalt.remove("salt");
        ObjectNode withDocument = voucher();
        withDocument.put("document", "the credit report itself");
        ObjectNode badSalt = voucher();
        badSalt.put("salt", "zz");
        ObjectNode farFuture = voucher();
        farFuture.put("validUntil", "+294277-01-01T00:00:00Z");
        ObjectNode otherVersion = voucher();
        otherVersion.put("version", 2);
        return Stream.of(
                Arguments.of("a string", JSON.getNodeFactory().stringNode("voucher"), "voucher must be a JSON object"),
                Arguments.of("an array", JSON.createArrayNode().add(voucher()), "voucher must be a JSON object"),
                Arguments.of("a number", JSON.getNodeFactory().numberNode(42), "voucher must be a JSON object"),
                Arguments.of("null", JSON.getNodeFactory().nullNode(), "voucher must be a JSON object"),
                Arguments.of("missing its salt", missingSalt, "voucher.salt is missing"),
                Arguments.of("carrying the document", withDocument, "voucher.document is not a member"),
                Arguments.of("with a salt that is not hex", badSalt, "voucher.salt: "),
                Arguments.of("valid past 9999", farFuture, "voucher.validUntil: "),
                Arguments.of("of another version", otherVersion, "voucher.version: "));
    }

    @ParameterizedTest(name = "a voucher that is {0}")
    @MethodSource("brokenVouchers")
    void aVoucherIsReadByTheProtocolsStrictReaderBeforeTheService(String what, JsonNode voucher, String detail)
            throws Exception {
        mvc.perform(postVerification(request(voucher).toString())).andExpect(problem(400, "MALFORMED_VOUCHER"))
                .andExpect(jsonPath("$.detail", startsWith(detail)));
        verifyNoInteractions(verifications);
    }

    @Test
    void aMissingVoucherIsMalformedAndATamperedOneIsTampered() throws Exception {
        ObjectNode missing = request(voucher());
        missing.remove("voucher");
        mvc.perform(postVerification(missing.toString())).andExpect(problem(400, "MALFORMED_VOUCHER"))
                .andExpect(jsonPath("$.detail").value("voucher is missing"));

        ObjectNode tampered = voucher();
        tampered.put("root", "ab".repeat(32));
        mvc.perform(postVerification(request(tampered).toString())).andExpect(problem(400, "VOUCHER_TAMPERED"));
        verifyNoInteractions(verifications);
    }

    @Test
    void aBodyThatIsNotTheJsonOfAVerificationIsMalformed() throws Exception {
        String valid = request(voucher()).toString();
        for (String body : new String[]{"{\"digest\":", "[]", valid.replaceFirst("\\{", "{\"digest\":\"" + "0".repeat(64) + "\","),
                valid.replace("\"hbc1.e30.token\"", "{\"token\":\"hbc1.e30.token\"}")}) {
            mvc.perform(postVerification(body)).andExpect(problem(400, "MALFORMED_JSON"));
        }
        verifyNoInteractions(verifications);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(InvalidInput.of("INVALID_DIGEST", "a digest is 64 hex characters"), 400, "INVALID_DIGEST"),
                Arguments.of(InvalidInput.of("MALFORMED_CONSENT_TOKEN", "not a consent token"), 400, "MALFORMED_CONSENT_TOKEN"),
                Arguments.of(InvalidInput.of("CONSENT_TOKEN_TAMPERED", "the commitment does not match"), 400,
                        "CONSENT_TOKEN_TAMPERED"),
                Arguments.of(NodeException.algorithmNotAccepted("sm3"), 422, "ALGORITHM_NOT_ACCEPTED"),
                Arguments.of(new DataAccessResourceFailureException("connection refused"), 503, "DATABASE_UNAVAILABLE"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void whatTheServiceRefusesIsAProblemWithItsCode(RuntimeException refusal, int status, String code) throws Exception {
        when(verifications.verify(eq(VERIFIER), any())).thenThrow(refusal);

        mvc.perform(postVerification(request(voucher()).toString())).andExpect(problem(status, code));
    }
}
