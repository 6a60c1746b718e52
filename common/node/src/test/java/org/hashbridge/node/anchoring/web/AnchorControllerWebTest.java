package org.hashbridge.node.anchoring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hashbridge.node.institution.TestCallers.ISSUER;
import static org.hashbridge.node.institution.TestCallers.bearer;
import static org.hashbridge.node.web.ProblemResults.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.anchoring.AnchorIntake;
import org.hashbridge.node.anchoring.AnchorPage;
import org.hashbridge.node.anchoring.AnchorView;
import org.hashbridge.node.anchoring.AnchoringService;
import org.hashbridge.node.anchoring.Anchors;
import org.hashbridge.node.anchoring.ItemRefused;
import org.hashbridge.node.anchoring.Submission;
import org.hashbridge.node.chain.ChainRejected;
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
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The issuer's API over its real security and problem handling: submissions one or many at a time (the
 * intake a test double), lists, reads and revocations (the anchoring service a test double).
 */
@WebSliceTest(AnchorController.class)
class AnchorControllerWebTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID ID = UUID.fromString("b3c33375-a14e-4e75-aa5c-f9a3877635a7");
    private static final UUID OTHER_ID = UUID.fromString("0c6f1a9e-2d4b-4f61-8f0e-6d1c2b3a4e5f");
    private static final UUID THIRD_ID = UUID.fromString("9d1e7c3a-5b2f-4a86-b0c4-7e3f2a1d6c58");
    private static final UUID REQUEST = UUID.fromString("5e0f3c52-7a59-4d8e-9d6a-0b2e4c1f9a77");
    private static final String DIGEST = "36f86b0a37147ecb1ad4e5ddb8d37365ed7c54432384643f6439b914b0c324dc";
    private static final int MAX_ITEMS = 10_000;
    /** {@code hashbridge.anchoring.max-bulk-items} items of 2 KiB each. */
    private static final int MAX_BULK_BODY = MAX_ITEMS * 2048;

    @Autowired
    private MockMvc mvc;
    @MockitoBean
    private AnchorIntake intake;
    @MockitoBean
    private AnchoringService anchoring;

    private static Map<String, Object> submission() {
        return new HashMap<>(Map.of("digest", DIGEST, "algorithm", "sha-256", "documentType", "credit-report",
                "subject", "HK-A1234567", "validUntil", "2027-06-30"));
    }

    private static Map<String, Object> submissionWith(String member, Object value) {
        Map<String, Object> body = submission();
        body.put(member, value);
        return body;
    }

    /** The submission {@link #submission()} sends, with {@code reference}, as the controller hands it on. */
    private static Submission asSent(String reference) {
        return new Submission(reference, DIGEST, "sha-256", "credit-report", "HK-A1234567", "2027-06-30");
    }

    /** A bulk request of {@code count} items with the references TU-0, TU-1, .... */
    private static Map<String, Object> bulk(int count) {
        return Map.of("items", IntStream.range(0, count).mapToObj(i -> submissionWith("reference", "TU-" + i)).toList());
    }

    private static MockHttpServletRequestBuilder postJson(String path, Object body) {
        return postRaw(path, JSON.writeValueAsString(body));
    }

    private static MockHttpServletRequestBuilder postRaw(String path, String json) {
        return post(path).header(HttpHeaders.AUTHORIZATION, bearer(ISSUER)).contentType(MediaType.APPLICATION_JSON)
                .content(json);
    }

    private ResultActions getAsIssuer(String pathAndQuery) throws Exception {
        return mvc.perform(get(pathAndQuery).header(HttpHeaders.AUTHORIZATION, bearer(ISSUER)));
    }

    private static AnchorIntake.Accepted one(int created, AnchorView anchor) {
        return new AnchorIntake.Accepted(Optional.empty(), created, List.of(anchor));
    }

    private static AnchorIntake.Accepted request(int created, AnchorView... anchors) {
        return new AnchorIntake.Accepted(Optional.of(REQUEST), created, List.of(anchors));
    }

    @SuppressWarnings("unchecked")
    private List<Submission> submittedInBulk() {
        ArgumentCaptor<List<Submission>> asked = ArgumentCaptor.forClass(List.class);
        verify(intake).submitAll(eq(ISSUER), asked.capture());
        return asked.getValue();
    }

    // POST /api/v1/anchors

    @Test
    void aSubmissionWithoutReferenceIsAccepted202WithTheAnchorItsLocationAndNoFieldThatDoesNotExistYet() throws Exception {
        when(intake.submit(eq(ISSUER), any())).thenReturn(one(1, Anchors.pending(ID)));

        mvc.perform(postJson("/api/v1/anchors", submission()))
                .andExpect(status().isAccepted())
                .andExpect(header().string(HttpHeaders.LOCATION, "/api/v1/anchors/" + ID))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.anchorId").value(ID.toString()))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.documentType").value("credit-report"))
                .andExpect(jsonPath("$.validUntil").value("2027-06-30T23:59:59Z"))
                .andExpect(jsonPath("$.submittedAt").value("2026-03-02T09:30:00.123456Z"))
                .andExpect(jsonPath("$.reference").doesNotExist())
                .andExpect(jsonPath("$.anchoredAt").doesNotExist())
                .andExpect(jsonPath("$.revokedAt").doesNotExist())
                .andExpect(jsonPath("$.voucher").doesNotExist());

        verify(intake).submit(ISSUER, asSent(null));
    }

    @Test
    void aReferenceIsHandedOnAsWrittenAndTheAnchorAnsweredWithItsReference() throws Exception {
        when(intake.submit(eq(ISSUER), any())).thenReturn(one(1, Anchors.pending(ID, "TU-2026-000123")));

        mvc.perform(postJson("/api/v1/anchors", submissionWith("reference", " TU-2026-000123 ")))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.anchorId").value(ID.toString()))
                .andExpect(jsonPath("$.reference").value("TU-2026-000123"));

        verify(intake).submit(ISSUER, asSent(" TU-2026-000123 "));
    }

    @Test
    void aSubmissionSentAgainUnderItsReferenceIs200WithTheAnchorAsItIs() throws Exception {
        when(intake.submit(eq(ISSUER), any())).thenReturn(one(0, Anchors.anchored(ID, "TU-2026-000123")));

        mvc.perform(postJson("/api/v1/anchors", submissionWith("reference", "TU-2026-000123")))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.LOCATION, "/api/v1/anchors/" + ID))
                .andExpect(jsonPath("$.anchorId").value(ID.toString()))
                .andExpect(jsonPath("$.reference").value("TU-2026-000123"))
                .andExpect(jsonPath("$.status").value("ANCHORED"))
                .andExpect(jsonPath("$.voucher.anchorId").value(ID.toString()));
    }

    @Test
    void everyFieldIsHandedOnAsTextForTheIntakeToCheckANumberAsItsDigitsAMissingOneAsNull() throws Exception {
        Map<String, Object> body = submissionWith("validUntil", -1);
        body.remove("subject");
        when(intake.submit(eq(ISSUER), any()))
                .thenThrow(InvalidInput.of("INVALID_VALID_UNTIL", "validUntil is an ISO-8601 instant or date"));

        mvc.perform(postJson("/api/v1/anchors", body)).andExpect(problem(400, "INVALID_VALID_UNTIL"));

        verify(intake).submit(ISSUER, new Submission(null, DIGEST, "sha-256", "credit-report", null, "-1"));
    }

    @Test
    void anAnchoredAnchorCarriesItsVoucherAsAJsonObjectNotAString() throws Exception {
        when(anchoring.find(ISSUER, ID)).thenReturn(Anchors.anchored(ID));

        getAsIssuer("/api/v1/anchors/" + ID)
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
                Endpoint.post("/api/v1/anchors:batch", JSON.writeValueAsString(bulk(2))),
                Endpoint.get("/api/v1/anchors"),
                Endpoint.get("/api/v1/anchors?requestId=" + REQUEST),
                Endpoint.get("/api/v1/anchors?anchorId=" + ID + "," + OTHER_ID),
                Endpoint.get("/api/v1/anchors/" + ID),
                Endpoint.post("/api/v1/anchors/" + ID + "/revocation", "{\"reason\":\"report superseded\"}"));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void onlyIssuersAreAnswered(Endpoint endpoint) throws Exception {
        endpoint.assertOpenOnlyTo(ISSUER, mvc);
        verifyNoInteractions(intake, anchoring);
    }

    @Test
    void aBodyThatIsNotTheJsonOfASubmissionIsMalformed() throws Exception {
        String valid = JSON.writeValueAsString(submission());
        for (String body : new String[]{"{\"digest\":", "[]", "\"digest\"", "{\"digest\":\"a\",\"digest\":\"b\"}",
                valid.replace("\"sha-256\"", "{\"id\":\"sha-256\"}"), valid.replace("\"2027-06-30\"", "[\"2027-06-30\"]")}) {
            mvc.perform(postRaw("/api/v1/anchors", body)).andExpect(problem(400, "MALFORMED_JSON"));
        }
        verifyNoInteractions(intake);
    }

    @Test
    void onlyJsonBodiesOfAtMost64KiBAreRead() throws Exception {
        mvc.perform(post("/api/v1/anchors").header(HttpHeaders.AUTHORIZATION, bearer(ISSUER))
                        .contentType(MediaType.TEXT_PLAIN).content("hello"))
                .andExpect(problem(415, "UNSUPPORTED_MEDIA_TYPE"));
        mvc.perform(postJson("/api/v1/anchors", submissionWith("digest", "a".repeat(70_000))))
                .andExpect(problem(413, "BODY_TOO_LARGE"));
        mvc.perform(postJson("/api/v1/anchors/" + ID + "/revocation", Map.of("reason", "r".repeat(70_000))))
                .andExpect(problem(413, "BODY_TOO_LARGE"));
        verifyNoInteractions(intake, anchoring);
    }

    @Test
    void anAnchorIdIsAUuid() throws Exception {
        getAsIssuer("/api/v1/anchors/not-a-uuid").andExpect(problem(400, "INVALID_ANCHOR_ID"));
        mvc.perform(postJson("/api/v1/anchors/not-a-uuid/revocation", Map.of("reason", "superseded")))
                .andExpect(problem(400, "INVALID_ANCHOR_ID"));
        verifyNoInteractions(anchoring);
    }

    /** What refuses a submission as a whole, one or many at a time. */
    static Stream<Arguments> wholeRefusals() {
        return Stream.of(
                Arguments.of(Anchors.issuerSuspended("hk.transunion"), 422, "ISSUER_SUSPENDED"),
                Arguments.of(new ConcurrencyFailureException("stored concurrently twice"), 409, "CONCURRENT_CHANGE"),
                Arguments.of(new DataAccessResourceFailureException("connection refused"), 503, "DATABASE_UNAVAILABLE"),
                Arguments.of(new IllegalStateException("secret internals"), 500, "INTERNAL_ERROR"));
    }

    /** What refuses a single submission: the above, and what refuses an item of a bulk request. */
    static Stream<Arguments> refusals() {
        return Stream.concat(wholeRefusals(), Stream.of(
                Arguments.of(Anchors.validUntilPassed(), 422, "VALID_UNTIL_PASSED"),
                Arguments.of(NodeException.algorithmNotAccepted("sm3"), 422, "ALGORITHM_NOT_ACCEPTED"),
                Arguments.of(Anchors.referenceConflict("TU-2026-000123"), 409, "REFERENCE_CONFLICT"),
                Arguments.of(InvalidInput.of("INVALID_REFERENCE", "a reference is 1 to 200 printable characters"), 400,
                        "INVALID_REFERENCE"),
                Arguments.of(InvalidInput.of("INVALID_DIGEST", "a digest is 64 hex characters"), 400, "INVALID_DIGEST"),
                Arguments.of(InvalidInput.of("UNKNOWN_ALGORITHM", "md5 is not a digest algorithm"), 400,
                        "UNKNOWN_ALGORITHM")));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void whatTheIntakeRefusesWhenSubmittingIsAProblemWithItsCode(RuntimeException refusal, int status, String code)
            throws Exception {
        when(intake.submit(eq(ISSUER), any())).thenThrow(refusal);

        assertRefused(postJson("/api/v1/anchors", submission()), status, code);
    }

    @ParameterizedTest
    @MethodSource("wholeRefusals")
    void whatTheIntakeRefusesOfABulkRequestAsAWholeIsAProblemWithItsCode(RuntimeException refusal, int status, String code)
            throws Exception {
        when(intake.submitAll(eq(ISSUER), anyList())).thenThrow(refusal);

        assertRefused(postJson("/api/v1/anchors:batch", bulk(1)), status, code);
    }

    /** A problem with {@code status} and {@code code}, and nothing of the exception behind it. */
    private void assertRefused(MockHttpServletRequestBuilder request, int status, String code) throws Exception {
        mvc.perform(request)
                .andExpect(problem(status, code))
                .andExpect(content().string(not(containsString("secret internals"))))
                .andExpect(content().string(not(containsString("connection refused"))))
                .andExpect(content().string(not(containsString("stored concurrently"))));
    }

    // POST /api/v1/anchors:batch

    @Test
    void aBulkRequestIsAccepted202WithItsRequestIdHowManyItCreatedAndItsItemsInItsOrder() throws Exception {
        when(intake.submitAll(eq(ISSUER), anyList())).thenReturn(request(2, Anchors.pending(ID, "TU-0"),
                Anchors.anchored(OTHER_ID, "TU-1"), Anchors.pending(THIRD_ID, "TU-2")));

        mvc.perform(postJson("/api/v1/anchors:batch", bulk(3)))
                .andExpect(status().isAccepted())
                .andExpect(header().string(HttpHeaders.LOCATION, "/api/v1/anchors?requestId=" + REQUEST))
                .andExpect(jsonPath("$.requestId").value(REQUEST.toString()))
                .andExpect(jsonPath("$.created").value(2))
                .andExpect(jsonPath("$.items.length()").value(3))
                .andExpect(jsonPath("$.items[*].anchorId", contains(ID.toString(), OTHER_ID.toString(), THIRD_ID.toString())))
                .andExpect(jsonPath("$.items[*].reference", contains("TU-0", "TU-1", "TU-2")))
                .andExpect(jsonPath("$.items[*].status", contains("PENDING", "ANCHORED", "PENDING")))
                .andExpect(jsonPath("$.items[0].submittedAt").value("2026-03-02T09:30:00.123456Z"))
                .andExpect(jsonPath("$.items[0].voucher").doesNotExist())
                .andExpect(jsonPath("$.items[1].voucher.anchorId").value(OTHER_ID.toString()));

        assertThat(submittedInBulk()).as("every item handed on as written, in the request's order")
                .containsExactly(asSent("TU-0"), asSent("TU-1"), asSent("TU-2"));
    }

    @Test
    void theSameRequestSentAgainIs200WithTheSameRequestIdAndNothingCreated() throws Exception {
        when(intake.submitAll(eq(ISSUER), anyList()))
                .thenReturn(request(0, Anchors.anchored(ID, "TU-0"), Anchors.anchored(OTHER_ID, "TU-1")));

        mvc.perform(postJson("/api/v1/anchors:batch", bulk(2)))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.LOCATION, "/api/v1/anchors?requestId=" + REQUEST))
                .andExpect(jsonPath("$.requestId").value(REQUEST.toString()))
                .andExpect(jsonPath("$.created").value(0))
                .andExpect(jsonPath("$.items[*].anchorId", contains(ID.toString(), OTHER_ID.toString())))
                .andExpect(jsonPath("$.items[*].status", contains("ANCHORED", "ANCHORED")));
    }

    static Stream<Arguments> refusedItems() {
        return Stream.of(
                Arguments.of(400, "INVALID_ITEMS", List.of(
                        Anchors.malformedItem(1, null, "INVALID_REFERENCE"),
                        Anchors.unprocessableItem(2, "TU-2", Anchors.validUntilPassed()),
                        Anchors.duplicateItem(4, "TU-0", 0),
                        Anchors.conflictingItem(5, "TU-5"),
                        Anchors.malformedItem(6, "TU-6", "INVALID_SUBJECT"))),
                Arguments.of(422, "ITEMS_UNPROCESSABLE", List.of(
                        Anchors.unprocessableItem(0, "TU-0", NodeException.algorithmNotAccepted("sm3")),
                        Anchors.conflictingItem(3, "TU-3"),
                        Anchors.unprocessableItem(7, "TU-7", Anchors.validUntilPassed()))),
                Arguments.of(409, "REFERENCE_CONFLICT", List.of(
                        Anchors.conflictingItem(1, "TU-1"), Anchors.conflictingItem(2, "TU-2"))));
    }

    @ParameterizedTest
    @MethodSource("refusedItems")
    void aRefusedRequestNamesEveryOffendingItemAndTakesTheStatusOfTheGravest(int status, String code,
                                                                             List<ItemRefused> refused) throws Exception {
        when(intake.submitAll(eq(ISSUER), anyList())).thenThrow(Anchors.itemsRefused(refused));

        ResultActions answer = mvc.perform(postJson("/api/v1/anchors:batch", bulk(8)))
                .andExpect(problem(status, code))
                .andExpect(jsonPath("$.detail").value(refused.size() + " items refused (see errors); nothing was stored"))
                .andExpect(jsonPath("$.errors.length()").value(refused.size()));
        for (int i = 0; i < refused.size(); i++) {
            ItemRefused item = refused.get(i);
            String error = "$.errors[" + i + "]";
            answer.andExpect(jsonPath(error + ".index").value(item.index()))
                    .andExpect(jsonPath(error + ".code").value(item.code()))
                    .andExpect(jsonPath(error + ".detail").value(item.detail()))
                    .andExpect(item.reference() == null ? jsonPath(error + ".reference").doesNotExist()
                            : jsonPath(error + ".reference").value(item.reference()))
                    // index, reference, code and detail: nothing of the exception behind them
                    .andExpect(jsonPath(error + ".length()").value(item.reference() == null ? 3 : 4));
        }
    }

    @Test
    void aNullItemIsHandedOnForTheIntakeToNameIt() throws Exception {
        when(intake.submitAll(eq(ISSUER), anyList()))
                .thenThrow(Anchors.itemsRefused(List.of(Anchors.malformedItem(0, null, "INVALID_REFERENCE"))));

        String item = JSON.writeValueAsString(submissionWith("reference", "TU-1"));
        mvc.perform(postRaw("/api/v1/anchors:batch", "{\"items\":[null," + item + "]}"))
                .andExpect(problem(400, "INVALID_ITEMS"))
                .andExpect(jsonPath("$.errors[0].index").value(0))
                .andExpect(jsonPath("$.errors[0].reference").doesNotExist());

        assertThat(submittedInBulk()).containsExactly(null, asSent("TU-1"));
    }

    @Test
    void missingOrEmptyItemsAreNoItemsNamingTheLimit() throws Exception {
        when(intake.submitAll(eq(ISSUER), isNull())).thenThrow(Anchors.noItems(MAX_ITEMS));
        when(intake.submitAll(ISSUER, List.of())).thenThrow(Anchors.noItems(MAX_ITEMS));

        for (String body : List.of("{}", "{\"items\":null}", "{\"items\":[]}")) {
            mvc.perform(postRaw("/api/v1/anchors:batch", body))
                    .andExpect(problem(400, "NO_ITEMS"))
                    .andExpect(jsonPath("$.maxItems").value(MAX_ITEMS));
        }
    }

    @Test
    void moreItemsThanTheLimitIs413TooManyItemsNamingTheLimit() throws Exception {
        when(intake.submitAll(eq(ISSUER), anyList())).thenThrow(Anchors.tooManyItems(MAX_ITEMS + 1, MAX_ITEMS));

        mvc.perform(postJson("/api/v1/anchors:batch", bulk(3)))
                .andExpect(problem(413, "TOO_MANY_ITEMS"))
                .andExpect(jsonPath("$.maxItems").value(MAX_ITEMS));
    }

    @Test
    void aBulkBodyThatIsNotAListOfSubmissionsIsMalformed() throws Exception {
        String item = JSON.writeValueAsString(submissionWith("reference", "TU-0"));
        for (String body : new String[]{"{\"items\":{}}", "{\"items\":\"TU-0\"}", "[" + item + "]", "{\"items\":[" + item,
                "{\"items\":[],\"items\":[" + item + "]}", "{\"items\":[[" + item + "]]}",
                "{\"items\":[" + item.replace("\"TU-0\"", "{\"id\":\"TU-0\"}") + "]}"}) {
            mvc.perform(postRaw("/api/v1/anchors:batch", body)).andExpect(problem(400, "MALFORMED_JSON"));
        }
        mvc.perform(post("/api/v1/anchors:batch").header(HttpHeaders.AUTHORIZATION, bearer(ISSUER))
                .contentType(MediaType.TEXT_PLAIN).content("{\"items\":[]}")).andExpect(problem(415, "UNSUPPORTED_MEDIA_TYPE"));
        verifyNoInteractions(intake);
    }

    @Test
    void theBulkCallAloneTakesABodyOf2KiBPerItemItMayHold() throws Exception {
        when(intake.submitAll(eq(ISSUER), anyList())).thenReturn(request(1, Anchors.pending(ID, "TU-0")));
        when(intake.submit(eq(ISSUER), any())).thenReturn(one(1, Anchors.pending(ID)));
        Map<String, Object> overSingleLimit = bulk(400);
        assertThat(JSON.writeValueAsBytes(overSingleLimit).length).isGreaterThan(65_536);

        mvc.perform(postJson("/api/v1/anchors:batch", overSingleLimit)).andExpect(status().isAccepted());
        assertThat(submittedInBulk()).hasSize(400);
        mvc.perform(postRaw("/api/v1/anchors:batch", padded(bulk(1), MAX_BULK_BODY))).andExpect(status().isAccepted());
        mvc.perform(postRaw("/api/v1/anchors:batch", padded(bulk(1), MAX_BULK_BODY + 1)))
                .andExpect(problem(413, "BODY_TOO_LARGE"));
        verify(intake, times(2)).submitAll(eq(ISSUER), anyList());

        mvc.perform(postRaw("/api/v1/anchors", padded(submission(), 65_536))).andExpect(status().isAccepted());
        mvc.perform(postRaw("/api/v1/anchors", padded(submission(), 65_537))).andExpect(problem(413, "BODY_TOO_LARGE"));
        verify(intake).submit(eq(ISSUER), any());
    }

    /** The JSON of {@code body}, followed by blanks up to {@code bytes} bytes in all. */
    private static String padded(Object body, int bytes) {
        String json = JSON.writeValueAsString(body);
        return json + " ".repeat(bytes - json.getBytes(StandardCharsets.UTF_8).length);
    }

    // GET /api/v1/anchors

    @Test
    void aBulkRequestsAnchorsAreListedAPageAtATimeWithTheirVouchers() throws Exception {
        when(anchoring.listRequest(ISSUER, REQUEST, new AnchorPage.Request(1, 2))).thenReturn(new AnchorPage(
                List.of(Anchors.anchored(ID, "TU-2"), Anchors.pending(OTHER_ID, "TU-3")), 1, 2, 5));

        getAsIssuer("/api/v1/anchors?requestId=" + REQUEST + "&page=1&size=2")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.anchors[*].anchorId", contains(ID.toString(), OTHER_ID.toString())))
                .andExpect(jsonPath("$.anchors[*].reference", contains("TU-2", "TU-3")))
                .andExpect(jsonPath("$.anchors[0].voucher.anchorId").value(ID.toString()))
                .andExpect(jsonPath("$.anchors[1].voucher").doesNotExist())
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.total").value(5));
    }

    @Test
    void anchorsAreListedByIdsInTheOrderGivenCommaSeparatedOrRepeated() throws Exception {
        AnchorPage.Request firstPage = new AnchorPage.Request(0, AnchorPage.DEFAULT_SIZE);
        when(anchoring.list(ISSUER, List.of(OTHER_ID, ID), firstPage)).thenReturn(new AnchorPage(
                List.of(Anchors.anchored(OTHER_ID, "TU-1"), Anchors.anchored(ID, "TU-0")), 0, AnchorPage.DEFAULT_SIZE, 2));

        for (String query : List.of("anchorId=" + OTHER_ID + "," + ID, "anchorId=" + OTHER_ID + "&anchorId=" + ID)) {
            getAsIssuer("/api/v1/anchors?" + query)
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.anchors[*].anchorId", contains(OTHER_ID.toString(), ID.toString())))
                    .andExpect(jsonPath("$.size").value(50))
                    .andExpect(jsonPath("$.total").value(2));
        }
    }

    @Test
    void withNeitherAllTheIssuersAnchorsAreListedAndAHundredIdsAreAllowed() throws Exception {
        AnchorPage.Request largest = new AnchorPage.Request(3, AnchorPage.MAX_SIZE);
        when(anchoring.list(ISSUER, largest)).thenReturn(new AnchorPage(List.of(Anchors.pending(ID)), 3, 200, 601));
        List<UUID> hundred = Collections.nCopies(100, ID);
        when(anchoring.list(eq(ISSUER), eq(hundred), any())).thenReturn(new AnchorPage(List.of(), 0, 50, 100));

        getAsIssuer("/api/v1/anchors?page=3&size=200")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.anchors[0].anchorId").value(ID.toString()))
                .andExpect(jsonPath("$.anchors[0].reference").doesNotExist())
                .andExpect(jsonPath("$.total").value(601));
        getAsIssuer("/api/v1/anchors?anchorId=" + ids(100)).andExpect(status().isOk());
        verify(anchoring).list(ISSUER, hundred, new AnchorPage.Request(0, AnchorPage.DEFAULT_SIZE));
    }

    private static String ids(int count) {
        return String.join(",", Collections.nCopies(count, ID.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"anchorId=b3c33375-a14e-4e75-aa5c-f9a3877635a7&requestId=5e0f3c52-7a59-4d8e-9d6a-0b2e4c1f9a77",
            "anchorId="})
    void bothARequestAndIdsOrNoIdAtAllIsAnInvalidQuery(String query) throws Exception {
        getAsIssuer("/api/v1/anchors?" + query).andExpect(problem(400, "INVALID_QUERY"));
        verifyNoInteractions(anchoring);
    }

    @Test
    void moreThanAHundredIdsIsAnInvalidQuery() throws Exception {
        getAsIssuer("/api/v1/anchors?anchorId=" + ids(101)).andExpect(problem(400, "INVALID_QUERY"));
        verifyNoInteractions(anchoring);
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=-1", "page=x", "page=1.5", "page=2147483648", "page=", "size=0", "size=201", "size=-1",
            "size=ten", "size=99999999999", "size=", "page=0&size=0x10"})
    void aPageOrSizeOutOfItsRangeIsAnInvalidPage(String query) throws Exception {
        getAsIssuer("/api/v1/anchors?requestId=" + REQUEST + "&" + query).andExpect(problem(400, "INVALID_PAGE"));
        getAsIssuer("/api/v1/anchors?" + query).andExpect(problem(400, "INVALID_PAGE"));
        verifyNoInteractions(anchoring);
    }

    @ParameterizedTest
    @ValueSource(strings = {"requestId=x", "requestId=" + "5e0f3c52-7a59-4d8e-9d6a-0b2e4c1f9a77x", "requestId=",
            "requestId=&requestId=", "requestId= ",
            "anchorId=b3c33375-a14e-4e75-aa5c-f9a3877635a7,x", "anchorId=,", "anchorId=b3c33375-a14e-4e75-aa5c-f9a3877635a7,",
            "anchorId=&anchorId=b3c33375-a14e-4e75-aa5c-f9a3877635a7"})
    void aRequestIdAndEveryAnchorIdIsAUuid(String query) throws Exception {
        String code = query.startsWith("requestId") ? "INVALID_REQUEST_ID" : "INVALID_ANCHOR_ID";
        getAsIssuer("/api/v1/anchors?" + query).andExpect(problem(400, code));
        verifyNoInteractions(anchoring);
    }

    @Test
    void anotherIssuersOrAnUnknownRequestOrAnchorIsNotFound() throws Exception {
        when(anchoring.listRequest(eq(ISSUER), eq(REQUEST), any())).thenThrow(Anchors.requestNotFound(REQUEST));
        when(anchoring.list(eq(ISSUER), eq(List.of(ID, OTHER_ID)), any())).thenThrow(Anchors.notFound(OTHER_ID));
        when(anchoring.find(ISSUER, ID)).thenThrow(Anchors.notFound(ID));

        getAsIssuer("/api/v1/anchors?requestId=" + REQUEST).andExpect(problem(404, "ANCHOR_REQUEST_NOT_FOUND"));
        getAsIssuer("/api/v1/anchors?anchorId=" + ID + "," + OTHER_ID).andExpect(problem(404, "ANCHOR_NOT_FOUND"))
                .andExpect(jsonPath("$.detail").value(containsString(OTHER_ID.toString())));
        getAsIssuer("/api/v1/anchors/" + ID).andExpect(problem(404, "ANCHOR_NOT_FOUND"));
    }

    // POST /api/v1/anchors/{anchorId}/revocation

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "superseded\u0000", "superseded\r\nFORGED line", "\u0007", "\u202Esuperseded",
            "super\u2028seded"})
    void aReasonIsPrintableText(String reason) throws Exception {
        mvc.perform(postJson("/api/v1/anchors/" + ID + "/revocation", Map.of("reason", reason)))
                .andExpect(problem(400, "INVALID_REASON"))
                .andExpect(content().string(not(containsString("FORGED"))));
        verifyNoInteractions(anchoring);
    }

    @Test
    void aReasonIsAtMost200CharactersAndRequired() throws Exception {
        String path = "/api/v1/anchors/" + ID + "/revocation";
        mvc.perform(postJson(path, Map.of("reason", "r".repeat(201)))).andExpect(problem(400, "INVALID_REASON"));
        mvc.perform(postJson(path, Map.of())).andExpect(problem(400, "INVALID_REASON"));
        mvc.perform(postRaw(path, "{\"reason\":\"loan\\ud800\"}")).andExpect(problem(400, "INVALID_REASON"));
        verifyNoInteractions(anchoring);

        when(anchoring.revoke(ISSUER, ID, "r".repeat(200))).thenReturn(Anchors.revoked(ID, Anchors.ANCHORED.plusSeconds(60)));
        mvc.perform(postJson(path, Map.of("reason", " " + "r".repeat(200) + " "))).andExpect(status().isOk());
    }

    @Test
    void aRevocationOnChainIs200AndOneStillBeingWrittenIs202() throws Exception {
        String path = "/api/v1/anchors/" + ID + "/revocation";
        when(anchoring.revoke(ISSUER, ID, "report superseded"))
                .thenReturn(Anchors.revoked(ID, Instant.parse("2026-03-03T08:00:00Z")), Anchors.revoking(ID));

        mvc.perform(postJson(path, Map.of("reason", "  report superseded ")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REVOKED"))
                .andExpect(jsonPath("$.revokedAt").value("2026-03-03T08:00:00Z"));
        mvc.perform(postJson(path, Map.of("reason", "report superseded")))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("REVOKING"))
                .andExpect(jsonPath("$.revokedAt").doesNotExist());
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

        mvc.perform(postJson("/api/v1/anchors/" + ID + "/revocation", Map.of("reason", "superseded")))
                .andExpect(problem(status, code));
    }
}
