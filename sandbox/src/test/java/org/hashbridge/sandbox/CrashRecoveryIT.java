package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.sandbox.Journeys.HK_RESIDENT;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.hashbridge.node.chain.LocalChain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * A node process is killed ({@code SIGKILL}) at each point of its chain writes (before sending, after sending
 * but before mining, after mining but before its database knows) and started again on the same database and
 * chain: every write it had accepted then reaches the chain exactly once, and chain and databases agree. Both
 * nodes run as processes from their jars, each reaching the chain through a {@link ChainWriteInterceptor}
 * that holds a write at the chosen point while the test kills the node. Each round makes every kind of write
 * (a batch root, a consent, a consent revocation, a leaf revocation at the Hong Kong node; an access at the
 * Shenzhen node). A node sends one write at a time, so when it is killed holding one write before sending,
 * or sent but unmined, its other writes are stored and unsent: one kill puts every kind at that point. After
 * mining, only the held write is there, so the node is killed at its first write mined, restarted, killed
 * again at the next kind of write its recovery has mined, and so on until every kind died once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.CONCURRENT) // beside the tests of nodes in this JVM: see junit-platform.properties
@ResourceLock(NodeProcesses.LOCK)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRecoveryIT {

    private static final List<String> HK_WRITES = List.of("anchorRoot", "recordConsent", "revokeConsent", "revokeLeaf");
    private static final List<String> SZ_WRITES = List.of("recordAccesses");
    /**
     * Short leases, so a dead node's step is taken up within seconds; a chain timeout longer than the requests
     * take to be answered, so that a held write is still waiting for the chain when its node is killed.
     */
    /** Kept after the run: each node's log ({@code sandbox/<side>/node.log}) tells what it did around its deaths. */
    private static final Path LOGS_AND_STATE = SandboxExtension.repositoryRoot().resolve("sandbox/target/crash-recovery");
    private static final Duration CHAIN_TIMEOUT = Duration.ofSeconds(8);
    private static final List<String> NODE_SETTINGS = List.of("--hashbridge.chain.timeout=" + CHAIN_TIMEOUT.toSeconds() + "s",
            "--hashbridge.outbox.lease=4s", "--hashbridge.outbox.answer-within=3s", "--hashbridge.outbox.retry-interval=500ms");
    private static final Duration WRITE_REACHES_POINT = Duration.ofSeconds(60);


    private final Instant inAYear = Instant.now().plus(Duration.ofDays(365));
    private final Instant inAMonth = Instant.now().plus(Duration.ofDays(30));

    private LocalChain chain;
    private final Map<String, ChainWriteInterceptor> interceptors = new HashMap<>();
    private Sandbox sandbox;
    private Journeys journeys;
    private ChainLedger ledger;
    private byte[] report;
    private JsonNode voucher;
    private String token;

    @BeforeAll
    void startNodeProcessesThatCanBeKilled() {
        Path root = SandboxExtension.repositoryRoot();
        chain = LocalChain.start(LocalChain.findAnvil(root), 0, null);
        Path abi = root.resolve("common/chain/target/contracts/HashBridgeRegistry.abi");
        for (String node : List.of("hk", "sz")) {
            interceptors.put(node, ChainWriteInterceptor.start(chain.rpcUrl(), abi));
        }
        sandbox = Sandbox.startProcessesOn(chain.rpcUrl(), Map.of("hk", interceptors.get("hk").url(),
                "sz", interceptors.get("sz").url()), SandboxOptions.ephemeral(root, LOGS_AND_STATE), NODE_SETTINGS);
        journeys = new Journeys(sandbox);
        ledger = new ChainLedger(chain.rpcUrl(), sandbox.registryAddress());
        report = Journeys.creditReport(HK_RESIDENT);
        voucher = journeys.anchor("hk", "hk.transunion", HK_RESIDENT, report, inAYear);
        token = journeys.grantConsent("hk", HK_RESIDENT, "hk.transunion", "cn.abc-shenzhen", inAMonth).path("token").asString();
    }

    @AfterAll
    void stopEverything() {
        if (ledger != null) {
            ledger.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        interceptors.values().forEach(ChainWriteInterceptor::close);
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    @Order(1)
    void nodesKilledBeforeSendingSendEverythingOnceRestarted() {
        crashAndRecover(ChainWriteInterceptor.Point.BEFORE_SEND);
    }

    @Test
    @Order(2)
    void nodesKilledAfterTheChainMinedTheirWritesButBeforeTheirDatabasesKnewRecordEachWriteOnce() {
        crashAndRecover(ChainWriteInterceptor.Point.AFTER_MINED);
    }

    @Test
    @Order(3)
    void nodesKilledWithTheirWritesSentButNotMinedRecordEachWriteOnceWhenTheyAreMinedLater() {
        ledger.automine(false); // sent transactions wait in the pool, unmined, past every timeout and every restart
        try {
            crashAndRecover(ChainWriteInterceptor.Point.AFTER_SEND);
        } finally {
            ledger.automine(true);
        }
    }

    private void crashAndRecover(ChainWriteInterceptor.Point point) {
        ledger.automine(true);
        Round round = prepareRound();
        if (point == ChainWriteInterceptor.Point.AFTER_SEND) {
            ledger.automine(false);
        }
        interceptors.get("hk").arm(point, HK_WRITES);
        interceptors.get("sz").arm(point, SZ_WRITES);

        Answers answers = writeEverything(round);
        for (Api.Response pending : List.of(answers.grant(), answers.consentRevocation(), answers.anchorRevocation())) {
            assertThat(pending.status()).as("a write held at " + point + " is accepted as pending: " + pending.raw())
                    .isEqualTo(202);
        }
        if (point == ChainWriteInterceptor.Point.AFTER_MINED) {
            CompletableFuture.allOf(CompletableFuture.runAsync(() -> killAtEveryWrite("hk", HK_WRITES)),
                    CompletableFuture.runAsync(() -> killAtEveryWrite("sz", SZ_WRITES))).join();
        } else {
            everyWriteIsPending(round, answers);
            CompletableFuture.allOf(CompletableFuture.runAsync(() -> killAtFirstWrite("hk")),
                    CompletableFuture.runAsync(() -> killAtFirstWrite("sz"))).join();
        }
        if (point == ChainWriteInterceptor.Point.AFTER_SEND) {
            // the restarted nodes send every write again, unmined, and give up waiting for each: a revocation on its
            // way in the ordinary course holds back no consent of its scope (only one the chain lost does)
            interceptors.get("hk").awaitForwarded(HK_WRITES, WRITE_REACHES_POINT);
            interceptors.get("sz").awaitForwarded(SZ_WRITES, WRITE_REACHES_POINT);
            Journeys.pause(CHAIN_TIMEOUT);
            ledger.automine(true);
            ledger.mine(); // every copy sent so far is mined now, long after its sender died or gave up
        }

        awaitRecovered(round, answers);
        chainAndDatabasesAgree();
    }

    /** Kills the node at the first write held, and restarts it with nothing held. */
    private void killAtFirstWrite(String node) {
        ChainWriteInterceptor interceptor = interceptors.get(node);
        interceptor.awaitHeld(WRITE_REACHES_POINT);
        sandbox.killNode(node);
        interceptor.disarm();
        interceptor.releaseHeld();
        sandbox.restartNode(node);
    }

    /** Every write of the round is accepted and not done: stored, waiting behind the one write held. */
    private void everyWriteIsPending(Round round, Answers answers) {
        Api issuer = journeys.as("hk", "hk.transunion");
        Api resident = journeys.as("hk", HK_RESIDENT);
        assertThat(status(issuer, "/api/v1/anchors/" + answers.anchorId())).isEqualTo("PENDING");
        assertThat(status(issuer, "/api/v1/anchors/" + round.revokedVoucher().path("anchorId").asString()))
                .isEqualTo("REVOKING");
        assertThat(status(resident, "/api/v1/consents/" + answers.grant().body().path("consentId").asString()))
                .isEqualTo("PENDING");
        assertThat(status(resident, "/api/v1/consents/" + round.consentToRevoke())).isEqualTo("REVOKING");
        assertThat(Agreement.count(Agreement.db(sandbox, "sz"), "select count(*) from verification where access_status = 'PENDING'"))
                .as("the access to record").isPositive();
    }

    /** Kills the node at each write held, restarting it each time, until each of {@code writes} was held once. */
    private void killAtEveryWrite(String node, List<String> writes) {
        ChainWriteInterceptor interceptor = interceptors.get(node);
        Set<String> died = new HashSet<>();
        while (!died.containsAll(writes)) {
            died.add(interceptor.awaitHeld(WRITE_REACHES_POINT));
            sandbox.killNode(node);
            interceptor.releaseHeld();
            sandbox.restartNode(node);
        }
        assertThat(died).as(node + " was killed in each of its writes").containsExactlyInAnyOrderElementsOf(writes);
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
        var accepted = CompletableFuture.supplyAsync(() -> issuer.post("/api/v1/anchors", Map.of("digest",
                Journeys.sha256(Journeys.creditReport(HK_RESIDENT)), "algorithm", "sha-256", "documentType", "credit-report",
                "subject", HK_RESIDENT, "validUntil", inAYear.toString())));
        var grant = CompletableFuture.supplyAsync(() -> resident.post("/api/v1/consents", Map.of("subject", HK_RESIDENT,
                "issuer", "hk.transunion", "verifier", "cn.abc-shenzhen", "documentType", "credit-report",
                "purpose", "consumer loan application", "validUntil", inAMonth.toString())));
        var consentRevocation = CompletableFuture.supplyAsync(() -> resident.delete("/api/v1/consents/" + round.consentToRevoke()));
        var anchorRevocation = CompletableFuture.supplyAsync(() -> issuer.post("/api/v1/anchors/"
                + round.revokedVoucher().path("anchorId").asString() + "/revocation", Map.of("reason", "report superseded")));
        Api.Response verified = journeys.verify("sz", "cn.abc-shenzhen", report, voucher, token);
        assertThat(verified.status()).as(verified.raw()).isEqualTo(200);
        assertThat(accepted.join().status()).as(accepted.join().raw()).isEqualTo(202);
        return new Answers(accepted.join().body().path("anchorId").asString(), grant.join(), consentRevocation.join(),
                anchorRevocation.join());
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
