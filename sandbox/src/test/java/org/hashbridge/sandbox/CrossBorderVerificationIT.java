package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.sandbox.Journeys.HK_RESIDENT;
import static org.hashbridge.sandbox.Journeys.SZ_RESIDENT;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hashbridge.protocol.Receipt;
import org.hashbridge.protocol.ReceiptVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** The northbound and southbound stories, and every way they must fail, over real HTTP, chain and databases. */
@ExtendWith(SandboxExtension.class)
class CrossBorderVerificationIT {

    private final Sandbox sandbox;
    private final Journeys journeys;
    private final Instant inAYear = Instant.now().plus(Duration.ofDays(365));
    private final Instant inAMonth = Instant.now().plus(Duration.ofDays(30));

    CrossBorderVerificationIT(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.journeys = new Journeys(sandbox);
    }

    private byte[] report;
    private JsonNode voucher;
    private JsonNode consent;

    @BeforeEach
    void northboundSetUp() {
        report = Journeys.creditReport(HK_RESIDENT);
        voucher = journeys.anchor("hk", "hk.transunion", HK_RESIDENT, report, inAYear);
        consent = journeys.grantConsent("hk", HK_RESIDENT, "hk.transunion", "cn.abc-shenzhen", inAMonth);
    }

    private String token() {
        return consent.path("token").asString();
    }

    @Test
    void northboundVerificationPassesEveryCheckAndSignsAReceipt() {
        Api.Response answer = journeys.verify("sz", "cn.abc-shenzhen", report, voucher, token());

        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.body().path("verdict").asString()).isEqualTo("VERIFIED");
        assertThat(statuses(answer)).containsOnly("VALID");
        assertThat(types(answer)).containsExactlyInAnyOrder("INTEGRITY", "ANCHOR", "STATUS", "VALIDITY", "ISSUER", "CONSENT");
        Receipt receipt = ReceiptVerifier.of(Api.anonymous(sandbox, "sz").get("/api/v1/receipt-keys").raw())
                .verify(answer.body().path("receipt").asString());
        assertThat(receipt.verdict()).isEqualTo("VERIFIED");
        assertThat(receipt.verifier()).isEqualTo("cn.abc-shenzhen");
        assertThat(receipt.digest()).isEqualTo(Journeys.sha256(report));
        assertThat(receipt.block()).as("the block the checks read").isGreaterThanOrEqualTo(voucher.path("chain").path("block").asLong());
    }

    @Test
    void aFileWithOneByteChangedFailsIntegrity() {
        byte[] altered = report.clone();
        altered[altered.length / 2] ^= 0x01;

        Api.Response answer = journeys.verify("sz", "cn.abc-shenzhen", altered, voucher, token());

        assertThat(answer.body().path("verdict").asString()).isEqualTo("REJECTED");
        assertThat(check(answer, "INTEGRITY").path("status").asString()).isEqualTo("INVALID");
        assertThat(check(answer, "INTEGRITY").path("code").asString()).isEqualTo("DIGEST_MISMATCH");
    }

    @Test
    void consentRevokedAtTheHongKongNodeIsRefusedAtTheShenzhenNode() {
        Api.Response revoked = journeys.as("hk", HK_RESIDENT).delete("/api/v1/consents/" + consent.path("consentId").asString());
        assertThat(revoked.body().path("status").asString()).isEqualTo("REVOKED");

        Api.Response answer = journeys.verify("sz", "cn.abc-shenzhen", report, voucher, token());

        assertThat(answer.body().path("verdict").asString()).isEqualTo("REJECTED");
        assertThat(check(answer, "CONSENT").path("code").asString()).isEqualTo("CONSENT_REVOKED");
        assertThat(check(answer, "INTEGRITY").path("status").asString()).isEqualTo("VALID");
    }

    @Test
    void aDocumentRevokedByItsIssuerFailsStatus() {
        String anchorId = voucher.path("anchorId").asString();
        Api.Response revoked = journeys.as("hk", "hk.transunion")
                .post("/api/v1/anchors/" + anchorId + "/revocation", Map.of("reason", "report superseded"));
        assertThat(revoked.body().path("status").asString()).as(revoked.raw()).isEqualTo("REVOKED");

        Api.Response answer = journeys.verify("sz", "cn.abc-shenzhen", report, voucher, token());

        assertThat(answer.body().path("verdict").asString()).isEqualTo("REJECTED");
        assertThat(check(answer, "STATUS").path("code").asString()).isEqualTo("DOCUMENT_REVOKED");
    }

    @Test
    void revokingADocumentAnchoredTwiceRevokesBothAnchors() {
        JsonNode again = journeys.anchor("hk", "hk.transunion", HK_RESIDENT, report, inAYear);
        assertThat(again.path("leaf").asString()).as("a fresh salt, so another leaf").isNotEqualTo(voucher.path("leaf").asString());
        Api issuer = journeys.as("hk", "hk.transunion");

        Api.Response revoked = issuer.post("/api/v1/anchors/" + again.path("anchorId").asString() + "/revocation",
                Map.of("reason", "report superseded"));
        assertThat(revoked.body().path("status").asString()).as(revoked.raw()).isEqualTo("REVOKED");

        for (JsonNode copy : List.of(voucher, again)) {
            Api.Response answer = journeys.verify("sz", "cn.abc-shenzhen", report, copy, token());
            assertThat(answer.body().path("verdict").asString()).as(answer.raw()).isEqualTo("REJECTED");
            assertThat(check(answer, "STATUS").path("code").asString()).isEqualTo("DOCUMENT_REVOKED");
            Api.Response anchor = issuer.get("/api/v1/anchors/" + copy.path("anchorId").asString());
            assertThat(anchor.body().path("status").asString()).as(anchor.raw()).isEqualTo("REVOKED");
        }
    }

    @Test
    void aDocumentPastItsValidUntilFailsValidity() {
        byte[] shortLived = Journeys.creditReport(HK_RESIDENT);
        JsonNode expiring = journeys.anchor("hk", "hk.transunion", HK_RESIDENT, shortLived, Instant.now().plusSeconds(2));
        Journeys.pause(Duration.ofMillis(Math.max(0, Instant.parse(expiring.path("validUntil").asString()).toEpochMilli()
                - System.currentTimeMillis() + 50)));

        Api.Response answer = journeys.verify("sz", "cn.abc-shenzhen", shortLived, expiring, token());

        assertThat(answer.body().path("verdict").asString()).isEqualTo("REJECTED");
        assertThat(check(answer, "VALIDITY").path("code").asString()).isEqualTo("DOCUMENT_EXPIRED");
    }

    @Test
    void anotherBankCannotUseTheSameConsent() {
        Api.Response answer = journeys.verify("hk", "hk.fusion-bank", report, voucher, token());

        assertThat(answer.body().path("verdict").asString()).isEqualTo("REJECTED");
        assertThat(check(answer, "CONSENT").path("code").asString()).isEqualTo("CONSENT_OTHER_VERIFIER");
    }

    @Test
    void theResidentSeesWhoVerifiedTheirDocument() {
        journeys.verify("sz", "cn.abc-shenzhen", report, voucher, token());
        String path = "/api/v1/consents/" + consent.path("consentId").asString() + "/accesses";

        Api resident = journeys.as("hk", HK_RESIDENT);

        JsonNode accesses = awaitAccesses(resident, path);

        assertThat(accesses.get(0).path("verifier").asString()).isEqualTo("cn.abc-shenzhen");
        assertThat(accesses.get(0).path("verdict").asString()).isEqualTo("VERIFIED");
        JsonNode page = resident.get(path).body();
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).as("the default page size").isEqualTo(50);
        assertThat(page.path("total").asInt()).as("one verification, one access").isEqualTo(1);
    }

    @Test
    void southboundIsTheMirrorImage() {
        byte[] baihangReport = Journeys.creditReport(SZ_RESIDENT);
        JsonNode szVoucher = journeys.anchor("sz", "cn.baihang", SZ_RESIDENT, baihangReport, inAYear);
        JsonNode szConsent = journeys.grantConsent("sz", SZ_RESIDENT, "cn.baihang", "hk.fusion-bank", inAMonth);

        Api.Response answer = journeys.verify("hk", "hk.fusion-bank", baihangReport, szVoucher, szConsent.path("token").asString());

        assertThat(answer.body().path("verdict").asString()).as(answer.raw()).isEqualTo("VERIFIED");
        assertThat(statuses(answer)).containsOnly("VALID");
    }

    @Test
    void callersAreAuthenticatedAndHeldToTheirRole() {
        Map<String, Object> anchor = Map.of("digest", Journeys.sha256(report), "algorithm", "sha-256",
                "documentType", "credit-report", "subject", HK_RESIDENT, "validUntil", inAYear.toString());
        Map<String, Object> verification = Map.of("digest", Journeys.sha256(report), "algorithm", "sha-256",
                "voucher", voucher, "consent", token());

        assertThat(Api.anonymous(sandbox, "sz").post("/api/v1/verifications", verification).status()).isEqualTo(401);
        Api.Response unknown = Api.as(sandbox, "sz", "hbk_not-a-key").post("/api/v1/verifications", verification);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.code()).isEqualTo("UNKNOWN_CREDENTIAL");
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        Api.Response bankAtTheOtherSide = journeys.as("hk", "cn.abc-shenzhen").post("/api/v1/verifications", verification);
        assertThat(bankAtTheOtherSide.status()).isEqualTo(401);
        assertThat(bankAtTheOtherSide.code()).isEqualTo("UNKNOWN_CREDENTIAL");
        assertThat(bankAtTheOtherSide.body().path("detail").asString()).contains("banks verify", "at their home node");
        Api.Response issuerVerifying = journeys.as("sz", "cn.baihang").post("/api/v1/verifications", verification);
        assertThat(issuerVerifying.status()).isEqualTo(403);
        assertThat(issuerVerifying.code()).isEqualTo("FORBIDDEN_ROLE");
        assertThat(journeys.as("hk", "hk.fusion-bank").post("/api/v1/anchors", anchor).status()).isEqualTo(403);
    }

    @Test
    void eachNodeDescribesItsApiAndPublishesItsReceiptKeysToAnyone() {
        Api.Response openApi = Api.anonymous(sandbox, "sz").get("/v3/api-docs");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body().path("paths").propertyNames()).contains("/api/v1/anchors", "/api/v1/consents",
                "/api/v1/consents/{consentId}/accesses", "/api/v1/verifications", "/api/v1/node", "/api/v1/receipt-keys");
        Api.Response node = Api.anonymous(sandbox, "hk").get("/api/v1/node");
        assertThat(node.body().path("jurisdiction").asString()).isEqualTo("HK");
        assertThat(node.body().path("registryAddress").asString()).isEqualToIgnoringCase(sandbox.registryAddress());
    }

    private static JsonNode awaitAccesses(Api api, String path) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            JsonNode accesses = api.get(path).body().path("accesses");
            if (!accesses.isEmpty()) {
                return accesses;
            }
            Journeys.pause(Duration.ofMillis(200));
        }
        throw new AssertionError("no access recorded within 20 s");
    }

    static JsonNode check(Api.Response answer, String type) {
        for (JsonNode check : answer.body().path("checks")) {
            if (check.path("type").asString().equals(type)) {
                return check;
            }
        }
        throw new AssertionError("no " + type + " check in " + answer.raw());
    }

    private static List<String> statuses(Api.Response answer) {
        return answer.body().path("checks").valueStream().map(c -> c.path("status").asString()).toList();
    }

    private static List<String> types(Api.Response answer) {
        return answer.body().path("checks").valueStream().map(c -> c.path("type").asString()).toList();
    }
}
