package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.sandbox.Journeys.HK_RESIDENT;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.hashbridge.node.chain.LocalChain;
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
 * A node dies at each point of its chain writes (before sending, after sending but before mining, after
 * mining but before its database knows) and is started again on the same database and chain: every write
 * it had accepted then reaches the chain exactly once, and chain and databases agree. Each round makes
 * every kind of write at once (a batch root, a consent, a consent revocation, a leaf revocation at the
 * Hong Kong node; an access at the Shenzhen node), kills both nodes in the middle of them and restarts them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRecoveryIT {

    private static final List<String> HK_WRITES = List.of("anchorRoot", "recordConsent", "revokeConsent", "revokeLeaf");
    private static final List<String> SZ_WRITES = List.of("recordAccesses");
    /** Short timeouts, so a write's lease runs out and a dead node's step is taken up within seconds. */
    private static final List<String> NODE_SETTINGS = List.of("--spring.main.sources=" + CrashPoints.class.getName(),
            "--hashbridge.chain.timeout=2s", "--hashbridge.outbox.lease=5s", "--hashbridge.outbox.answer-within=3s",
            "--hashbridge.outbox.retry-interval=500ms");

    @TempDir
    static Path dir;

    private final Instant inAYear = Instant.now().plus(Duration.ofDays(365));
    private final Instant inAMonth = Instant.now().plus(Duration.ofDays(30));

    private LocalChain chain;
    private Sandbox sandbox;
    private Journeys journeys;
    private ChainLedger ledger;
    private byte[] report;
    private JsonNode voucher;
    private String token;

    @BeforeAll
    void startNodesThatCanBeMadeToDie() {
        Path root = SandboxExtension.repositoryRoot();
        chain = LocalChain.start(LocalChain.findAnvil(root), 0, null);
        sandbox = Sandbox.startOn(chain.rpcUrl(), SandboxOptions.ephemeral(root, dir.resolve("home")), NODE_SETTINGS);
        journeys = new Journeys(sandbox);
        ledger = new ChainLedger(chain.rpcUrl(), sandbox.registryAddress());
        report = Journeys.creditReport(HK_RESIDENT);
        voucher = journeys.anchor("hk", "hk.transunion", HK_RESIDENT, report, inAYear);
        token = journeys.grantConsent("hk", HK_RESIDENT, "hk.transunion", "cn.abc-shenzhen", inAMonth).path("token").asString();
    }

    @AfterAll
    void stopEverything() {
        CrashPoints.disarm("hk");
        CrashPoints.disarm("sz");
        if (ledger != null) {
            ledger.close();
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
    void nodesThatDieBeforeSendingSendEverythingOnceRestarted() {
        crashAndRecover(CrashPoints.Point.BEFORE_SEND);
    }

    @Test
    @Order(2)
    void nodesThatDieAfterTheChainMinedTheirWritesButBeforeTheirDatabasesKnewRecordEachWriteOnce() {
        crashAndRecover(CrashPoints.Point.AFTER_MINED);
    }

    @Test
    @Order(3)
    void nodesThatDieWithTheirWritesSentButNotMinedRecordEachWriteOnceWhenTheyAreMinedLater() {
        Round round = prepareRound();
        ledger.automine(false); // sent transactions wait in the pool, unmined, past every timeout

        Answers answers = writeEverything(round);
        assertThat(answers.grant().status()).as(answers.grant().raw()).isEqualTo(202);
        assertThat(answers.grant().body().path("status").asString()).isEqualTo("PENDING");
        assertThat(answers.consentRevocation().status()).as(answers.consentRevocation().raw()).isEqualTo(202);
        assertThat(answers.anchorRevocation().status()).as(answers.anchorRevocation().raw()).isEqualTo(202);
        Journeys.pause(Duration.ofSeconds(4)); // the nodes time out and send their writes again
        sandbox.restartNode("hk");
        sandbox.restartNode("sz");
        ledger.automine(true);
        ledger.mine(); // the first copies of every write are mined now, long after their senders gave up

        awaitRecovered(round, answers);
        chainAndDatabasesAgree();
    }

    private void crashAndRecover(CrashPoints.Point point) {
        Round round = prepareRound();
        CrashPoints.arm("hk", point, HK_WRITES.toArray(String[]::new));
        CrashPoints.arm("sz", point, SZ_WRITES.toArray(String[]::new));

        Answers answers = writeEverything(round);
        await("every armed write died", () -> CrashPoints.crashed("hk").containsAll(HK_WRITES)
                && CrashPoints.crashed("sz").containsAll(SZ_WRITES));
        for (Api.Response dead : List.of(answers.grant(), answers.consentRevocation(), answers.anchorRevocation())) {
            assertThat(dead.status()).as("a request whose node died answers no success: " + dead.raw()).isGreaterThanOrEqualTo(500);
        }
        CrashPoints.disarm("hk");
        CrashPoints.disarm("sz");
        sandbox.restartNode("hk");
        sandbox.restartNode("sz");

        awaitRecovered(round, answers);
        chainAndDatabasesAgree();
    }

    /** What a round revokes, on chain before the round starts. */
    private record Round(byte[] revokedReport, JsonNode revokedVoucher, String consentToRevoke, long consentsBefore) {
    }

    /** What the callers were answered while their nodes died. */
    private record Answers(String anchorId, Api.Response grant, Api.Response consentRevocation,
                           Api.Response anchorRevocation) {
    }

    private Round prepareRound() {
        byte[] revokedReport = Journeys.creditReport(HK_RESIDENT);
        JsonNode revokedVoucher = journeys.anchor("hk", "hk.transunion", HK_RESIDENT, revokedReport, inAYear);
        String consentToRevoke = journeys.grantConsent("hk", HK_RESIDENT, "hk.transunion", "cn.abc-shenzhen", inAMonth)
                .path("consentId").asString();
        return new Round(revokedReport, revokedVoucher, consentToRevoke, consentsAtHongKong());
    }

    /** An anchor, a consent, a consent revocation, an anchor revocation at HK; a verification (its access) at SZ. */
    private Answers writeEverything(Round round) {
        Api issuer = journeys.as("hk", "hk.transunion");
        Api resident = journeys.as("hk", HK_RESIDENT);
        Api.Response accepted = issuer.post("/api/v1/anchors", Map.of("digest", Journeys.sha256(Journeys.creditReport(HK_RESIDENT)),
                "algorithm", "sha-256", "documentType", "credit-report", "subject", HK_RESIDENT, "validUntil", inAYear.toString()));
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        Api.Response grant = resident.post("/api/v1/consents", Map.of("subject", HK_RESIDENT, "issuer", "hk.transunion",
                "verifier", "cn.abc-shenzhen", "documentType", "credit-report", "purpose", "consumer loan application",
                "validUntil", inAMonth.toString()));
        Api.Response consentRevocation = resident.delete("/api/v1/consents/" + round.consentToRevoke());
        Api.Response anchorRevocation = issuer.post("/api/v1/anchors/" + round.revokedVoucher().path("anchorId").asString()
                + "/revocation", Map.of("reason", "report superseded"));
        Api.Response verified = journeys.verify("sz", "cn.abc-shenzhen", report, voucher, token);
        assertThat(verified.status()).as(verified.raw()).isEqualTo(200);
        return new Answers(accepted.body().path("anchorId").asString(), grant, consentRevocation, anchorRevocation);
    }

    private void awaitRecovered(Round round, Answers answers) {
        Api issuer = journeys.as("hk", "hk.transunion");
        Api resident = journeys.as("hk", HK_RESIDENT);
        await("the anchor accepted before the crash is anchored",
                () -> status(issuer, "/api/v1/anchors/" + answers.anchorId()).equals("ANCHORED"));
        await("the revoked anchor is revoked", () -> status(issuer, "/api/v1/anchors/"
                + round.revokedVoucher().path("anchorId").asString()).equals("REVOKED"));
        Api.Response revoked = journeys.verify("sz", "cn.abc-shenzhen", round.revokedReport(), round.revokedVoucher(), token);
        assertThat(CrossBorderVerificationIT.check(revoked, "STATUS").path("code").asString()).as(revoked.raw())
                .isEqualTo("DOCUMENT_REVOKED");
        await("the revoked consent is revoked",
                () -> status(resident, "/api/v1/consents/" + round.consentToRevoke()).equals("REVOKED"));
        await("the consent granted as the node died is stored once and authorised",
                () -> consentsAtHongKong() == round.consentsBefore() + 1 && Agreement.count(Agreement.db(sandbox, "hk"),
                        "select count(*) from consent where status in ('PENDING', 'REVOKING')") == 0);
        await("the access is recorded", () -> Agreement.count(Agreement.db(sandbox, "sz"),
                "select count(*) from verification where access_status = 'PENDING'") == 0);
        await("every batch is anchored", () -> Agreement.count(Agreement.db(sandbox, "hk"),
                "select count(*) from anchor_batch where status <> 'ANCHORED'") == 0);
    }

    private long consentsAtHongKong() {
        return Agreement.count(Agreement.db(sandbox, "hk"), "select count(*) from consent");
    }

    private static String status(Api api, String path) {
        return api.get(path).body().path("status").asString();
    }

    private void chainAndDatabasesAgree() {
        Agreement.anchorsAgree(sandbox, ledger);
        Agreement.consentsAgree(sandbox, ledger, true);
        Agreement.revocationsAgree(sandbox, ledger);
        Agreement.accessesAgree(sandbox, ledger);
    }

    private static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(45);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": not within 45 s");
            }
            Journeys.pause(Duration.ofMillis(250));
        }
    }
}
