package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.sandbox.Journeys.HK_RESIDENT;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
}
