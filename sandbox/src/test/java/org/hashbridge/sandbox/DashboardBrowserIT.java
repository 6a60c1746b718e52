package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.sandbox.Journeys.HK_RESIDENT;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in a real browser (headless chromium) against the sandbox's real nodes, chain and databases:
 * signing in, a wrong password refused, lock-out, a verification made through the API shown with its six
 * checks and receipt, the three languages, and a phone's width. Screenshots land in
 * {@code sandbox/target/screenshots/}. Skipped, saying so, where chromium or chromedriver is missing.
 */
@ExtendWith(SandboxExtension.class)
class DashboardBrowserIT {

    private final Sandbox sandbox;
    private final Journeys journeys;
    private ChromeDriver chrome;

    DashboardBrowserIT(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.journeys = new Journeys(sandbox);
    }

    @AfterEach
    void closeTheBrowser() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    @Test
    void aWrongPasswordIsRefusedTheRightOneSignsInAndSigningOutIsAudited() {
        chrome = Chromium.start(1280, 900);
        chrome.get(sandbox.nodeUrl("sz") + "/admin");
        assertThat(chrome.getCurrentUrl()).as("the dashboard sends a stranger to sign in").endsWith("/admin/login");

        signIn("sz", "not-the-password");
        assertThat(chrome.findElement(By.id("login-error")).isDisplayed()).isTrue();
        Chromium.screenshot(chrome, "01-wrong-password");

        signIn("sz", sandbox.operatorPassword("sz"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-verifications[data-drawn]")));
        assertThat(chrome.findElement(By.id("chain-head")).getText()).matches("\\d+");
        Chromium.screenshot(chrome, "02-overview");

        chrome.get(sandbox.nodeUrl("sz") + "/admin/audit");
        assertThat(chrome.findElements(By.cssSelector("#audit tr[data-action=OPERATOR_LOGIN]"))).isNotEmpty();
        assertThat(chrome.findElements(By.cssSelector("#audit tr[data-action=OPERATOR_LOGIN_FAILED]"))).isNotEmpty();
        Chromium.screenshot(chrome, "03-audit-trail");

        clickAndWait(By.id("signout"));
        assertThat(chrome.findElement(By.id("signed-out")).isDisplayed()).isTrue();
        assertThat(audited("sz", "OPERATOR_LOGOUT")).isPositive();
        chrome.get(sandbox.nodeUrl("sz") + "/admin/audit");
        assertThat(chrome.getCurrentUrl()).as("signed out: the session is gone").endsWith("/admin/login");
    }

    @Test
    void aVerificationMadeThroughTheApiAppearsWithItsChecksAndReceipt() {
        byte[] report = Journeys.creditReport(HK_RESIDENT);
        JsonNode voucher = journeys.anchor("hk", "hk.transunion", HK_RESIDENT, report, Instant.now().plus(Duration.ofDays(365)));
        JsonNode consent = journeys.grantConsent("hk", HK_RESIDENT, "hk.transunion", "cn.abc-shenzhen",
                Instant.now().plus(Duration.ofDays(30)));
        Api.Response verified = journeys.verify("sz", "cn.abc-shenzhen", report, voucher, consent.path("token").asString());
        String id = verified.body().path("verificationId").asString();
        assertThat(verified.body().path("verdict").asString()).isEqualTo("VERIFIED");

        chrome = Chromium.start(1280, 900);
        chrome.get(sandbox.nodeUrl("sz") + "/admin/login?lang=en");
        signIn("sz", sandbox.operatorPassword("sz"));
        chrome.get(sandbox.nodeUrl("sz") + "/admin/verifications");
        chrome.findElement(By.name("institution")).sendKeys("cn.abc-shenzhen");
        chrome.findElement(By.name("id")).sendKeys(id);
        clickAndWait(By.id("search-submit"));
        clickAndWait(By.linkText(id));

        assertThat(chrome.findElement(By.id("verification-id")).getText()).isEqualTo(id);
        assertThat(chrome.findElement(By.id("verdict")).getText()).isEqualTo("Verified");
        List<WebElement> checks = chrome.findElements(By.cssSelector("#checks tbody tr"));
        assertThat(checks).extracting(row -> row.getAttribute("data-check"))
                .containsExactlyInAnyOrder("INTEGRITY", "ANCHOR", "STATUS", "VALIDITY", "ISSUER", "CONSENT");
        assertThat(checks).allSatisfy(row -> assertThat(row.getText()).contains("VALID"));
        assertThat(chrome.findElement(By.id("receipt-claims")).getText()).contains("cn.abc-shenzhen").contains("VERIFIED");
        assertThat(chrome.getPageSource()).as("never the resident").doesNotContain(HK_RESIDENT);
        assertThat(chrome.findElement(By.cssSelector("main .card")).getText())
                .as("the digest only inside the receipt the bank holds").doesNotContain(Journeys.sha256(report));
        Chromium.screenshot(chrome, "04-verification");
    }

    @Test
    void theNodesLanguageIsTheDefaultAndTheOperatorSwitchesBetweenTheThree() {
        chrome = Chromium.start(1280, 900);
        chrome.get(sandbox.nodeUrl("sz") + "/admin/login");
        assertThat(chrome.findElement(By.tagName("h1")).getText()).as("the Shenzhen node speaks Simplified Chinese").isEqualTo("运营方登录");
        assertThat(chrome.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");

        clickAndWait(By.id("lang-zh-HK"));
        assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("營運者登入");
        signIn("sz", sandbox.operatorPassword("sz"));
        assertThat(chrome.findElement(By.linkText("審計記錄")).isDisplayed()).as("the choice outlives the page").isTrue();
        Chromium.screenshot(chrome, "05-overview-zh-HK");

        clickAndWait(By.id("lang-en"));
        assertThat(chrome.findElement(By.linkText("Audit trail")).isDisplayed()).isTrue();
        chrome.get(sandbox.nodeUrl("sz") + "/admin/consents?lang=zh-CN");
        assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("授权");
        Chromium.screenshot(chrome, "06-consents-zh-CN");
    }

    @Test
    void atAPhonesWidthNothingRunsOffTheScreen() {
        chrome = Chromium.start(390, 844);
        chrome.get(sandbox.nodeUrl("sz") + "/admin/login?lang=en");
        signIn("sz", sandbox.operatorPassword("sz"));
        for (String page : List.of("/admin", "/admin/verifications", "/admin/chain", "/admin/audit")) {
            chrome.get(sandbox.nodeUrl("sz") + page);
            Number overflow = (Number) chrome.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow.intValue()).as("horizontal overflow of %s at 390 px", page).isLessThanOrEqualTo(0);
        }
        chrome.get(sandbox.nodeUrl("sz") + "/admin");
        Chromium.screenshot(chrome, "07-phone-overview");
    }

    /** On the Hong Kong node, whose demo operator no other test signs in with: it stays locked for 15 minutes. */
    @Test
    void fiveWrongPasswordsLockTheAccountAndThenEvenTheRightOneIsRefused() {
        chrome = Chromium.start(1280, 900);
        chrome.get(sandbox.nodeUrl("hk") + "/admin/login?lang=en");
        for (int i = 1; i <= 4; i++) {
            signIn("hk", "guess-" + i);
            assertThat(chrome.findElement(By.id("login-error")).isDisplayed()).isTrue();
        }
        signIn("hk", "guess-5");
        assertThat(chrome.findElement(By.id("login-locked")).getText()).contains("locked");
        signIn("hk", sandbox.operatorPassword("hk"));
        assertThat(chrome.findElements(By.id("login-locked"))).as("the right password, while locked").isNotEmpty();
        Chromium.screenshot(chrome, "08-locked");

        assertThat(audited("hk", "OPERATOR_LOCKED")).isEqualTo(1);
        assertThat(audited("hk", "OPERATOR_LOGIN_REFUSED_LOCKED")).isEqualTo(1);
        assertThat(audited("hk", "OPERATOR_LOGIN")).isZero();
    }

    private void signIn(String node, String password) {
        if (!chrome.getCurrentUrl().contains("/admin/login")) {
            chrome.get(sandbox.nodeUrl(node) + "/admin/login");
        }
        chrome.findElement(By.id("username")).sendKeys(sandbox.operatorUsername(node));
        chrome.findElement(By.id("password")).sendKeys(password);
        clickAndWait(By.id("signin"));
    }

    /** Clicks what leads to another page, and waits until the browser has left this one. */
    private void clickAndWait(By link) {
        Chromium.clickAndWait(chrome, chrome.findElement(link), Duration.ofSeconds(10));
    }

    private long audited(String node, String action) {
        DataSource database = sandbox.database(node);
        return new JdbcTemplate(database).queryForObject("select count(*) from operator_audit where action = ? and actor = ?",
                Long.class, action, sandbox.operatorUsername(node));
    }

    private WebDriverWait await() {
        return new WebDriverWait(chrome, Duration.ofSeconds(10));
    }
}
