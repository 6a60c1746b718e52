package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The operators' side of a real node over HTTP: the dashboard behind a sign-in form with CSRF protection and
 * a hardened session, the operator API behind HTTP Basic answering refusals as problems, and the audit trail
 * that both feed. (The browser drives the same pages in {@link DashboardBrowserIT}.)
 */
@ExtendWith(SandboxExtension.class)
class DashboardIT {

    private final Sandbox sandbox;

    DashboardIT(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    private OperatorSession session() {
        return new OperatorSession(sandbox.nodeUrl("sz"));
    }

    private OperatorSession signedIn() {
        OperatorSession session = session();
        HttpResponse<String> answer = session.signIn(sandbox.operatorUsername("sz"), sandbox.operatorPassword("sz"));
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).get().asString().endsWith("/admin");
        return session;
    }

    @Test
    void theDashboardNeedsASignInAndTheFormACsrfToken() {
        OperatorSession session = session();
        assertThat(session.get("/admin").statusCode()).isEqualTo(302);
        assertThat(session.get("/admin/audit").headers().firstValue("Location")).get().asString().endsWith("/admin/login");

        HttpResponse<String> withoutToken = session.post("/admin/login", "/admin/login",
                Map.of("username", sandbox.operatorUsername("sz"), "password", sandbox.operatorPassword("sz")), false);
        assertThat(withoutToken.statusCode()).as("a sign-in form posted from elsewhere").isEqualTo(403);
        assertThat(session.get("/admin").statusCode()).as("still signed out").isEqualTo(302);
    }

    @Test
    void aWrongPasswordIsRefusedAndTheRightOneOpensAHardenedSession() {
        OperatorSession session = session();
        HttpResponse<String> wrong = session.signIn(sandbox.operatorUsername("sz"), "not-the-password");
        assertThat(wrong.headers().firstValue("Location")).get().asString().endsWith("/admin/login?error");

        HttpResponse<String> right = session.signIn(sandbox.operatorUsername("sz"), sandbox.operatorPassword("sz"));
        assertThat(right.headers().firstValue("Location")).get().asString().endsWith("/admin");
        assertThat(right.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("HASHBRIDGE_ADMIN=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax"));

        HttpResponse<String> overview = session.get("/admin");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(overview.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(overview.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(overview.body()).doesNotContain("<script>").contains("chart-verifications");
    }

    @Test
    void everyPageAnswersAndNoneHoldsAnInlineScript() {
        OperatorSession session = signedIn();
        for (String page : List.of("/admin", "/admin/anchors", "/admin/verifications", "/admin/consents", "/admin/chain",
                "/admin/audit", "/admin/institutions", "/admin/institutions/cn.abc-shenzhen", "/admin/anchors?institution=hk.transunion&from=2026-01-01&to=2030-01-01&status=ANCHORED")) {
            HttpResponse<String> answer = session.get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(200);
            assertThat(answer.body()).as(page).doesNotContainPattern("<script>|<script [^>]*>[^<]+</script>|style=\"");
        }
        assertThat(session.get("/admin/chain").body()).contains(sandbox.registryAddress());
        assertThat(session.get("/admin/webjars/echarts/dist/echarts.min.js").statusCode()).isEqualTo(200);
        assertThat(Api.anonymous(sandbox, "sz").get("/v3/api-docs").raw()).as("pages are no API")
                .doesNotContain("\"/admin").contains("/api/v1/operator/audit");
    }

    @Test
    void theChainPageLinksThisNodesTransactionsToTheirReceiptsReadFromTheChain() {
        byte[] report = Journeys.creditReport("CN-DASHBOARD-RECEIPT");
        JsonNode chain = new Journeys(sandbox).anchor("sz", "cn.baihang", "CN-DASHBOARD-RECEIPT", report,
                java.time.Instant.now().plus(java.time.Duration.ofDays(30))).path("chain");
        String tx = chain.path("transaction").asString();
        OperatorSession session = signedIn();
        assertThat(session.get("/admin/chain").body()).as("the anchor's root is among the latest transactions")
                .contains("href=\"/admin/chain/transactions/" + tx + "\"");

        HttpResponse<String> receipt = session.get("/admin/chain/transactions/" + tx + "?lang=en");
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.body()).contains("id=\"receipt-status\">succeeded<")
                .contains("id=\"receipt-block\">" + chain.path("block").asLong() + "<")
                .contains(sandbox.registryAddress().toLowerCase(java.util.Locale.ROOT));

        HttpResponse<String> unknown = session.get("/admin/chain/transactions/0x" + "ab".repeat(32) + "?lang=zh-CN");
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("id=\"no-receipt\"").contains("链上没有此交易的回执");
        assertThat(session.get("/admin/chain/transactions/0x12zz").statusCode()).isEqualTo(404);
    }

    @Test
    void aMalformedSearchIsShownInThePagesLanguageAndSearchesNothing() {
        OperatorSession session = signedIn();
        HttpResponse<String> english = session.get("/admin/verifications?id=not-a-uuid&lang=en");
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body()).contains("The id must be a UUID").doesNotContain("id=\"results\"");

        HttpResponse<String> chinese = session.get("/admin/verifications?from=yesterday&lang=zh-HK");
        assertThat(chinese.body()).contains("開始日期格式必須是 YYYY-MM-DD").contains("lang=\"zh-HK\"");
        assertThat(session.get("/admin/anchors?status=DROP%20TABLE").body()).contains("請從清單選擇狀態");
    }

    @Test
    void theOperatorApiAnswersRefusalsAsProblemsAndReadsTheAuditTrail() {
        Api anonymous = Api.anonymous(sandbox, "sz");
        assertThat(anonymous.get("/api/v1/operator/audit").body().path("code").asString()).isEqualTo("UNAUTHENTICATED");
        Api wrong = basic("sz-operator", "wrong-password");
        Api.Response refused = wrong.get("/api/v1/operator/audit");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("code").asString()).isEqualTo("UNKNOWN_CREDENTIAL");
        Api.Response bearer = Api.as(sandbox, "sz", sandbox.apiKey("cn.abc-shenzhen")).get("/api/v1/operator/audit");
        assertThat(bearer.status()).as("an institution's key is no operator's").isEqualTo(401);

        signedIn();
        Api operator = basic(sandbox.operatorUsername("sz"), sandbox.operatorPassword("sz"));
        long newestBefore = operator.get("/api/v1/operator/audit").body().path("rows").get(0).path("id").asLong();
        Api.Response onboarded = operator.post("/api/v1/operator/institutions", Map.of(
                "id", "cn.audited-bank", "role", "VERIFIER"));
        assertThat(onboarded.status()).as(onboarded.raw()).isIn(201, 202);
        Api.Response trail = operator.get("/api/v1/operator/audit");
        assertThat(trail.status()).as(trail.raw()).isEqualTo(200);
        List<JsonNode> made = new ArrayList<>();
        trail.body().path("rows").forEach(row -> {
            if (row.path("id").asLong() > newestBefore) {
                made.add(row);
            }
        });
        assertThat(made).as("the changes the call made, and no sign-in: HTTP Basic signs in on every call")
                .extracting(row -> row.path("action").asString())
                .containsExactlyInAnyOrder("INSTITUTION_ONBOARDED", "API_KEY_ISSUED");
        JsonNode onboarding = made.stream().filter(row -> row.path("action").asString().equals("INSTITUTION_ONBOARDED"))
                .findFirst().orElseThrow();
        assertThat(onboarding.path("target").asString()).isEqualTo("cn.audited-bank");
        assertThat(onboarding.path("actor").asString()).isEqualTo(sandbox.operatorUsername("sz"));
        assertThat(onboarding.path("remoteAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(trail.raw()).doesNotContain("wrong-password").doesNotContain(sandbox.operatorPassword("sz"))
                .doesNotContain(onboarded.body().path("apiKey").path("secret").asString());
    }

    @Test
    void theInstitutionsFormsNeedTheirCsrfTokenAndShowANewKeyOnceWithoutKeepingIt() {
        OperatorSession session = signedIn();
        Api operator = basic(sandbox.operatorUsername("sz"), sandbox.operatorPassword("sz"));
        String id = "cn.form-" + Long.toString(System.currentTimeMillis(), 36);

        HttpResponse<String> forged = session.post("/admin/institutions", "/admin/institutions",
                Map.of("id", id, "role", "VERIFIER"), false);
        assertThat(forged.statusCode()).as("an onboarding posted from elsewhere").isEqualTo(403);
        assertThat(operator.get("/api/v1/operator/institutions/" + id).status()).as("nothing onboarded").isEqualTo(404);

        HttpResponse<String> onboarded = session.post("/admin/institutions", "/admin/institutions",
                Map.of("id", id, "role", "VERIFIER"), true);
        assertThat(onboarded.statusCode()).isEqualTo(200);
        assertThat(onboarded.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        Matcher secret = Pattern.compile("id=\"secret\"[^>]*>(hbk_[^<]+)<").matcher(onboarded.body());
        assertThat(secret.find()).as(onboarded.body()).isTrue();
        assertThat(Api.as(sandbox, "sz", secret.group(1)).post("/api/v1/verifications", Map.of()).status()).isNotEqualTo(401);
        assertThat(session.get("/admin/institutions/" + id).body()).as("shown once").doesNotContain(secret.group(1));
        assertThat(session.get("/admin/institutions").body()).doesNotContain(secret.group(1)).contains(id);

        String keyId = operator.get("/api/v1/operator/institutions/" + id + "/api-keys").body().path("apiKeys").get(0).path("id").asString();
        String revoke = "/admin/institutions/" + id + "/api-keys/" + keyId + "/revoke";
        assertThat(session.post("/admin/institutions/" + id, revoke, Map.of("confirm", "yes"), false).statusCode())
                .as("a revocation posted from elsewhere").isEqualTo(403);
        HttpResponse<String> unconfirmed = session.post("/admin/institutions/" + id + "?lang=zh-HK", revoke, Map.of(), true);
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(unconfirmed.body()).contains("請剔選金鑰旁的方格以確認撤銷");
        assertThat(session.post("/admin/institutions/" + id, "/admin/institutions/" + id + "/suspend", Map.of(), false)
                .statusCode()).isEqualTo(403);
        JsonNode after = operator.get("/api/v1/operator/institutions/" + id).body();
        assertThat(after.path("liveApiKeys").asLong()).as("no key revoked").isEqualTo(1);
        assertThat(after.path("status").asString()).as("not suspended").isEqualTo("ACTIVE");
        assertThat(Api.as(sandbox, "sz", secret.group(1)).post("/api/v1/verifications", Map.of()).status()).isNotEqualTo(401);

        for (int live = 2; live <= 5; live++) {
            assertThat(session.post("/admin/institutions/" + id, "/admin/institutions/" + id + "/api-keys", Map.of(), true)
                    .statusCode()).isEqualTo(200);
        }
        HttpResponse<String> sixth = session.post("/admin/institutions/" + id + "?lang=zh-CN",
                "/admin/institutions/" + id + "/api-keys", Map.of(), true);
        assertThat(sixth.statusCode()).isEqualTo(409);
        assertThat(sixth.body()).contains("有效密钥已达上限").doesNotContain("hbk_");
        assertThat(operator.get("/api/v1/operator/institutions/" + id).body().path("liveApiKeys").asLong()).isEqualTo(5);

        HttpResponse<String> twice = session.post("/admin/institutions?lang=en", "/admin/institutions",
                Map.of("id", id, "role", "ISSUER"), true);
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains(id + " is onboarded already").doesNotContain("hbk_");
    }

    @Test
    void anUnknownNameLocksAfterFiveTriesAsAnAccountWould() {
        Api ghost = basic("ghost-operator", "guess");
        for (int i = 1; i <= 4; i++) {
            assertThat(ghost.get("/api/v1/operator/audit").body().path("code").asString()).isEqualTo("UNKNOWN_CREDENTIAL");
        }
        assertThat(ghost.get("/api/v1/operator/audit").body().path("code").asString()).isEqualTo("OPERATOR_LOCKED");
        OperatorSession session = session();
        assertThat(session.signIn("ghost-operator", "guess").headers().firstValue("Location")).get().asString()
                .endsWith("/admin/login?locked");
    }

    private Api basic(String username, String password) {
        return Api.withAuthorization(sandbox, "sz", "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
