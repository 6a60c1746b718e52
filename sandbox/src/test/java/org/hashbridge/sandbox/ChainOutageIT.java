package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.sandbox.CrossBorderVerificationIT.check;
import static org.hashbridge.sandbox.Journeys.HK_RESIDENT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.hashbridge.node.chain.LocalChain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A chain outage never yields a false VERIFIED and never loses an accepted request. The test runs its own
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

    private Path anvil;
    private Path stateFile;
    private int port;
    private LocalChain chain;
    private Sandbox sandbox;
    private Journeys journeys;

    private byte[] report;
    private JsonNode voucher;
    private String token;
    private String consentId;
    private byte[] acceptedDuringOutage;
    private String pendingAnchorId;

    @BeforeAll
    void anchorAndConsentWhileTheChainIsUpThenStopIt() {
        Path root = SandboxExtension.repositoryRoot();
        anvil = LocalChain.findAnvil(root);
        stateFile = dir.resolve("anvil-state.json");
        port = freePort();
        chain = LocalChain.start(anvil, port, stateFile);
        sandbox = Sandbox.startOn(chain.rpcUrl(), SandboxOptions.ephemeral(root, dir.resolve("home")));
        journeys = new Journeys(sandbox);

        report = Journeys.creditReport(HK_RESIDENT);
        voucher = journeys.anchor("hk", "hk.transunion", HK_RESIDENT, report, inAYear);
        JsonNode consent = journeys.grantConsent("hk", HK_RESIDENT, "hk.transunion", "cn.abc-shenzhen", inAMonth);
        token = consent.path("token").asString();
        consentId = consent.path("consentId").asString();

        chain.close();
    }

    @AfterAll
    void stopEverything() {
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
    void grantingConsentDuringTheOutageIsRefusedAndStoresNothing() {
        long before = rows("hk", "consent");

        Api.Response refused = journeys.as("hk", HK_RESIDENT).post("/api/v1/consents", Map.of("subject", HK_RESIDENT,
                "issuer", "hk.transunion", "verifier", "cn.abc-shenzhen", "documentType", "credit-report",
                "purpose", "consumer loan application", "validUntil", inAMonth.toString()));

        assertThat(refused.status()).as(refused.raw()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("CHAIN_UNAVAILABLE");
        assertThat(rows("hk", "consent")).isEqualTo(before);
    }

    @Test
    @Order(4)
    void theHongKongNodeRestartedDuringTheOutageStillHasWhatItAccepted() {
        sandbox.restartNode("hk");

        Api.Response after = journeys.as("hk", "hk.transunion").get("/api/v1/anchors/" + pendingAnchorId);
        assertThat(after.status()).as(after.raw()).isEqualTo(200);
        assertThat(after.body().path("status").asString()).isEqualTo("PENDING");
    }

    @Test
    @Order(5)
    void onceTheChainIsBackThePendingAnchorIsAnchoredAndTheVerificationPasses() {
        chain = LocalChain.start(anvil, port, stateFile);

        JsonNode lateVoucher = awaitVoucher(journeys.as("hk", "hk.transunion"), pendingAnchorId, Duration.ofSeconds(20));
        Api.Response again = journeys.verify("sz", "cn.abc-shenzhen", report, voucher, token);
        Api.Response late = journeys.verify("sz", "cn.abc-shenzhen", acceptedDuringOutage, lateVoucher, token);

        assertThat(again.body().path("verdict").asString()).as(again.raw()).isEqualTo("VERIFIED");
        assertThat(again.body().path("retryable").asBoolean()).isFalse();
        assertThat(late.body().path("verdict").asString()).as(late.raw()).isEqualTo("VERIFIED");
    }

    @Test
    @Order(6)
    void theResidentSeesEveryVerificationIncludingTheOneMadeDuringTheOutage() {
        Api resident = journeys.as("hk", HK_RESIDENT);
        String path = "/api/v1/consents/" + consentId + "/accesses";
        Instant deadline = Instant.now().plusSeconds(20);
        JsonNode accesses = resident.get(path).body().path("accesses");
        while (accesses.size() < 3 && Instant.now().isBefore(deadline)) {
            Journeys.pause(Duration.ofMillis(200));
            accesses = resident.get(path).body().path("accesses");
        }

        assertThat(accesses.valueStream().map(a -> a.path("verdict").asString()))
                .as(accesses.toString()).containsExactly("REJECTED", "VERIFIED", "VERIFIED");
        assertThat(accesses.valueStream().map(a -> a.path("verifier").asString())).containsOnly("cn.abc-shenzhen");
        assertThat(resident.get(path).body().path("total").asInt()).isEqualTo(3);
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

    private long rows(String node, String table) {
        return new JdbcTemplate(sandbox.nodeBean(node, DataSource.class)).queryForObject("select count(*) from " + table, Long.class);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
