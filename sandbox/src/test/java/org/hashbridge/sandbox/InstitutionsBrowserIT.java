package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The institutions page in a real browser (headless chromium) against the sandbox's real Shenzhen node, chain and
 * database: a verifier onboarded, its key read once and used over the API, rotated, revoked, the verifier suspended
 * and reactivated on chain; residents provisioned and re-keyed; another jurisdiction's id refused. Screenshots land
 * in {@code sandbox/target/screenshots/}; skipped, saying so, where chromium or chromedriver is missing.
 */
@ExtendWith(SandboxExtension.class)
class InstitutionsBrowserIT {

    private final Sandbox sandbox;
    private ChromeDriver chrome;

    InstitutionsBrowserIT(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @AfterEach
    void closeTheBrowser() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    @Test
    void aVerifierIsOnboardedReKeyedSuspendedAndReactivatedAndEachKeyIsShownOnce() {
        String verifier = "cn.page-" + Long.toString(System.currentTimeMillis(), 36);
        chrome = Chromium.start(1280, 900);
        signIn();
        clickAndWait(By.linkText("Institutions"));
        onboard(verifier, "VERIFIER");

        assertThat(chrome.findElement(By.id("copy-now")).getText()).contains("Copy it now");
        String first = chrome.findElement(By.id("secret")).getText();
        String firstId = chrome.findElement(By.id("key-id")).getText();
        assertThat(first).startsWith("hbk_").hasSize(47);
        assertThat(chrome.getCurrentUrl()).as("the key is in no address").endsWith("/admin/institutions").doesNotContain(first);
        assertThat(chrome.findElement(By.id("chain-state")).getAttribute("data-state")).isEqualTo("ACTIVE");
        Chromium.screenshot(chrome, "10-institution-onboarded");
        assertThat(verify(first).status()).as("the new key reaches the verification service").isNotEqualTo(401);

        clickAndWait(By.id("done"));
        clickAndWait(By.id("issue-key-submit"));
        String second = chrome.findElement(By.id("secret")).getText();
        assertThat(second).startsWith("hbk_").isNotEqualTo(first);
        assertThat(verify(first).status()).as("during a rotation both keys work").isNotEqualTo(401);
        assertThat(verify(second).status()).isNotEqualTo(401);

        clickAndWait(By.id("done"));
        WebElement firstRow = chrome.findElement(By.cssSelector("#keys tr[data-key='" + firstId + "']"));
        firstRow.findElement(By.name("confirm")).click();
        clickAndWait(firstRow.findElement(By.cssSelector("button")));
        assertThat(chrome.findElement(By.id("notice")).isDisplayed()).isTrue();
        assertThat(chrome.findElement(By.cssSelector("#keys tr[data-key='" + firstId + "']")).getAttribute("data-live")).isEqualTo("false");
        Api.Response revoked = verify(first);
        assertThat(revoked.status()).as("a revoked key, at once").isEqualTo(401);
        assertThat(revoked.code()).isEqualTo("UNKNOWN_CREDENTIAL");
        assertThat(verify(second).status()).isNotEqualTo(401);
        Chromium.screenshot(chrome, "11-institution-key-revoked");

        clickAndWait(By.id("suspend-submit"));
        assertThat(chrome.findElement(By.id("node-state")).getAttribute("data-state")).isEqualTo("SUSPENDED");
        assertThat(chrome.findElement(By.id("chain-state")).getAttribute("data-state")).as("suspended on chain too").isEqualTo("SUSPENDED");
        assertThat(chrome.findElement(By.id("pending")).getAttribute("data-pending")).isEqualTo("false");
        Api.Response suspended = verify(second);
        assertThat(suspended.status()).as("a verification by a suspended verifier").isEqualTo(401);
        assertThat(suspended.code()).isEqualTo("UNKNOWN_CREDENTIAL");
        Chromium.screenshot(chrome, "12-institution-suspended");

        clickAndWait(By.id("reactivate-submit"));
        assertThat(chrome.findElement(By.id("chain-state")).getAttribute("data-state")).isEqualTo("ACTIVE");
        assertThat(verify(second).status()).as("reactivated: its live key works again").isNotEqualTo(401);

        chrome.get(sandbox.nodeUrl("sz") + "/admin/institutions/" + verifier);
        assertThat(chrome.findElement(By.id("chain-state")).getAttribute("data-state")).isEqualTo("ACTIVE");
        assertThat(chrome.getPageSource()).as("a key is never shown again").doesNotContain(first).doesNotContain(second);
        chrome.get(sandbox.nodeUrl("sz") + "/admin/institutions");
        WebElement row = chrome.findElement(By.cssSelector("#institutions tr[data-institution='" + verifier + "']"));
        assertThat(row.findElement(By.className("live-keys")).getText()).isEqualTo("1");
        assertThat(chrome.getPageSource()).doesNotContain(first).doesNotContain(second);
        assertNotLogged(first, second);
    }

    @Test
    void anotherJurisdictionsIdIsRefusedInThePagesLanguageAndNothingIsOnboarded() {
        chrome = Chromium.start(1280, 900);
        signIn();
        chrome.get(sandbox.nodeUrl("sz") + "/admin/institutions");
        onboard("hk.not-ours", "ISSUER");
        assertThat(chrome.findElement(By.id("refusal")).getAttribute("data-code")).isEqualTo("FOREIGN_NAMESPACE");
        assertThat(chrome.findElement(By.id("refusal")).getText()).contains("hk.not-ours")
                .contains("another jurisdiction's namespace");
        assertThat(chrome.findElements(By.id("secret"))).isEmpty();
        Chromium.screenshot(chrome, "13-institution-foreign-namespace");

        chrome.get(sandbox.nodeUrl("sz") + "/admin/institutions?lang=zh-CN");
        onboard("hk.not-ours", "ISSUER");
        assertThat(chrome.findElement(By.id("refusal")).getText()).contains("属于另一法域的命名空间");
        chrome.get(sandbox.nodeUrl("sz") + "/admin/institutions?lang=en");
        assertThat(chrome.findElements(By.cssSelector("#institutions tr[data-institution='hk.not-ours']"))).isEmpty();
        assertThat(operator().get("/api/v1/operator/institutions/hk.not-ours").status()).isEqualTo(404);
    }

    @Test
    void aResidentIsProvisionedAndReKeyedAndTheSubjectAppearsOnlyOnTheResult() {
        String subject = "CN-4403001990" + Long.toString(System.nanoTime() % 100_000_000L);
        chrome = Chromium.start(390, 844);
        signIn();
        chrome.get(sandbox.nodeUrl("sz") + "/admin/institutions");
        chrome.findElement(By.id("provision-subject")).sendKeys(subject);
        clickAndWait(By.id("provision-submit"));
        assertThat(chrome.findElement(By.id("owner")).getText()).isEqualTo(subject);
        String credential = chrome.findElement(By.id("secret")).getText();
        assertThat(credential).startsWith("hbr_");
        assertThat(overflow()).as("the result at 390 px").isLessThanOrEqualTo(0);
        Chromium.screenshot(chrome, "14-resident-provisioned-phone");
        assertThat(Api.as(sandbox, "sz", credential).get("/api/v1/consents").status()).isEqualTo(200);

        clickAndWait(By.id("done"));
        assertThat(chrome.getPageSource()).as("no list holds a resident").doesNotContain(subject).doesNotContain(credential);
        chrome.findElement(By.id("provision-subject")).sendKeys(subject);
        clickAndWait(By.id("provision-submit"));
        assertThat(chrome.findElement(By.id("refusal")).getAttribute("data-code")).isEqualTo("RESIDENT_EXISTS");

        chrome.findElement(By.id("rotate-subject")).sendKeys(subject);
        clickAndWait(By.id("rotate-submit"));
        String rotated = chrome.findElement(By.id("secret")).getText();
        assertThat(rotated).startsWith("hbr_").isNotEqualTo(credential);
        assertThat(Api.as(sandbox, "sz", credential).get("/api/v1/consents").status()).as("the old credential").isEqualTo(401);
        assertThat(Api.as(sandbox, "sz", rotated).get("/api/v1/consents").status()).isEqualTo(200);

        for (String page : List.of("/admin/institutions", "/admin/institutions/cn.abc-shenzhen")) {
            chrome.get(sandbox.nodeUrl("sz") + page);
            assertThat(overflow()).as("horizontal overflow of %s at 390 px", page).isLessThanOrEqualTo(0);
        }
        Chromium.screenshot(chrome, "15-institution-phone");
        assertNotLogged(subject, credential, rotated);
    }

    /** The nodes' log of this run (written by logback-test.xml) holds none of {@code values}. */
    private static void assertNotLogged(String... values) {
        try {
            String log = java.nio.file.Files.readString(java.nio.file.Path.of("target", "node-logs", "nodes.log"));
            assertThat(log).as("the nodes' log").isNotEmpty();
            for (String value : values) {
                assertThat(log.contains(value)).as("a secret or a resident's id in the nodes' log").isFalse();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void onboard(String id, String role) {
        chrome.findElement(By.id("onboard-id")).sendKeys(id);
        new Select(chrome.findElement(By.id("onboard-role"))).selectByValue(role);
        clickAndWait(By.id("onboard-submit"));
    }

    private Api.Response verify(String apiKey) {
        return Api.as(sandbox, "sz", apiKey).post("/api/v1/verifications", Map.of());
    }

    private Api operator() {
        return Api.withAuthorization(sandbox, "sz", "Basic " + java.util.Base64.getEncoder().encodeToString(
                (sandbox.operatorUsername("sz") + ":" + sandbox.operatorPassword("sz")).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private long overflow() {
        return ((Number) chrome.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
    }

    private void signIn() {
        chrome.get(sandbox.nodeUrl("sz") + "/admin/login?lang=en");
        chrome.findElement(By.id("username")).sendKeys(sandbox.operatorUsername("sz"));
        chrome.findElement(By.id("password")).sendKeys(sandbox.operatorPassword("sz"));
        clickAndWait(By.id("signin"));
    }

    private void clickAndWait(By link) {
        clickAndWait(chrome.findElement(link));
    }

    /** Clicks what leads to another page, and waits until the browser has left this one. */
    private void clickAndWait(WebElement element) {
        Chromium.clickAndWait(chrome, element, Duration.ofSeconds(30));
    }
}
