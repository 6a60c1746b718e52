package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.sandbox.Journeys.HK_RESIDENT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.StreamSupport;
import org.hashbridge.node.chain.DevAccounts;
import org.hashbridge.node.chain.DevRegistry;
import org.hashbridge.node.chain.LocalChain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Every accepted write reaches the chain exactly once, with the real chain and databases: through a chain
 * that stops mining and then stops altogether for longer than the write timeout during a burst of 1,000
 * submissions; on a chain with a block every 2 s under concurrent grants, revocations and verifications;
 * with two instances of each node on one database; and through a chain reset under the nodes, after which
 * what the chain lost is written again (roots, revocations, consents, accesses; what a consent past its end held
 * cannot be) while no revoked document ever verifies. After each, the counts on chain and in the
 * databases agree. The steps run in order, as one story: each relies on the ones before it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WritesExactlyOnceIT {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(3);
    private static final List<String> NODE_SETTINGS = List.of("--hashbridge.chain.timeout=" + WRITE_TIMEOUT.toSeconds() + "s",
            "--hashbridge.outbox.lease=8s", "--hashbridge.outbox.answer-within=3s", "--hashbridge.outbox.audit-interval=1s",
            "--hashbridge.institution.registration-interval=1s");

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
    private ChainLedger ledger;
    private String token;
    private List<Burst.Submitted> firstBurst;

    @BeforeAll
    void startTheChainWithAStateFileAndBothNodes() {
        Path root = SandboxExtension.repositoryRoot();
        anvil = LocalChain.findAnvil(root);
        stateFile = dir.resolve("anvil-state.json");
        port = freePort();
        chain = LocalChain.start(anvil, port, stateFile);
        sandbox = Sandbox.startOn(chain.rpcUrl(), SandboxOptions.ephemeral(root, dir.resolve("home")), NODE_SETTINGS);
        journeys = new Journeys(sandbox);
        ledger = new ChainLedger(chain.rpcUrl(), sandbox.registryAddress());
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
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    @Order(1)
    void aThousandSubmissionsThroughAChainStoppedLongerThanTheWriteTimeoutAreEachAnchoredOnce() {
        Burst burst = Burst.start(List.of(journeys.as("hk", "hk.transunion")), 1000, Duration.ofMillis(25), inAYear);
        await("the burst is under way", () -> burst.sent() >= 200);
        ledger.automine(false); // what is sent now waits unmined past the write timeout ...
        Journeys.pause(WRITE_TIMEOUT.plusSeconds(1));
        ledger.mine(); // ... and is mined later, after its sender gave up and sent it again
        ledger.automine(true);
        chain.close(); // then the chain stops altogether, longer than the write timeout
        Journeys.pause(WRITE_TIMEOUT.plusSeconds(2));
        chain = LocalChain.start(anvil, port, stateFile);
        firstBurst = burst.finish().accepted();

        assertThat(burst.refused()).as("refused during the burst").isEmpty();
        assertThat(firstBurst).hasSize(1000);
        await("every submission anchored", () -> Agreement.count(Agreement.db(sandbox, "hk"),
                "select count(*) from anchor_submission where status = 'PENDING'") == 0);
        Agreement.anchorsAgree(sandbox, ledger);
        assertThat(Agreement.count(Agreement.db(sandbox, "hk"), "select max(attempts) from anchor_batch"))
                .as("batches had to be sent again: the outage hit writes on their way").isGreaterThan(1);
    }

    @Test
    @Order(2)
    void onAChainWithABlockEveryTwoSecondsConcurrentWritesArePendingNeverUnavailableAndConcurrentRevocationsConflict() {
        Api issuer = journeys.as("hk", "hk.transunion");
        Api resident = journeys.as("hk", HK_RESIDENT);
        String consentToRevoke = journeys.grantConsent("hk", HK_RESIDENT, "hk.transunion", "cn.abc-shenzhen", inAMonth)
                .path("consentId").asString();
        Burst.Submitted anchorToRevoke = firstBurst.get(2);
        ledger.blockEvery(2);

        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(() -> resident.post("/api/v1/consents", Map.of("subject", HK_RESIDENT, "issuer", "hk.transunion",
                    "verifier", "cn.abc-shenzhen", "documentType", "credit-report", "purpose", "consumer loan application",
                    "validUntil", inAMonth.toString())));
        }
        for (int i = 0; i < 10; i++) {
            calls.add(() -> verify(firstBurst.get(3)));
            calls.add(() -> issuer.post("/api/v1/anchors/" + anchorToRevoke.anchorId() + "/revocation",
                    Map.of("reason", "report superseded")));
            calls.add(() -> resident.delete("/api/v1/consents/" + consentToRevoke));
        }
        List<Api.Response> answers = all(calls);
        ledger.automine(true);

        List<Api.Response> grants = answers.subList(0, 40);
        assertThat(grants).as("consent grants").allSatisfy(grant -> assertThat(grant.status()).as(grant.raw()).isIn(201, 202));
        List<Api.Response> rest = answers.subList(40, answers.size());
        for (int kind = 0; kind < 3; kind++) {
            int k = kind;
            List<Api.Response> ofKind = java.util.stream.IntStream.range(0, rest.size()).filter(i -> i % 3 == k)
                    .mapToObj(rest::get).toList();
            if (kind == 0) {
                assertThat(ofKind).as("verifications").allSatisfy(v -> assertThat(v.status()).as(v.raw()).isEqualTo(200));
            } else {
                String conflict = kind == 1 ? "ANCHOR_ALREADY_REVOKED" : "CONSENT_ALREADY_REVOKED";
                assertThat(ofKind.stream().filter(r -> r.status() == 200 || r.status() == 202)).as("revocations that won").hasSize(1);
                assertThat(ofKind.stream().filter(r -> r.status() == 409 && r.code().equals(conflict)))
                        .as("revocations that lost, answered " + conflict).hasSize(9);
            }
        }
        await("every consent and revocation on chain", () -> Agreement.count(Agreement.db(sandbox, "hk"),
                "select count(*) from consent where status in ('PENDING', 'REVOKING')") == 0
                && Agreement.count(Agreement.db(sandbox, "hk"), "select count(*) from anchor_submission where status = 'REVOKING'") == 0
                && Agreement.count(Agreement.db(sandbox, "sz"), "select count(*) from verification where access_status = 'PENDING'") == 0);
        Agreement.consentsAgree(sandbox, ledger, true);
        Agreement.revocationsAgree(sandbox, ledger);
        Agreement.accessesAgree(sandbox, ledger);
    }

    @Test
    @Order(3)
    void twoInstancesOfEachNodeOnOneDatabaseAnchorEachSubmissionOnceAndRecordEachAccessOnce() {
        List<String> sentBefore = ledger.accessReceiptsSentBy(DevAccounts.szOperator().address());
        ConfigurableApplicationContext secondHk = sandbox.startInstance("hk");
        ConfigurableApplicationContext secondSz = sandbox.startInstance("sz");
        try {
            burstOnTwoInstances(url(secondHk), url(secondSz), sentBefore);
        } finally {
            secondHk.close();
            secondSz.close();
        }
    }

    private void burstOnTwoInstances(String hk2, String sz2, List<String> sentBefore) {
        String tu = sandbox.apiKey("hk.transunion");
        String abc = sandbox.apiKey("cn.abc-shenzhen");
        List<Api> banks = List.of(Api.at(sandbox.nodeUrl("sz"), abc), Api.at(sz2, abc));

        Burst burst = Burst.start(List.of(Api.at(sandbox.nodeUrl("hk"), tu), Api.at(hk2, tu)), 300, Duration.ofMillis(5), inAYear);
        List<String> verdicts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Burst.Submitted document = firstBurst.get(i * 10);
            JsonNode voucher = journeys.as("hk", "hk.transunion").get("/api/v1/anchors/" + document.anchorId()).body().path("voucher");
            Api.Response answer = banks.get(i % 2).post("/api/v1/verifications", Map.of("digest", document.digest(),
                    "algorithm", "sha-256", "voucher", voucher, "consent", token));
            verdicts.add(answer.body().path("verdict").asString());
        }
        assertThat(burst.finish().refused()).isEmpty();

        assertThat(verdicts).as("verdicts").containsOnly("VERIFIED").hasSize(100);
        await("every submission anchored", () -> Agreement.count(Agreement.db(sandbox, "hk"),
                "select count(*) from anchor_submission where status = 'PENDING'") == 0);
        await("every access recorded", () -> Agreement.count(Agreement.db(sandbox, "sz"),
                "select count(*) from verification where access_status = 'PENDING'") == 0);
        Agreement.anchorsAgree(sandbox, ledger);
        Agreement.accessesAgree(sandbox, ledger);
        List<String> sent = new ArrayList<>(ledger.accessReceiptsSentBy(DevAccounts.szOperator().address()));
        sent.removeAll(sentBefore);
        assertThat(sent).as("each access sent once, by one instance").hasSize(100).doesNotHaveDuplicates();
    }

    @Test
    @Order(4)
    void aChainResetUnderTheNodesIsNoticedAndWhatItLostIsWrittenAgain() throws IOException {
        // documents revoked in the first, a middle and the newest batch (anchored again last, when the consents of
        // their scope, the oldest first, could be back); a consent that ends before the reset and one revoked, each
        // with an access recorded under it
        List<Burst.Submitted> revoked = List.of(firstBurst.get(1), firstBurst.get(700), anchoredNow());
        revoked.forEach(this::revoke);
        JsonNode ending = journeys.grantConsent("hk", HK_RESIDENT, "hk.transunion", "cn.abc-shenzhen",
                Instant.now().plusSeconds(12));
        Api.Response endingAccess = verify(firstBurst.get(5), ending.path("token").asString());
        assertThat(endingAccess.body().path("verdict").asString()).as(endingAccess.raw()).isEqualTo("VERIFIED");
        accessUnderARevokedConsent(firstBurst.get(6));
        await("every access recorded", () -> Agreement.count(Agreement.db(sandbox, "sz"),
                "select count(*) from verification where access_status = 'PENDING'") == 0);
        Instant ended = Instant.parse(ending.path("validUntil").asString());
        Journeys.pause(Duration.between(Instant.now(), ended.plusSeconds(10))); // past its end, and a lease more
        List<String> accessesBefore = ledger.accesses().stream().map(ChainLedger.Accessed::receipt).toList();
        String lostForGood = Agreement.receiptHash(endingAccess.body().path("receipt").asString());
        long batches = Agreement.count(Agreement.db(sandbox, "hk"), "select count(*) from anchor_batch");
        long consents = Agreement.count(Agreement.db(sandbox, "hk"),
                "select count(*) from consent where status in ('AUTHORISED', 'REVOKED')");
        long revocations = Agreement.count(Agreement.db(sandbox, "hk"),
                "select count(*) from anchor_submission where status = 'REVOKED' and voucher is not null");

        List<JsonNode> watched;
        Map<String, JsonNode> vouchers = vouchers(revoked);
        resetTheChain();
        try (RevokedDocumentsWatch watch = new RevokedDocumentsWatch(vouchers, token)) {
            await("every root written again", () -> health("hk").path("components").path("anchorsOnChain").path("details")
                    .path("rootsWrittenAgain").asLong() == batches && health("hk").path("status").asString().equals("UP"));
            await("every consent but the one past its end (revoked ones recorded and revoked again) and institution"
                    + " written again", () -> health("hk").path("components").path("consentsOnChain").path("details")
                    .path("consentsWrittenAgain").asLong() == consents - 1
                    && health("hk").path("components").path("registry").path("details").path("institutionsWrittenAgain").asInt() == 2
                    && health("sz").path("components").path("registry").path("details").path("institutionsWrittenAgain").asInt() == 2);
            await("the revocations written again", () -> ledger.leavesRevoked().size() == revocations);
            await("every access but the one under the consent past its end recorded again", () -> health("sz")
                    .path("components").path("accessesOnChain").path("details").path("accessesWrittenAgain").asLong()
                    == accessesBefore.size() - 1 && health("sz").path("status").asString().equals("UP"));
            watched = watch.stop();
        }

        assertThat(watched.stream().filter(answer -> answer.path("verdict").asString().equals("VERIFIED"))
                .map(answer -> answer.path("verifiedAt").asString() + " " + answer.path("checks")).toList())
                .as("revoked documents verified while the chain's state was written again").isEmpty();
        assertThat(watched).as("revoked documents tried after their roots were back")
                .anyMatch(answer -> StreamSupport.stream(answer.path("checks").spliterator(), false)
                        .anyMatch(c -> c.path("type").asString().equals("ANCHOR") && c.path("status").asString().equals("VALID")));
        assertThat(health("hk").path("components").path("consentsOnChain").path("details").path("consentsNotWritable").asLong())
                .as("the consent past its end").isEqualTo(1);
        assertThat(health("sz").path("components").path("accessesOnChain").path("details").path("accessesNotWritable").asLong())
                .as("the access under the consent past its end").isEqualTo(1);
        await("every access settled", () -> Agreement.count(Agreement.db(sandbox, "sz"),
                "select count(*) from verification where access_status = 'PENDING'") == 0);
        Agreement.anchorsAgree(sandbox, ledger);
        Agreement.revocationsAgree(sandbox, ledger);
        Agreement.consentsAgree(sandbox, ledger, true);
        Agreement.accessesAgree(sandbox, ledger);
        Agreement.accessesWrittenAgain(accessesBefore, lostForGood, ledger);
        assertThat(ledger.institutionsRegistered()).as("institutions on chain").isEqualTo(4);
        for (Burst.Submitted document : List.of(firstBurst.get(0), firstBurst.get(500), firstBurst.get(999))) {
            assertThat(verify(document).body().path("verdict").asString()).as("a voucher issued before the reset")
                    .isEqualTo("VERIFIED");
        }
        for (Burst.Submitted document : revoked) {
            assertThat(CrossBorderVerificationIT.check(verify(document), "STATUS").path("code").asString())
                    .isEqualTo("DOCUMENT_REVOKED");
        }
    }

    /** Anvil restarted without state under the running nodes, the registry deployed again at the same address. */
    private void resetTheChain() throws IOException {
        chain.close();
        Files.delete(stateFile);
        chain = LocalChain.start(anvil, port, null); // the same chain id and port, but nothing on it
        await("the nodes see that the registry is gone", () -> health("hk").path("components").path("registry")
                .path("details").path("reason").asString().contains("no registry"));
        String registry = DevRegistry.deploy(chain.rpcUrl()).registry();
        assertThat(registry).as("deployed again at the same address").isEqualToIgnoringCase(sandbox.registryAddress());
    }

    private Burst.Submitted anchoredNow() {
        String digest = Journeys.sha256(Journeys.creditReport(HK_RESIDENT));
        Api issuer = journeys.as("hk", "hk.transunion");
        Api.Response accepted = issuer.post("/api/v1/anchors", Map.of("digest", digest, "algorithm", "sha-256",
                "documentType", "credit-report", "subject", HK_RESIDENT, "validUntil", inAYear.toString()));
        String anchorId = accepted.body().path("anchorId").asString();
        Journeys.awaitVoucher(issuer, anchorId);
        return new Burst.Submitted(digest, anchorId);
    }

    /** Each document's voucher, by its digest. */
    private Map<String, JsonNode> vouchers(List<Burst.Submitted> documents) {
        Api issuer = journeys.as("hk", "hk.transunion");
        Map<String, JsonNode> vouchers = new LinkedHashMap<>();
        documents.forEach(d -> vouchers.put(d.digest(), issuer.get("/api/v1/anchors/" + d.anchorId()).body().path("voucher")));
        return vouchers;
    }

    private void revoke(Burst.Submitted document) {
        Api.Response revocation = journeys.as("hk", "hk.transunion").post("/api/v1/anchors/" + document.anchorId()
                + "/revocation", Map.of("reason", "report superseded"));
        assertThat(revocation.body().path("status").asString()).as(revocation.raw()).isEqualTo("REVOKED");
    }

    /** A bank verifies under a consent, which the resident then revokes; the bank tries again and is refused. */
    private void accessUnderARevokedConsent(Burst.Submitted document) {
        JsonNode consent = journeys.grantConsent("hk", HK_RESIDENT, "hk.transunion", "cn.abc-shenzhen", inAMonth);
        String withdrawn = consent.path("token").asString();
        assertThat(verify(document, withdrawn).body().path("verdict").asString()).isEqualTo("VERIFIED");
        Api.Response revocation = journeys.as("hk", HK_RESIDENT).delete("/api/v1/consents/" + consent.path("consentId").asString());
        assertThat(revocation.body().path("status").asString()).as(revocation.raw()).isEqualTo("REVOKED");
        assertThat(CrossBorderVerificationIT.check(verify(document, withdrawn), "CONSENT").path("code").asString())
                .isEqualTo("CONSENT_REVOKED");
    }

    /**
     * A bank verifying revoked documents over and over, with a consent of their scope, from the moment the registry
     * is there again until the chain's state is written again: the one who would profit from a revoked document
     * verifying. Its consent is the oldest, the first to be recorded again.
     */
    private final class RevokedDocumentsWatch implements AutoCloseable {

        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private final List<JsonNode> answers = new CopyOnWriteArrayList<>();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final Future<?> running;

        RevokedDocumentsWatch(Map<String, JsonNode> vouchers, String token) {
            Api bank = journeys.as("sz", "cn.abc-shenzhen");
            running = thread.submit(() -> {
                while (!stopped.get()) {
                    vouchers.forEach((digest, voucher) -> answers.add(bank.post("/api/v1/verifications", Map.of("digest",
                            digest, "algorithm", "sha-256", "voucher", voucher, "consent", token)).body()));
                    Journeys.pause(Duration.ofMillis(20));
                }
            });
        }

        /** Stops watching; every answer the bank got. */
        List<JsonNode> stop() {
            stopped.set(true);
            try {
                running.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the watch did not end", e);
            }
            return List.copyOf(answers);
        }

        @Override
        public void close() {
            stopped.set(true);
            thread.shutdown();
        }
    }

    private static List<Api.Response> all(List<Callable<Api.Response>> calls) {
        ExecutorService callers = Executors.newFixedThreadPool(calls.size());
        try {
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> answer : callers.invokeAll(calls)) {
                answers.add(answer.get());
            }
            return answers;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            callers.shutdown();
        }
    }

    private Api.Response verify(Burst.Submitted document) {
        return verify(document, token);
    }

    private Api.Response verify(Burst.Submitted document, String consent) {
        JsonNode voucher = journeys.as("hk", "hk.transunion").get("/api/v1/anchors/" + document.anchorId()).body().path("voucher");
        return journeys.as("sz", "cn.abc-shenzhen").post("/api/v1/verifications", Map.of("digest", document.digest(),
                "algorithm", "sha-256", "voucher", voucher, "consent", consent));
    }

    private JsonNode health(String node) {
        return Api.anonymous(sandbox, node).get("/actuator/health").body();
    }

    private static String url(ConfigurableApplicationContext instance) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) instance).getWebServer().getPort();
    }

    private static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(90);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": not within 90 s");
            }
            Journeys.pause(Duration.ofMillis(250));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
