package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.sandbox.Journeys.HK_RESIDENT;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hashbridge.node.chain.DevAccounts;
import org.hashbridge.node.chain.LocalChain;
import org.hashbridge.protocol.Digest;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.Voucher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.protocol.core.methods.response.Transaction;
import tools.jackson.databind.JsonNode;

/**
 * The Hong Kong node, a process of its own, is killed ({@code SIGKILL}) with the roots of one round sent together
 * and unmined, then started again on the same database and chain while they still wait in the pool: its recovery
 * takes each batch up again, finds its root on its way and sends nothing twice; once the chain mines them, each
 * root is on chain once, every batch is completed from the chain's record of its root, and every document of the
 * request has a voucher that proves it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.CONCURRENT) // beside the tests of nodes in this JVM: see junit-platform.properties
@ResourceLock(NodeProcesses.LOCK)
class RootsInFlightCrashIT {

    private static final Path STATE = SandboxExtension.repositoryRoot().resolve("sandbox/target/roots-in-flight");
    /** Roots of 4 leaves, so one request of 12 makes three roots sent in one round; a lease that soon runs out. */
    private static final List<String> NODE_SETTINGS = List.of("--hashbridge.anchoring.max-batch-size=4",
            "--hashbridge.chain.timeout=60s", "--hashbridge.outbox.lease=3s");
    private static final String ANCHOR_ROOT = Mempool.selector("anchorRoot(bytes32,bytes32,uint32)");

    private LocalChain chain;
    private Sandbox sandbox;
    private ChainLedger ledger;
    private Mempool mempool;

    @BeforeAll
    void startANodeProcessThatCanBeKilled() {
        Path root = SandboxExtension.repositoryRoot();
        chain = LocalChain.start(LocalChain.findAnvil(root), 0, null);
        sandbox = Sandbox.startProcessesOn(chain.rpcUrl(), Map.of("hk", chain.rpcUrl(), "sz", chain.rpcUrl()),
                SandboxOptions.ephemeral(root, STATE), NODE_SETTINGS);
        ledger = new ChainLedger(chain.rpcUrl(), sandbox.registryAddress());
        mempool = new Mempool(chain.rpcUrl());
    }

    @AfterAll
    void stopEverything() {
        if (mempool != null) {
            mempool.close();
        }
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
    void aNodeKilledWithSeveralRootsSentAndUnminedRecordsEachRootOnceWhenTheyAreMined() {
        Api issuer = new Journeys(sandbox).as("hk", "hk.transunion");
        String operator = DevAccounts.hkOperator().address();
        List<Map<String, Object>> items = items(12);
        ledger.automine(false);

        Api.Response accepted = issuer.post("/api/v1/anchors:batch", Map.of("items", items));
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        List<Transaction> sent = mempool.awaitPending(operator, ANCHOR_ROOT, 3);
        sandbox.killNode("hk");
        sandbox.restartNode("hk");
        JdbcTemplate hk = Agreement.db(sandbox, "hk");
        awaitRetriedWhileOnTheirWay(hk);
        ledger.automine(true);
        ledger.mine();

        String requestId = accepted.body().path("requestId").asString();
        List<JsonNode> anchored = awaitAnchored(issuer, requestId);
        Set<String> roots = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Voucher voucher = Voucher.parse(anchored.get(i).path("voucher").toString());
            assertThat(voucher.matches(Digest.parse("sha-256", (String) items.get(i).get("digest")))).isTrue();
            assertThat(voucher.proof().treeSize()).isEqualTo(4);
            roots.add(voucher.root());
        }
        assertThat(roots).hasSize(3);
        assertThat(ledger.rootsAnchored()).as("each root on chain once").extracting(ChainLedger.Anchored::root)
                .containsAll(roots).doesNotHaveDuplicates();
        Agreement.anchorsAgree(sandbox, ledger);
        assertThat(hk.queryForList("select tx_hash from anchor_batch where root in ('" + String.join("','", roots) + "')",
                String.class)).as("every batch completed from the copy its first life sent")
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(Transaction::getHash).toList());
    }

    /**
     * The restarted node takes the batches up once their leases run out and finds each root on its way (the
     * chain simulates on its pending state, where the first copies are): it sends no second copy, and waits.
     */
    private static void awaitRetriedWhileOnTheirWay(JdbcTemplate hk) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String sql = "select count(*) from anchor_batch where status = 'SENDING' and attempts >= 2"
                + " and last_error = 'RootAlreadyAnchored, not final yet'";
        while (Agreement.count(hk, sql) < 3) {
            assertThat(Instant.now()).as("the restarted node took the roots up again").isBefore(deadline);
            Journeys.pause(Duration.ofMillis(250));
        }
    }

    private List<JsonNode> awaitAnchored(Api issuer, String requestId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            Api.Response page = issuer.get("/api/v1/anchors?requestId=" + requestId + "&size=200");
            List<JsonNode> anchors = new ArrayList<>();
            page.body().path("anchors").forEach(anchors::add);
            if (anchors.stream().allMatch(a -> a.path("status").asString().equals("ANCHORED"))) {
                return anchors;
            }
            Journeys.pause(Duration.ofMillis(250));
        }
        throw new AssertionError("the request's documents were not all anchored within 120 s");
    }

    private static List<Map<String, Object>> items(int count) {
        String run = Long.toString(System.nanoTime(), 36);
        List<Map<String, Object>> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("reference", "TU-" + run + "-" + i);
            item.put("digest", DigestAlgorithm.SHA_256.digest(("in flight " + run + " " + i).getBytes(StandardCharsets.UTF_8)).hex());
            item.put("algorithm", "sha-256");
            item.put("documentType", "credit-report");
            item.put("subject", HK_RESIDENT);
            item.put("validUntil", Instant.now().plus(Duration.ofDays(365)).toString());
            items.add(item);
        }
        return items;
    }
}
