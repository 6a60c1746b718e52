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
 * Issuer load on the Hong Kong node: many digests submitted at once, one per request or in bulk requests,
 * then polled until every one is ANCHORED. The vouchers show how many chain transactions (roots) carried them.
 */
final class AnchoringBench {

    /** An anchored document as the benchmark knows it: its digest and the voucher the node issued. */
    record Anchored(String digest, JsonNode voucher) {
    }

    static final String SUBJECT = "HK-A1234567";
    private static final int PAGE = 200;

    private final NodeApi issuer;
    private final Duration deadline;
    private final String runId = Long.toString(System.nanoTime());
    private final Instant validUntil = Instant.now().plus(Duration.ofDays(365));

    /** @param deadline how long after the first submission documents may take to be anchored */
    AnchoringBench(NodeApi issuer, Duration deadline) {
        this.issuer = issuer;
        this.deadline = deadline;
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

    /**
     * What one bulk run produced: the requests' phase (each call one request), the time until every
     * document was anchored, and the vouchers.
     */
    record BulkRun(int clients, int perRequest, Load.Result submitted, Load.Result polled, long allAnchoredNanos,
                   JsonNode[] vouchers) {
    }

    /**
     * Submits {@code count} documents in requests of {@code perRequest} ({@code POST /api/v1/anchors:batch}) on
     * {@code clients} threads, then reads each request's anchors a page of 200 at a time until all are anchored.
     */
    BulkRun bulk(String label, int count, int perRequest, int clients) {
        int requests = (count + perRequest - 1) / perRequest;
        String[] requestIds = new String[requests];
        JsonNode[] vouchers = new JsonNode[count];
        long start = System.nanoTime();
        Load.Result submitted = Load.run(requests, clients, r -> submitBatch(label, r, perRequest, count, requestIds));
        int pages = (count + PAGE - 1) / PAGE;
        Load.Result polled = Load.run(pages, clients, p -> awaitPage(requestIds, p, perRequest, vouchers, start));
        return new BulkRun(clients, perRequest, submitted, polled, System.nanoTime() - start, vouchers);
    }

    static void report(Table table, BulkRun run) {
        int count = run.vouchers().length;
        Load.Result submitted = run.submitted();
        table.add("bulk requests accepted (202)", submitted.count("202") + " of " + submitted.latencies().sortedNanos().length,
                others(submitted.outcomes(), "202"));
        table.add("documents accepted, " + run.clients() + " requests at once", Table.number(count * 1e9 / submitted.wallNanos(), 0)
                + " /s", "a request of " + Table.number(run.perRequest(), 0) + ": p50 " + submitted.latencies().millis(50)
                + ", max " + submitted.latencies().millis(100));
        long received = Arrays.stream(run.vouchers()).filter(Objects::nonNull).count();
        table.add("vouchers received", received + " of " + count, others(run.polled().outcomes(), "ANCHORED"));
        double perSecond = received < count ? 0 : count * 1e9 / run.allAnchoredNanos();
        table.add("documents per second, first submission to last voucher", Table.number(perSecond, 0) + " /s",
                Table.Target.atLeast(20_000, perSecond, " /s"), received < count ? "not all anchored"
                        : Table.number(run.allAnchoredNanos() / 1e9, 1) + " s, of which "
                        + Table.number((run.allAnchoredNanos() - submitted.wallNanos()) / 1e9, 1) + " s after the last answer");
        batches(table, run.vouchers());
    }

    /**
     * One document per request ({@code POST /api/v1/anchors}, a digest no other request sent), driven by wrk, beside
     * the node's bare {@code GET /api/v1/node} at the same connection count.
     */
    void single(Table table, Wrk wrk, int connections, Duration duration) {
        String node = issuer.baseUrl();
        Wrk.Result bare = wrk.run(node, Wrk.Kind.bare(), connections, duration, null);
        String run = String.format("%016x", Long.parseLong(runId) ^ System.nanoTime());
        Wrk.Result anchored = wrk.run(node, Wrk.Kind.anchor(run, validUntil.toString()), connections, duration, issuer.secret());
        table.add("POST /api/v1/anchors, " + connections + " connections", Table.number(anchored.perSecond(), 0) + " /s",
                anchored.latencies() + "; " + anchored.status(202) + " of " + anchored.requests() + " 202"
                        + (anchored.others(202).isEmpty() ? "" : ", " + anchored.others(202)));
        table.add("GET /api/v1/node (bare), " + connections + " connections", Table.number(bare.perSecond(), 0) + " /s",
                bare.latencies());
        double ratio = anchored.status(202) == anchored.requests() ? anchored.perSecond() / bare.perSecond() : 0;
        table.add("one document per request against bare", Table.number(ratio, 2) + "x", Table.Target.atLeast(0.3, ratio, "x"),
                "throughput at " + connections + " connections, counting 202 answers only");
    }

    private String submitBatch(String label, int r, int perRequest, int count, String[] requestIds) {
        List<Map<String, String>> items = new ArrayList<>();
        for (int i = r * perRequest; i < Math.min(count, (r + 1) * perRequest); i++) {
            items.add(Map.of("reference", "bench-" + runId + "-" + label + "-" + i, "digest", digest(label, i),
                    "algorithm", "sha-256", "documentType", "credit-report", "subject", SUBJECT,
                    "validUntil", validUntil.toString()));
        }
        NodeApi.Reply reply = issuer.post("/api/v1/anchors:batch", Map.of("items", items));
        requestIds[r] = reply.text("requestId");
        return reply.status() == 202 && reply.body().path("created").asInt() == items.size() ? "202" : reply.outcome();
    }

    /** Polls page {@code p} of all the documents (a page of one request) until every anchor on it is anchored. */
    private String awaitPage(String[] requestIds, int p, int perRequest, JsonNode[] vouchers, long start) {
        int first = p * PAGE;
        int request = first / perRequest;
        String path = "/api/v1/anchors?requestId=" + requestIds[request] + "&size=" + PAGE + "&page="
                + (first % perRequest) / PAGE;
        while (System.nanoTime() - start < deadline.toNanos()) {
            NodeApi.Reply reply = issuer.get(path);
            JsonNode anchors = reply.body().path("anchors");
            if (reply.status() != 200) {
                return reply.outcome();
            }
            if (anchors.valueStream().allMatch(a -> a.path("status").asString().equals("ANCHORED"))) {
                for (int i = 0; i < anchors.size(); i++) {
                    vouchers[first + i] = anchors.get(i).path("voucher");
                }
                return "ANCHORED";
            }
            Pause.of(Duration.ofMillis(200));
        }
        return "still PENDING after " + deadline.toSeconds() + " s";
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

    private String digest(String label, int i) {
        byte[] document = ("HashBridge benchmark " + label + " document " + i + " of run " + runId).getBytes(StandardCharsets.UTF_8);
        return DigestAlgorithm.SHA_256.digest(document).hex();
    }

    private String submit(String label, int i, String[] digests, String[] ids) {
        digests[i] = digest(label, i);
        NodeApi.Reply reply = issuer.post("/api/v1/anchors", Map.of("digest", digests[i], "algorithm", "sha-256",
                "documentType", "credit-report", "subject", SUBJECT, "validUntil", validUntil.toString()));
        ids[i] = reply.text("anchorId");
        return reply.status() == 202 && reply.text("status").equals("PENDING") ? "202" : reply.outcome();
    }

    private String awaitVoucher(String id, JsonNode[] vouchers, int i, long start) {
        if (id == null || id.isEmpty()) {
            return "not submitted";
        }
        while (System.nanoTime() - start < deadline.toNanos()) {
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
        return "still PENDING after " + deadline.toSeconds() + " s";
    }

    /** Roots and transactions read back from the vouchers: each batch root is one chain transaction. */
    private static void batches(Table table, JsonNode[] vouchers) {
        List<JsonNode> received = Arrays.stream(vouchers).filter(Objects::nonNull).toList();
        Map<String, Integer> leavesPerRoot = received.stream().collect(Collectors.toMap(
                v -> v.path("root").asString(), v -> v.path("proof").path("treeSize").asInt(), (a, b) -> a));
        long transactions = received.stream().map(v -> v.path("chain").path("transaction").asString()).distinct().count();
        IntSummaryStatistics sizes = leavesPerRoot.values().stream().mapToInt(Integer::intValue).summaryStatistics();
        table.add("distinct roots / chain transactions", leavesPerRoot.size() + " / " + transactions,
                "for " + received.size() + " documents");
        double perTransaction = received.size() / (double) Math.max(1, transactions);
        table.add("documents per chain transaction", Table.number(perTransaction, 1),
                Table.Target.atLeast(5000, perTransaction, ""), received.isEmpty() ? "no voucher"
                        : "roots of " + sizes.getMin() + " to " + sizes.getMax() + " leaves");
    }

    private static String others(Map<String, Long> outcomes, String expected) {
        return outcomes.entrySet().stream().filter(e -> !e.getKey().equals(expected))
                .map(e -> e.getValue() + " x " + e.getKey()).collect(Collectors.joining(", "));
    }
}
