package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.sandbox.CrossBorderVerificationIT.check;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.hashbridge.node.chain.ChainSettings;
import org.hashbridge.node.chain.DevAccounts;
import org.hashbridge.node.chain.Web3jRegistryChain;
import org.hashbridge.node.institution.ResidentCredentials;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import tools.jackson.databind.JsonNode;

/**
 * The resident page in a real browser (headless chromium, phone-sized) with a virtual passkey (CTAP2, built in, user
 * verified), against the sandbox's real nodes, chain and databases: a Hong Kong resident signs in at the HK node,
 * registers a passkey, signs in again with it alone, reviews and approves a consent for ABC Shenzhen to check a TransUnion report anchored for
 * them, and takes the token; the bank verifies it at the SZ node over the REST API (VERIFIED, the CONSENT check says
 * resident-signed); the resident sees that access and withdraws the consent with the passkey, and the next
 * verification is REJECTED. A consent the HK operator then writes on chain for the same resident without their
 * passkey is REJECTED. Screenshots of each screen, the review in all three languages, land in
 * {@code sandbox/target/screenshots/resident-*.png}.
 *
 * <p>The page is opened at {@code http://localhost:port}: a passkey's relying party is a domain, never an IP address,
 * and the sandbox's nodes take {@code localhost} as theirs. The resident is a new one, provisioned for this test, so
 * that the key bound to them changes nothing for the other tests of the sandbox.
 */
@ExtendWith(SandboxExtension.class)
class ResidentPageBrowserIT {

    private static final InstitutionId TRANSUNION = new InstitutionId("hk.transunion");
    private static final InstitutionId ABC_SHENZHEN = new InstitutionId("cn.abc-shenzhen");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Sandbox sandbox;
    private final Journeys journeys;
    private ChromeDriver chrome;

    ResidentPageBrowserIT(Sandbox sandbox) {
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
    void aResidentApprovesAConsentWithTheirPasskeyTheBankVerifiesItAndAWithdrawalOrAForgeryIsRejected() throws Exception {
        String resident = "HK-P" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
        String credential = sandbox.nodeBean("hk", ResidentCredentials.class).provision(SubjectId.of(resident)).secret();
        byte[] report = Journeys.creditReport(resident);
        JsonNode voucher = journeys.anchor("hk", TRANSUNION.value(), resident, report, Instant.now().plus(Duration.ofDays(365)));

        chrome = Chromium.start(390, 844);
        ((HasVirtualAuthenticator) chrome).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true));
        String hk = localhost("hk");

        // sign in
        chrome.get(hk + "/resident");
        assertThat(chrome.getCurrentUrl()).as("a stranger is sent to sign in").endsWith("/resident/login");
        assertThat(chrome.findElement(By.tagName("h1")).getText()).as("the Hong Kong node's language").isEqualTo("居民登入");
        chrome.get(hk + "/resident/login?lang=en");
        chrome.findElement(By.id("resident")).sendKeys(resident.toLowerCase());
        chrome.findElement(By.id("credential")).sendKeys(credential);
        screenshot("resident-01-sign-in");
        clickAndWait(By.id("signin"));
        assertThat(chrome.findElement(By.id("no-passkey")).isDisplayed()).isTrue();
        screenshot("resident-02-no-passkey");

        // register a passkey: bound on chain by the HK operator
        chrome.get(hk + "/resident/passkey");
        ceremony(By.id("register-passkey"));
        awaitReloadedUntil(() -> !chrome.findElements(By.cssSelector("#latest[data-status=BOUND]")).isEmpty(), hk + "/resident/passkey");
        assertThat(chrome.findElement(By.id("key-state")).getAttribute("data-bound")).isEqualTo("true");
        assertThat(chrome.findElements(By.cssSelector("#passkeys li"))).hasSize(1);
        screenshot("resident-03-passkey");

        // sign out, and in again with the passkey alone
        clickAndWait(By.id("signout"));
        assertThat(chrome.findElement(By.id("signed-out")).isDisplayed()).isTrue();
        ceremony(By.id("signin-passkey"));
        assertThat(chrome.getCurrentUrl()).endsWith("/resident");
        assertThat(chrome.findElements(By.id("no-passkey"))).as("signed in, with a key").isEmpty();

        // a new consent: the form, then the review of exactly what it covers
        chrome.get(hk + "/resident/consents/new");
        chrome.findElement(By.id("verifier")).sendKeys(ABC_SHENZHEN.value());
        new Select(chrome.findElement(By.id("issuer"))).selectByValue(TRANSUNION.value());
        chrome.findElement(By.id("purpose")).sendKeys("consumer loan application");
        new Select(chrome.findElement(By.id("days"))).selectByValue("30");
        screenshot("resident-04-new-consent");
        clickAndWait(By.id("review"));
        String consentPage = chrome.getCurrentUrl();
        String consentId = consentPage.substring(consentPage.lastIndexOf('/') + 1);
        assertThat(chrome.findElement(By.id("status")).getText()).isEqualTo("Waiting for your approval");
        assertThat(chrome.findElement(By.id("term-verifier")).getText()).isEqualTo(ABC_SHENZHEN.value());
        assertThat(chrome.findElement(By.id("term-issuer")).getText()).isEqualTo(TRANSUNION.value());
        assertThat(chrome.findElement(By.id("term-document-type")).getText()).isEqualTo("credit-report");
        assertThat(chrome.findElement(By.id("term-purpose")).getText()).isEqualTo("consumer loan application");
        for (String term : List.of("term-recipient", "term-contact", "term-jurisdiction", "term-categories",
                "term-processing", "term-retention", "term-withdrawal", "term-valid-until", "term-language")) {
            assertThat(chrome.findElement(By.id(term)).getText()).as(term).isNotBlank();
        }
        assertThat(chrome.findElements(By.id("token"))).as("no token before the approval").isEmpty();
        noHorizontalOverflow();
        screenshot("resident-05-review-en");
        chrome.get(consentPage + "?lang=zh-HK");
        assertThat(chrome.findElement(By.id("title")).getText()).isEqualTo("檢視你的授權");
        screenshot("resident-05-review-zh-HK");
        chrome.get(consentPage + "?lang=zh-CN");
        assertThat(chrome.findElement(By.id("title")).getText()).isEqualTo("查看你的授权");
        screenshot("resident-05-review-zh-CN");
        chrome.get(consentPage + "?lang=en");

        // approve with the passkey, take the token
        ceremony(By.id("approve"));
        awaitReloadedUntil(() -> !chrome.findElements(By.id("token")).isEmpty(), consentPage);
        assertThat(chrome.findElement(By.id("status")).getText()).isEqualTo("Authorised");
        assertThat(chrome.findElement(By.cssSelector("[data-collection]")).getAttribute("data-collection"))
                .isEqualTo(ConsentRecord.RESIDENT_SIGNED);
        String token = chrome.findElement(By.id("token")).getAttribute("value").strip();
        assertThat(ConsentToken.decode(token).approval()).as("the token carries the resident's approval").isNotNull();
        assertThat(download(hk + "/resident/consents/" + consentId + "/token.txt").strip()).isEqualTo(token);
        JsonNode receipt = Api.JSON.readTree(download(hk + "/resident/consents/" + consentId + "/receipt.json"));
        assertThat(receipt.toString()).contains(ConsentRecord.RESIDENT_SIGNED).contains(ABC_SHENZHEN.value());
        noHorizontalOverflow();
        screenshot("resident-06-token");

        // the bank verifies at the SZ node: the consent is the resident's own
        Api.Response verified = journeys.verify("sz", ABC_SHENZHEN.value(), report, voucher, token);
        assertThat(verified.body().path("verdict").asString()).as(verified.raw()).isEqualTo("VERIFIED");
        assertThat(check(verified, "CONSENT").path("code").asString()).isEqualTo("RESIDENT_SIGNED");

        // the resident sees the access once the SZ node has recorded it on chain
        awaitReloadedUntil(() -> !chrome.findElements(By.cssSelector(".access-list tr[data-verdict=VERIFIED]")).isEmpty(),
                consentPage);
        assertThat(chrome.findElement(By.cssSelector(".access-list tbody tr")).getText()).contains(ABC_SHENZHEN.value());
        screenshot("resident-07-accesses");

        // withdraw with the passkey: the next verification is refused
        ceremony(By.id("revoke"));
        awaitReloadedUntil(() -> chrome.findElement(By.id("status")).getText().equals("Withdrawn"), consentPage);
        screenshot("resident-08-withdrawn");
        Api.Response afterRevocation = journeys.verify("sz", ABC_SHENZHEN.value(), report, voucher, token);
        assertThat(afterRevocation.body().path("verdict").asString()).as(afterRevocation.raw()).isEqualTo("REJECTED");
        assertThat(check(afterRevocation, "CONSENT").path("status").asString()).isEqualTo("INVALID");

        chrome.get(hk + "/resident");
        assertThat(chrome.findElements(By.cssSelector("#consents article[data-status=REVOKED]"))).hasSize(1);
        noHorizontalOverflow();
        screenshot("resident-09-consents");

        // the HK operator records a consent for this resident on chain, around its node and without the passkey
        Api.Response forged = verifyForgedConsent(voucher, report);
        assertThat(forged.body().path("verdict").asString()).as(forged.raw()).isEqualTo("REJECTED");
        assertThat(check(forged, "CONSENT").path("code").asString()).isEqualTo("CONSENT_NOT_RESIDENT_SIGNED");
    }

    /** A consent the HK operator writes on chain itself, as its node would for an assisted one: no approval in it. */
    private Api.Response verifyForgedConsent(JsonNode voucher, byte[] report) {
        long now = Instant.now().getEpochSecond();
        Instant until = Instant.now().plus(Duration.ofDays(30));
        ConsentToken forged = ConsentToken.of(new ConsentRecord(ConsentRecord.VERSION_1, UUID.randomUUID().toString(),
                voucher.path("subject").asString(), TRANSUNION.value(), ABC_SHENZHEN.value(), "credit-report",
                "consumer loan application", now, until.getEpochSecond(), "HK"), Salt.random());
        try (Web3jRegistryChain hongKong = Web3jRegistryChain.connect(
                ChainSettings.anvil(sandbox.rpcUrl(), sandbox.registryAddress(), DevAccounts.hkOperator()))) {
            hongKong.recordConsent(forged.commitment(), TRANSUNION.key(), ABC_SHENZHEN.key(), until);
        }
        return journeys.verify("sz", ABC_SHENZHEN.value(), report, voucher, forged.encode());
    }

    /** The node's address by name: a passkey's relying party is {@code localhost}, never {@code 127.0.0.1}. */
    private String localhost(String node) {
        return sandbox.nodeUrl(node).replace("127.0.0.1", "localhost");
    }

    /** A file the page offers to download, fetched with the page's own session. */
    private String download(String url) throws Exception {
        Cookie session = chrome.manage().getCookieNamed("HASHBRIDGE_RESIDENT");
        assertThat(session).as("the page's session cookie").isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Cookie", session.getName() + "=" + session.getValue()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        return response.body();
    }

    private void noHorizontalOverflow() {
        Number overflow = (Number) chrome.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow.intValue()).as("horizontal overflow of %s at 390 px", chrome.getCurrentUrl()).isLessThanOrEqualTo(0);
    }

    /** Loads {@code url} again until {@code condition} holds: what the chain is still writing shows once written. */
    private void awaitReloadedUntil(java.util.function.BooleanSupplier condition, String url) {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            await().until(driver -> "complete".equals(((ChromeDriver) driver).executeScript("return document.readyState")));
            if (condition.getAsBoolean()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not shown within " + WAIT + " at " + url + ":\n" + chrome.findElement(By.tagName("main")).getText());
            }
            Journeys.pause(Duration.ofMillis(500));
            chrome.get(url);
        }
    }

    /**
     * Clicks a button that runs a passkey ceremony and waits until the page's script has taken the browser to the next
     * page; a refusal the script shows fails the test with its words.
     */
    private void ceremony(By button) {
        WebElement clicked = chrome.findElement(button);
        clicked.click();
        await().until(driver -> {
            try {
                List<WebElement> refused = driver.findElements(By.cssSelector(".status-line.error"));
                if (!refused.isEmpty() && !refused.get(0).getText().isBlank()) {
                    throw new AssertionError("the ceremony was refused: " + refused.get(0).getText());
                }
                clicked.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
    }

    private void clickAndWait(By element) {
        Chromium.clickAndWait(chrome, chrome.findElement(element), Duration.ofSeconds(10));
    }

    private void screenshot(String name) {
        Chromium.screenshot(chrome, name);
    }

    private WebDriverWait await() {
        return new WebDriverWait(chrome, WAIT);
    }
}
