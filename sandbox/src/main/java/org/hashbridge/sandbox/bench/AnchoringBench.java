package org.hashbridge.sandbox.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.hashbridge.protocol.DigestAlgorithm;
import tools.jackson.databind.JsonNode;

/**
 * Issuer load on the Hong Kong node: many digests submitted at once, then polled until every one is
 * ANCHORED. The vouchers show how many chain transactions (roots) carried them.
 */
final class AnchoringBench {

    /** An anchored document as the benchmark knows it: its digest and the voucher the node issued. */
    record Anchored(String digest, JsonNode voucher) {
    }

    static final String SUBJECT = "HK-A1234567";
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private final NodeApi issuer;
    private final String runId = Long.toString(System.nanoTime());
    private final Instant validUntil = Instant.now().plus(Duration.ofDays(365));

    AnchoringBench(NodeApi issuer) {
        this.issuer = issuer;
    }

    /** What one run produced: the two load phases, the time until all were anchored, and the vouchers. */
    record Run(int clients, Load.Result submitted, Load.Result polled, long allAnchoredNanos, String[] digests,
               JsonNode[] vouchers) {

        List<Anchored> anchored() {
            List<Anchored> anchored = new ArrayList<>();
            for (int i = 0; i < digests.length; i++) {
                if (vouchers[i] != null) {
                    anchored.add(new Anchored(digests[i], vouchers[i]));
                }
            }
            return anchored;
        }
    }

    /** Submits {@code count} documents on {@code clients} threads, then polls until each is anchored. */
    Run run(String label, int count, int clients) {
        String[] digests = new String[count];
        String[] ids = new String[count];
        JsonNode[] vouchers = new JsonNode[count];
        long start = System.nanoTime();
        Load.Result submitted = Load.run(count, clients, i -> submit(label, i, digests, ids));
        Load.Result polled = Load.run(count, clients, i -> awaitVoucher(ids[i], vouchers, i, start));
        return new Run(clients, submitted, polled, System.nanoTime() - start, digests, vouchers);
    }

    static void report(Table table, Run run) {
        int count = run.digests().length;
        Load.Result submitted = run.submitted();
        table.add("submissions accepted (202)", submitted.count("202") + " of " + count, others(submitted.outcomes(), "202"));
        table.add("submit rate, " + run.clients() + " clients", Table.number(submitted.perSecond(), 0) + " /s",
                submitted.latencies().summary());
        table.add("time until all ANCHORED", Table.number(run.allAnchoredNanos() / 1e9, 1) + " s",
                "from the first submission; " + Table.number((run.allAnchoredNanos() - submitted.wallNanos()) / 1e9, 1)
                        + " s after the last; polled every 50 ms");
        table.add("vouchers received", run.polled().count("ANCHORED") + " of " + count,
                others(run.polled().outcomes(), "ANCHORED"));
        batches(table, run.vouchers());
    }

    private String submit(String label, int i, String[] digests, String[] ids) {
        byte[] document = ("HashBridge benchmark " + label + " document " + i + " of run " + runId).getBytes(StandardCharsets.UTF_8);
        digests[i] = DigestAlgorithm.SHA_256.digest(document).hex();
        NodeApi.Reply reply = issuer.post("/api/v1/anchors", Map.of("digest", digests[i], "algorithm", "sha-256",
                "documentType", "credit-report", "subject", SUBJECT, "validUntil", validUntil.toString()));
        ids[i] = reply.text("anchorId");
        return reply.status() == 202 && reply.text("status").equals("PENDING") ? "202" : reply.outcome();
    }

    private String awaitVoucher(String id, JsonNode[] vouchers, int i, long start) {
        if (id == null || id.isEmpty()) {
            return "not submitted";
        }
        while (System.nanoTime() - start < DEADLINE.toNanos()) {
            NodeApi.Reply reply = issuer.get("/api/v1/anchors/" + id);
            if (reply.text("status").equals("ANCHORED")) {
                vouchers[i] = reply.body().path("voucher");
                return "ANCHORED";
            }
            if (!reply.text("status").equals("PENDING")) {
                return reply.outcome() + " " + reply.text("status");
            }
            Pause.of(Duration.ofMillis(50));
        }
        return "still PENDING after " + DEADLINE.toSeconds() + " s";
    }

    /** Roots and transactions read back from the vouchers: each batch root is one chain transaction. */
    private static void batches(Table table, JsonNode[] vouchers) {
        List<JsonNode> received = Arrays.stream(vouchers).filter(Objects::nonNull).toList();
        long roots = received.stream().map(v -> v.path("root").asString()).distinct().count();
        Map<String, Integer> leavesPerTransaction = received.stream().collect(Collectors.toMap(
                v -> v.path("chain").path("transaction").asString(), v -> v.path("proof").path("treeSize").asInt(),
                (a, b) -> a));
        IntSummaryStatistics sizes = leavesPerTransaction.values().stream().mapToInt(Integer::intValue).summaryStatistics();
        table.add("distinct roots / chain transactions", roots + " / " + leavesPerTransaction.size(),
                "for " + received.size() + " documents");
        table.add("documents per chain transaction", Table.number(received.size() / (double) Math.max(1, roots), 1),
                "batch sizes min " + sizes.getMin() + ", max " + sizes.getMax() + " (cap 1024)");
    }

    private static String others(Map<String, Long> outcomes, String expected) {
        return outcomes.entrySet().stream().filter(e -> !e.getKey().equals(expected))
                .map(e -> e.getValue() + " x " + e.getKey()).collect(Collectors.joining(", "));
    }
}
