package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.sandbox.Journeys.HK_RESIDENT;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Bad input gets a 4xx problem with a stable code, and changes nothing stored. */
@ExtendWith(SandboxExtension.class)
class BadInputIT {

    private final Sandbox sandbox;
    private final Journeys journeys;

    BadInputIT(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.journeys = new Journeys(sandbox);
    }

    private Map<String, Object> anchor(String key, Object value) {
        Map<String, Object> body = new HashMap<>(Map.of("digest", "a".repeat(64), "algorithm", "sha-256",
                "documentType", "credit-report", "subject", HK_RESIDENT,
                "validUntil", Instant.now().plus(Duration.ofDays(30)).toString()));
        body.put(key, value);
        return body;
    }

    @Test
    void anchoringRefusesBadFieldsWithStableCodesAndStoresNothing() {
        Api issuer = journeys.as("hk", "hk.transunion");
        long before = rows("hk", "anchor_submission");

        assertProblem(issuer.post("/api/v1/anchors", anchor("digest", "abc")), 400, "INVALID_DIGEST");
        assertProblem(issuer.post("/api/v1/anchors", anchor("digest", "z".repeat(64))), 400, "INVALID_DIGEST");
        assertProblem(issuer.post("/api/v1/anchors", anchor("algorithm", "md5")), 400, "UNKNOWN_ALGORITHM");
        assertProblem(issuer.post("/api/v1/anchors", anchor("documentType", "Credit Report!")), 400, "INVALID_DOCUMENT_TYPE");
        assertProblem(issuer.post("/api/v1/anchors", anchor("validUntil", "2020-01-01T00:00:00Z")), 422, "VALID_UNTIL_PASSED");
        assertProblem(issuer.post("/api/v1/anchors", anchor("validUntil", "next tuesday")), 400, "INVALID_VALID_UNTIL");
        assertProblem(issuer.postRaw("/api/v1/anchors", "application/json", "{\"digest\":"), 400, "MALFORMED_JSON");
        assertProblem(issuer.postRaw("/api/v1/anchors", "text/plain", "hello"), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(issuer.postRaw("/api/v1/anchors", "application/json",
                "{\"digest\":\"" + "a".repeat(200_000) + "\"}"), 413, "BODY_TOO_LARGE");
        assertProblem(issuer.get("/api/v1/anchors/not-a-uuid"), 400, "INVALID_ANCHOR_ID");
        assertProblem(issuer.get("/api/v1/anchors/" + java.util.UUID.randomUUID()), 404, "ANCHOR_NOT_FOUND");

        assertThat(rows("hk", "anchor_submission")).isEqualTo(before);
    }

    @Test
    void consentRefusesUnknownInstitutionsAndOtherPeoplesSubjects() {
        Api resident = journeys.as("hk", HK_RESIDENT);
        long before = rows("hk", "consent");
        Map<String, Object> grant = new HashMap<>(Map.of("subject", HK_RESIDENT, "issuer", "hk.transunion",
                "verifier", "cn.abc-shenzhen", "documentType", "credit-report", "purpose", "loan",
                "validUntil", Instant.now().plus(Duration.ofDays(30)).toString()));

        assertProblem(resident.post("/api/v1/consents", with(grant, "issuer", "hk.nobody")), 422, "ISSUER_NOT_HOME");
        assertProblem(resident.post("/api/v1/consents", with(grant, "issuer", "cn.baihang")), 422, "ISSUER_NOT_HOME");
        assertProblem(resident.post("/api/v1/consents", with(grant, "verifier", "not an institution")), 400, "INVALID_INSTITUTION");
        assertProblem(resident.post("/api/v1/consents", with(grant, "verifier", "cn.nobody")), 422, "UNKNOWN_VERIFIER");
        assertProblem(resident.post("/api/v1/consents", with(grant, "subject", "HK-Z9999999")), 403, "SUBJECT_MISMATCH");
        assertProblem(resident.post("/api/v1/consents", with(grant, "validUntil", "2020-01-01")), 422, "VALID_UNTIL_PASSED");
        assertProblem(resident.post("/api/v1/consents", with(grant, "validUntil", "2099-01-01")), 422, "VALID_UNTIL_TOO_FAR");
        assertProblem(resident.post("/api/v1/consents", with(grant, "validUntil", "soon")), 400, "INVALID_VALID_UNTIL");
        assertProblem(resident.post("/api/v1/consents", with(grant, "subject", "")), 400, "INVALID_SUBJECT");
        assertProblem(resident.post("/api/v1/consents", with(grant, "purpose", "")), 400, "INVALID_PURPOSE");

        assertThat(rows("hk", "consent")).isEqualTo(before);
    }

    @Test
    void verificationRefusesMalformedOrTamperedVouchersAndTokens() {
        byte[] report = Journeys.creditReport(HK_RESIDENT);
        JsonNode voucher = journeys.anchor("hk", "hk.transunion", HK_RESIDENT, report, Instant.now().plus(Duration.ofDays(90)));
        String token = journeys.grantConsent("hk", HK_RESIDENT, "hk.transunion", "cn.abc-shenzhen",
                Instant.now().plus(Duration.ofDays(30))).path("token").asString();
        Api bank = journeys.as("sz", "cn.abc-shenzhen");
        long before = rows("sz", "verification");

        ObjectNode tamperedRoot = (ObjectNode) voucher.deepCopy();
        tamperedRoot.put("root", "ab".repeat(32));
        ObjectNode missingSalt = (ObjectNode) voucher.deepCopy();
        missingSalt.remove("salt");
        ObjectNode withDocument = (ObjectNode) voucher.deepCopy();
        withDocument.put("document", "the credit report itself");
        String digestTwice = "{\"digest\":\"" + "0".repeat(64) + "\",\"digest\":\"" + Journeys.sha256(report)
                + "\",\"algorithm\":\"sha-256\",\"voucher\":" + voucher + ",\"consent\":\"" + token + "\"}";
        String tamperedToken = tamperRecord(token);

        assertProblem(bank.post("/api/v1/verifications", body("zz", voucher, token)), 400, "INVALID_DIGEST");
        assertProblem(bank.post("/api/v1/verifications", body(Journeys.sha256(report), tamperedRoot, token)), 400, "VOUCHER_TAMPERED");
        assertProblem(bank.post("/api/v1/verifications", body(Journeys.sha256(report), missingSalt, token)), 400, "MALFORMED_VOUCHER");
        assertProblem(bank.post("/api/v1/verifications", body(Journeys.sha256(report), withDocument, token)), 400, "MALFORMED_VOUCHER");
        assertProblem(bank.postRaw("/api/v1/verifications", "application/json", digestTwice), 400, "MALFORMED_JSON");
        assertProblem(bank.post("/api/v1/verifications", body(Journeys.sha256(report), voucher, "hbc1.garbage")), 400, "MALFORMED_CONSENT_TOKEN");
        assertProblem(bank.post("/api/v1/verifications", body(Journeys.sha256(report), voucher, tamperedToken)), 400, "CONSENT_TOKEN_TAMPERED");

        assertThat(rows("sz", "verification")).isEqualTo(before);
    }

    /** A refusal must come before any write: a NUL or a line feed in free text never reaches the chain. */
    @Test
    void textThatIsNotPrintableIsRefusedBeforeAnythingIsWritten() {
        Api resident = journeys.as("hk", HK_RESIDENT);
        Map<String, Object> grant = new HashMap<>(Map.of("subject", HK_RESIDENT, "issuer", "hk.transunion",
                "verifier", "cn.abc-shenzhen", "documentType", "credit-report", "purpose", "loan",
                "validUntil", Instant.now().plus(Duration.ofDays(30)).toString()));
        JsonNode voucher = journeys.anchor("hk", "hk.transunion", HK_RESIDENT, Journeys.creditReport(HK_RESIDENT),
                Instant.now().plus(Duration.ofDays(90)));
        String anchorId = voucher.path("anchorId").asString();
        Api issuer = journeys.as("hk", "hk.transunion");
        long consents = rows("hk", "consent");
        long recorded = RegistryLog.count(sandbox, RegistryLog.CONSENT_RECORDED);
        long revoked = RegistryLog.count(sandbox, RegistryLog.LEAF_REVOKED);

        for (String purpose : new String[]{"loan\u0000", "loan\nFORGED line", "\u202Eloan", "p".repeat(201)}) {
            assertProblem(resident.post("/api/v1/consents", with(grant, "purpose", purpose)), 400, "INVALID_PURPOSE");
        }
        String loneSurrogate = Api.JSON.writeValueAsString(with(grant, "purpose", "loan-surrogate"))
                .replace("loan-surrogate", "loan\\ud800");
        assertProblem(resident.postRaw("/api/v1/consents", "application/json", loneSurrogate), 400, "INVALID_PURPOSE");
        for (String reason : new String[]{"superseded\u0000", "superseded\r\nFORGED", "\u0007", "r".repeat(201)}) {
            assertProblem(issuer.post("/api/v1/anchors/" + anchorId + "/revocation", Map.of("reason", reason)), 400,
                    "INVALID_REASON");
        }
        assertProblem(issuer.post("/api/v1/anchors", anchor("subject", "HK-A1234567\u0000")), 400, "INVALID_SUBJECT");
        assertProblem(issuer.post("/api/v1/anchors", anchor("algorithm", "sha-256\u0000")), 400, "UNKNOWN_ALGORITHM");

        assertThat(rows("hk", "consent")).isEqualTo(consents);
        assertThat(RegistryLog.count(sandbox, RegistryLog.CONSENT_RECORDED)).isEqualTo(recorded);
        assertThat(RegistryLog.count(sandbox, RegistryLog.LEAF_REVOKED)).isEqualTo(revoked);
        assertThat(issuer.get("/api/v1/anchors/" + anchorId).body().path("status").asString()).isEqualTo("ANCHORED");
    }

    /** A leaf writes validUntil as an unsigned number of seconds and ISO-8601 needs a sign past year 9999. */
    @Test
    void aValidUntilOutsideYears1970To9999IsA400NeverA503() {
        Api issuer = journeys.as("hk", "hk.transunion");
        Api resident = journeys.as("hk", HK_RESIDENT);
        Map<String, Object> grant = new HashMap<>(Map.of("subject", HK_RESIDENT, "issuer", "hk.transunion",
                "verifier", "cn.abc-shenzhen", "documentType", "credit-report", "purpose", "loan"));
        long anchors = rows("hk", "anchor_submission");

        for (String until : new String[]{"+294277-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "10000-01-01",
                "1969-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z", "+1000000001-01-01T00:00:00Z", "2027-02-30"}) {
            assertProblem(issuer.post("/api/v1/anchors", anchor("validUntil", until)), 400, "INVALID_VALID_UNTIL");
            assertProblem(resident.post("/api/v1/consents", with(grant, "validUntil", until)), 400, "INVALID_VALID_UNTIL");
        }
        assertProblem(issuer.post("/api/v1/anchors", anchor("validUntil", -1)), 400, "INVALID_VALID_UNTIL");
        assertProblem(issuer.post("/api/v1/anchors", anchor("validUntil", "1970-01-01")), 422, "VALID_UNTIL_PASSED");

        assertThat(rows("hk", "anchor_submission")).isEqualTo(anchors);
    }

    /** However the identifier is spelt, the issuer's leaf and the resident's consent name one person. */
    @Test
    void aSubjectIsNormalisedBeforeItIsHashed() {
        byte[] report = Journeys.creditReport(HK_RESIDENT);
        JsonNode lower = journeys.anchor("hk", "hk.transunion", "hk-a1234567", report, Instant.now().plus(Duration.ofDays(90)));
        JsonNode fullWidth = journeys.anchor("hk", "hk.transunion", " ＨＫ－Ａ１２３４５６７ ", Journeys.creditReport(HK_RESIDENT),
                Instant.now().plus(Duration.ofDays(90)));
        JsonNode upper = journeys.anchor("hk", "hk.transunion", HK_RESIDENT, Journeys.creditReport(HK_RESIDENT),
                Instant.now().plus(Duration.ofDays(90)));
        Api.Response consent = journeys.as("hk", HK_RESIDENT).post("/api/v1/consents", Map.of("subject", "hk-a1234567",
                "issuer", "hk.transunion", "verifier", "cn.abc-shenzhen", "documentType", "credit-report",
                "purpose", "loan", "validUntil", Instant.now().plus(Duration.ofDays(30)).toString()));

        assertThat(lower.path("subject").asString()).isEqualTo(upper.path("subject").asString())
                .isEqualTo(fullWidth.path("subject").asString());
        assertThat(consent.status()).as(consent.raw()).isEqualTo(201);
        Api.Response verified = journeys.verify("sz", "cn.abc-shenzhen", report, lower, consent.body().path("token").asString());
        assertThat(verified.body().path("verdict").asString()).as(verified.raw()).isEqualTo("VERIFIED");
    }

    /** Ten revocations of one consent at once: one revokes it, the others are conflicts, none is a 5xx. */
    @Test
    void concurrentRevocationsAreConflictsNotFailures() throws Exception {
        JsonNode consent = journeys.grantConsent("hk", HK_RESIDENT, "hk.transunion", "cn.abc-shenzhen",
                Instant.now().plus(Duration.ofDays(30)));
        Api resident = journeys.as("hk", HK_RESIDENT);
        String path = "/api/v1/consents/" + consent.path("consentId").asString();

        java.util.List<Api.Response> answers = new java.util.ArrayList<>();
        var threads = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            var calls = java.util.stream.IntStream.range(0, 10)
                    .mapToObj(i -> threads.submit(() -> resident.delete(path))).toList();
            for (var call : calls) {
                answers.add(call.get());
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(answers).filteredOn(a -> a.status() == 200).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() != 200).allSatisfy(a -> {
            assertThat(a.status()).as(a.raw()).isEqualTo(409);
            assertThat(a.contentType()).startsWith("application/problem+json");
            assertThat(a.code()).isIn("CONSENT_ALREADY_REVOKED", "CONCURRENT_CHANGE");
        });
        assertThat(resident.get(path).body().path("status").asString()).isEqualTo("REVOKED");
    }

    /**
     * What the HTTP server, the request firewall, the actuator and {@code /error} refuse is a problem like
     * any other: raw requests, as a client that does not care for HTTP would send them.
     */
    @Test
    void theServerTheFirewallTheActuatorAndTheErrorPageAnswerProblems() {
        try (RawHttp hk = new RawHttp(sandbox.nodeUrl("hk"))) {
            String host = "Host: 127.0.0.1\r\n";
            assertRawProblem(hk, "GET //api/v1/node HTTP/1.1\r\n" + host + "\r\n", 400, "REQUEST_REJECTED");
            assertRawProblem(hk, "GET /api/v1/..;/node HTTP/1.1\r\n" + host + "\r\n", 400, "REQUEST_REJECTED");
            assertRawProblem(hk, "GET /actuator/health?%00=x HTTP/1.1\r\n" + host + "\r\n", 400, "REQUEST_REJECTED");
            assertRawProblem(hk, "GET /api/v1/node?%0aFORGED=1 HTTP/1.1\r\n" + host + "\r\n", 400, "REQUEST_REJECTED");
            assertRawProblem(hk, "GET /api/v1/node HTTP/1.1\r\n" + host + "X-Bad: a\u0001b\r\n\r\n", 400, "BAD_REQUEST");
            assertRawProblem(hk, "GET /api/v1/node%00 HTTP/1.1\r\n" + host + "\r\n", 400, "BAD_REQUEST");
            assertRawProblem(hk, "GET /a b HTTP/1.1\r\n" + host + "\r\n", 400, "BAD_REQUEST");
            assertRawProblem(hk, "GET /api/v1/node HTTP/1.1\r\n" + host + "X-Big: " + "a".repeat(10_000) + "\r\n\r\n", 400,
                    "BAD_REQUEST");
            assertRawProblem(hk, "GET /api/v1/node HTTP/9.9\r\n" + host + "\r\n", 400, "UNSUPPORTED_PROTOCOL");
            assertRawProblem(hk, "CONNECT 127.0.0.1:443 HTTP/1.1\r\n" + host + "\r\n", 400, "UNSUPPORTED_PROTOCOL");
            assertRawProblem(hk, "FOO /api/v1/node HTTP/1.1\r\n" + host + "\r\n", 405, "METHOD_NOT_ALLOWED");
            assertRawProblem(hk, "TRACE /api/v1/node HTTP/1.1\r\n" + host + "\r\n", 405, "METHOD_NOT_ALLOWED");
            assertRawProblem(hk, "GET /actuator/health HTTP/1.1\r\n" + host + "Content-Type: */*\r\n\r\n", 415,
                    "UNSUPPORTED_MEDIA_TYPE");
            assertRawProblem(hk, "GET /actuator/health HTTP/1.1\r\n" + host + "Accept: a/b/c\r\n\r\n", 406, "NOT_ACCEPTABLE");
            assertRawProblem(hk, "GET /actuator/health/no-such-component HTTP/1.1\r\n" + host + "\r\n", 404, "NOT_FOUND");
            assertRawProblem(hk, "GET /error HTTP/1.1\r\n" + host + "Accept: application/xml\r\n\r\n", 404, "NOT_FOUND");

            RawHttp.Response health = hk.exchange(("GET /actuator/health HTTP/1.1\r\n" + host + "Accept: ,,,\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
            assertThat(health.status()).as(health.text()).isEqualTo(200);
        }
    }

    private static void assertRawProblem(RawHttp connection, String request, int status, String code) {
        RawHttp.Response response = connection.exchange(request.getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
        connection.close();
        assertThat(response.status()).as(request + " → " + response.text()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(request).startsWith("application/problem+json");
        JsonNode problem = Api.JSON.readTree(response.text());
        assertThat(problem.path("code").asString()).as(request).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(response.text()).doesNotContain("FORGED").doesNotContain("Exception").doesNotContain("<html");
    }

    /** Rewrites the verifier inside the token's body but keeps its commitment, as a forger would. */
    private static String tamperRecord(String token) {
        String[] parts = token.split("\\.");
        String json = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
        String forged = json.replace("cn.abc-shenzhen", "cn.abc-shenzhe2");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static Map<String, Object> body(String digest, JsonNode voucher, String token) {
        return Map.of("digest", digest, "algorithm", "sha-256", "voucher", voucher, "consent", token);
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).as(response.raw()).startsWith("application/problem+json");
        assertThat(response.code()).as(response.raw()).isEqualTo(code);
        assertThat(response.raw()).doesNotContain("Exception").doesNotContain("at org.");
    }

    private long rows(String node, String table) {
        return new JdbcTemplate(sandbox.nodeBean(node, DataSource.class)).queryForObject("select count(*) from " + table, Long.class);
    }

    /** A language cookie the node cannot read (planted on its domain, or edited) is ignored on every path, never a 500. */
    @ParameterizedTest
    @ValueSource(strings = {"\"en\"", "<script>", "%3Cx"})
    void anUnreadableLanguageCookieIsIgnored(String cookie) throws Exception {
        for (String node : List.of("hk", "sz")) {
            for (String path : List.of("/api/v1/node", "/resident/login", "/admin/login")) {
                java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.nodeUrl(node) + path))
                                .header("Cookie", "hashbridge-lang=" + cookie).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(node + " " + path + " with hashbridge-lang=" + cookie).isEqualTo(200);
            }
        }
    }
}
