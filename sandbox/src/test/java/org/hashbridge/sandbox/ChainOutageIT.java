package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.sandbox.CrossBorderVerificationIT.check;
import static org.hashbridge.sandbox.Journeys.HK_RESIDENT;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A chain outage never yields a false VERIFIED, never loses an accepted request and never answers 503 for
 * a write: anchors, consents and revocations made during it are accepted as pending and reach the chain
 * once it is back. The test runs its own
 * anvil with a state file, so it can stop the chain and bring it back on the same port with the same
 * registry; the nodes keep running throughout. The steps run in order, as one story: each relies on
 * the ones before it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChainOutageIT {

    private static final List<String> READ_FROM_CHAIN = List.of("ANCHOR", "STATUS", "ISSUER", "CONSENT");
    private static final List<String> COMPUTED_LOCALLY = List.of("INTEGRITY", "VALIDITY");

    @TempDir
    static Path dir;

    private final Instant inAYear = Instant.now().plus(Duration.ofDays(365));
    private final Instant inAMonth = Instant.now().plus(Duration.ofDays(30));

    private StoppableChain chain;
    private Sandbox sandbox;
    private Journeys journeys;

    private byte[] report;
    private JsonNode voucher;
    private String token;
    private String consentId;
    private byte[] acceptedDuringOutage;
    private String pendingAnchorId;
    private JsonNode pendingConsent;
    private String anchorRevokedDuringOutage;
    private JsonNode revokedVoucher;
    private String consentRevokedDuringOutage;
    private LogCapture logs;
    private Instant stoppedAt;
    private Instant backAt;

    @BeforeAll
    void anchorAndConsentWhileTheChainIsUpThenStopIt() {
        chain = StoppableChain.start(dir);
        sandbox = chain.sandbox(dir);
        journeys = new Journeys(sandbox);

        report = Journeys.creditReport(HK_RESIDENT);
        voucher = journeys.anchor("hk", "hk.transunion", HK_RESIDENT, report, inAYear);
        JsonNode consent = journeys.grantConsent("hk", HK_RESIDENT, "hk.transunion", "cn.abc-shenzhen", inAMonth);
        token = consent.path("token").asString();
        consentId = consent.path("consentId").asString();
        revokedVoucher = journeys.anchor("hk", "hk.transunion", HK_RESIDENT, Journeys.creditReport(HK_RESIDENT), inAYear);
        anchorRevokedDuringOutage = revokedVoucher.path("anchorId").asString();
        consentRevokedDuringOutage = journeys.grantConsent("hk", HK_RESIDENT, "hk.transunion", "cn.abc-shenzhen", inAMonth)
                .path("consentId").asString();

        logs = new LogCapture();
        stoppedAt = Instant.now();
        chain.stop();
    }

    @AfterAll
    void stopEverything() {
        if (logs != null) {
            logs.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    @Order(1)
    void aVerificationDuringTheOutageIsRejectedAsRetryableWithTheChainChecksUnmade() {
        Api.Response answer = journeys.verify("sz", "cn.abc-shenzhen", report, voucher, token);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.body().path("verdict").asString()).isEqualTo("REJECTED");
        assertThat(answer.body().path("retryable").asBoolean()).isTrue();
        for (String type : READ_FROM_CHAIN) {
            assertThat(check(answer, type).path("status").asString()).as(type).isEqualTo("UNAVAILABLE");
            assertThat(check(answer, type).path("code").asString()).as(type).isEqualTo("CHAIN_UNAVAILABLE");
        }
        for (String type : COMPUTED_LOCALLY) {
            assertThat(check(answer, type).path("status").asString()).as(type).isEqualTo("VALID");
        }
    }

    @Test
    @Order(2)
    void anAnchoringRequestDuringTheOutageIsAcceptedAndWaits() {
        Api issuer = journeys.as("hk", "hk.transunion");
        acceptedDuringOutage = Journeys.creditReport(HK_RESIDENT);

        Api.Response accepted = issuer.post("/api/v1/anchors", Map.of("digest", Journeys.sha256(acceptedDuringOutage),
                "algorithm", "sha-256", "documentType", "credit-report", "subject", HK_RESIDENT,
                "validUntil", inAYear.toString()));

        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        assertThat(accepted.body().path("status").asString()).isEqualTo("PENDING");
        pendingAnchorId = accepted.body().path("anchorId").asString();
        Journeys.pause(Duration.ofSeconds(2)); // several rounds of the 500 ms anchoring worker
        Api.Response later = issuer.get("/api/v1/anchors/" + pendingAnchorId);
        assertThat(later.body().path("status").asString()).as(later.raw()).isEqualTo("PENDING");
        assertThat(later.body().has("voucher")).isFalse();
    }

    @Test
    @Order(3)
    void grantingConsentDuringTheOutageIsAcceptedAsPendingWithItsToken() {
        Api.Response accepted = journeys.as("hk", HK_RESIDENT).post("/api/v1/consents", Map.of("subject", HK_RESIDENT,
                "issuer", "hk.transunion", "verifier", "cn.abc-shenzhen", "documentType", "credit-report",
                "purpose", "consumer loan application", "validUntil", inAMonth.toString()));

        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        assertThat(accepted.body().path("status").asString()).isEqualTo("PENDING");
        assertThat(accepted.body().path("token").asString()).startsWith("hbc1.");
        pendingConsent = accepted.body();
        Api.Response stored = journeys.as("hk", HK_RESIDENT).get("/api/v1/consents/" + pendingConsent.path("consentId").asString());
        assertThat(stored.body().path("status").asString()).as(stored.raw()).isEqualTo("PENDING");
    }

    @Test
    @Order(4)
    void revocationsDuringTheOutageAreAcceptedAsUnderWay() {
        Api.Response anchor = journeys.as("hk", "hk.transunion").post("/api/v1/anchors/" + anchorRevokedDuringOutage
                + "/revocation", Map.of("reason", "report superseded"));
        Api.Response consent = journeys.as("hk", HK_RESIDENT).delete("/api/v1/consents/" + consentRevokedDuringOutage);
        Api.Response again = journeys.as("hk", HK_RESIDENT).delete("/api/v1/consents/" + consentRevokedDuringOutage);

        assertThat(anchor.status()).as(anchor.raw()).isEqualTo(202);
        assertThat(anchor.body().path("status").asString()).isEqualTo("REVOKING");
        assertThat(consent.status()).as(consent.raw()).isEqualTo(202);
        assertThat(consent.body().path("status").asString()).isEqualTo("REVOKING");
        assertThat(again.status()).as(again.raw()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("CONSENT_ALREADY_REVOKED");
    }

    @Test
    @Order(5)
    void theHongKongNodeRestartedDuringTheOutageStillHasWhatItAccepted() {
        sandbox.restartNode("hk");

        Api.Response after = journeys.as("hk", "hk.transunion").get("/api/v1/anchors/" + pendingAnchorId);
        assertThat(after.status()).as(after.raw()).isEqualTo(200);
        assertThat(after.body().path("status").asString()).isEqualTo("PENDING");
        Api.Response consent = journeys.as("hk", HK_RESIDENT).get("/api/v1/consents/" + pendingConsent.path("consentId").asString());
        assertThat(consent.body().path("status").asString()).as(consent.raw()).isEqualTo("PENDING");
    }

    @Test
    @Order(6)
    void onceTheChainIsBackThePendingAnchorIsAnchoredAndTheVerificationPasses() {
        chain.startAgain();
        backAt = Instant.now();

        JsonNode lateVoucher = awaitVoucher(journeys.as("hk", "hk.transunion"), pendingAnchorId, Duration.ofSeconds(20));
        Api.Response again = journeys.verify("sz", "cn.abc-shenzhen", report, voucher, token);
        Api.Response late = journeys.verify("sz", "cn.abc-shenzhen", acceptedDuringOutage, lateVoucher, token);

        assertThat(again.body().path("verdict").asString()).as(again.raw()).isEqualTo("VERIFIED");
        assertThat(again.body().path("retryable").asBoolean()).isFalse();
        assertThat(late.body().path("verdict").asString()).as(late.raw()).isEqualTo("VERIFIED");
    }

    @Test
    @Order(7)
    void theConsentGrantedDuringTheOutageIsAuthorisedAndItsTokenWorks() {
        Api resident = journeys.as("hk", HK_RESIDENT);
        String path = "/api/v1/consents/" + pendingConsent.path("consentId").asString();
        awaitStatus(resident, path, "AUTHORISED");

        Api.Response answer = journeys.verify("sz", "cn.abc-shenzhen", report, voucher, pendingConsent.path("token").asString());
        assertThat(answer.body().path("verdict").asString()).as(answer.raw()).isEqualTo("VERIFIED");
    }

    @Test
    @Order(8)
    void theRevocationsMadeDuringTheOutageReachTheChain() {
        awaitStatus(journeys.as("hk", "hk.transunion"), "/api/v1/anchors/" + anchorRevokedDuringOutage, "REVOKED");
        awaitStatus(journeys.as("hk", HK_RESIDENT), "/api/v1/consents/" + consentRevokedDuringOutage, "REVOKED");

        Api.Response answer = journeys.verify("sz", "cn.abc-shenzhen", report, revokedVoucher, token);
        assertThat(check(answer, "STATUS").path("code").asString()).as(answer.raw()).isEqualTo("DOCUMENT_REVOKED");
    }

    @Test
    @Order(9)
    void theResidentSeesEveryVerificationIncludingTheOneMadeDuringTheOutage() {
        Api resident = journeys.as("hk", HK_RESIDENT);
        String path = "/api/v1/consents/" + consentId + "/accesses";
        Instant deadline = Instant.now().plusSeconds(20);
        JsonNode accesses = resident.get(path).body().path("accesses");
        while (accesses.size() < 4 && Instant.now().isBefore(deadline)) {
            Journeys.pause(Duration.ofMillis(200));
            accesses = resident.get(path).body().path("accesses");
        }

        assertThat(accesses.valueStream().map(a -> a.path("verdict").asString()))
                .as(accesses.toString()).containsExactly("REJECTED", "VERIFIED", "VERIFIED", "REJECTED");
        assertThat(accesses.valueStream().map(a -> a.path("verifier").asString())).containsOnly("cn.abc-shenzhen");
        assertThat(resident.get(path).body().path("total").asInt()).isEqualTo(4);
    }

    /**
     * Each worker logs an outage's first failure, then at most one summary a minute, where it logged every
     * attempt (several a second); and once the chain answers again, the end of the outage.
     */
    @Test
    @Order(10)
    void theOutageWasLoggedOnceAMinuteAtMostAndItsEndOnce() {
        long minutes = Duration.between(stoppedAt, backAt).toMinutes() + 1;
        // both nodes log under the same loggers, and the Hong Kong node restarted during the outage
        long most = 2 * (1 + minutes) + 1;
        List<ILoggingEvent> events = logs.events();
        Map<String, Long> warningsDuringTheOutage = events.stream()
                .filter(e -> e.getLevel() == Level.WARN && e.getLoggerName().startsWith("org.hashbridge"))
                .filter(e -> e.getInstant().isBefore(backAt))
                .collect(Collectors.groupingBy(ILoggingEvent::getLoggerName,
                        Collectors.counting()));

        assertThat(warningsDuringTheOutage).as("warnings over %d min", minutes).isNotEmpty()
                .allSatisfy((logger, count) -> assertThat(count).as(logger).isLessThanOrEqualTo(most));
        assertThat(events).filteredOn(e -> e.getFormattedMessage().contains("resumed: the chain answers again after"))
                .extracting(ILoggingEvent::getLoggerName)
                .contains("org.hashbridge.node.anchoring.AnchoringWorker", "org.hashbridge.node.chain.follow.ChainFollower");
    }

    private static JsonNode awaitVoucher(Api issuer, String anchorId, Duration within) {
        Instant deadline = Instant.now().plus(within);
        Api.Response anchor;
        do {
            anchor = issuer.get("/api/v1/anchors/" + anchorId);
            if (anchor.body().path("status").asString().equals("ANCHORED")) {
                return anchor.body().path("voucher");
            }
            Journeys.pause(Duration.ofMillis(200));
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("anchor " + anchorId + " not anchored within " + within + " of the chain's return: " + anchor.raw());
    }

    private static void awaitStatus(Api api, String path, String status) {
        Instant deadline = Instant.now().plusSeconds(20);
        Api.Response current = api.get(path);
        while (!current.body().path("status").asString().equals(status) && Instant.now().isBefore(deadline)) {
            Journeys.pause(Duration.ofMillis(200));
            current = api.get(path);
        }
        assertThat(current.body().path("status").asString()).as(current.raw()).isEqualTo(status);
    }
}
