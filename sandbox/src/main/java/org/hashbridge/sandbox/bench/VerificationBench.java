package org.hashbridge.sandbox.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.ReceiptVerifier;
import org.hashbridge.sandbox.Sandbox;

/**
 * Bank load on the Shenzhen node: a few northbound vouchers and one consent token verified over and
 * over. Every receipt is then checked offline against the node's published keys.
 */
final class VerificationBench {

    static final String BANK = "cn.abc-shenzhen";
    private static final String ISSUER = "hk.transunion";
    private static final int VOUCHERS = 4;

    private final Sandbox sandbox;
    private final NodeApi bank;
    private final Queue<String> receipts = new ConcurrentLinkedQueue<>();

    VerificationBench(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.bank = new NodeApi(sandbox.nodeUrl("sz"), sandbox.apiKey(BANK));
    }

    /** The resident's consent for the bank, granted at the Hong Kong node; answers the token. */
    String grantConsent() {
        String subject = AnchoringBench.SUBJECT;
        NodeApi resident = new NodeApi(sandbox.nodeUrl("hk"), sandbox.credential(subject));
        NodeApi.Reply granted = resident.post("/api/v1/consents", Map.of("subject", subject, "issuer", ISSUER,
                "verifier", BANK, "documentType", "credit-report", "purpose", "consumer loan application",
                "validUntil", Instant.now().plus(Duration.ofDays(30)).toString()));
        if (granted.status() != 201) {
            throw new IllegalStateException("consent refused: " + granted.outcome());
        }
        return granted.text("token");
    }

    /** Request bodies for up to four anchored documents, from different batches where there are several. */
    static List<String> requests(List<AnchoringBench.Anchored> anchored, String token) {
        Map<String, AnchoringBench.Anchored> onePerRoot = new LinkedHashMap<>();
        anchored.forEach(a -> onePerRoot.putIfAbsent(a.voucher().path("root").asString(), a));
        if (onePerRoot.isEmpty()) {
            throw new IllegalStateException("no document was anchored, so there is nothing to verify");
        }
        List<AnchoringBench.Anchored> chosen = new ArrayList<>(onePerRoot.values());
        anchored.stream().filter(a -> !chosen.contains(a)).forEach(chosen::add);
        return chosen.stream().limit(VOUCHERS).map(a -> NodeApi.JSON.writeValueAsString(Map.of("digest", a.digest(),
                "algorithm", "sha-256", "voucher", a.voucher(), "consent", token))).toList();
    }

    /** {@code count} verifications on {@code clients} threads, cycling through {@code requests}. */
    Load.Result run(List<String> requests, int count, int clients) {
        receipts.clear();
        return Load.run(count, clients, i -> verify(requests.get(i % requests.size())));
    }

    private String verify(String request) {
        NodeApi.Reply reply = bank.postJson("/api/v1/verifications", request);
        if (reply.status() != 200) {
            return reply.outcome();
        }
        receipts.add(reply.text("receipt"));
        return reply.text("verdict");
    }

    static void report(Table table, Load.Result result, int requests, int clients) {
        int count = result.latencies().sortedNanos().length;
        String others = result.outcomes().entrySet().stream().filter(e -> !e.getKey().equals("VERIFIED"))
                .map(e -> e.getValue() + " x " + e.getKey()).collect(Collectors.joining(", "));
        table.add("verdicts VERIFIED", result.count("VERIFIED") + " of " + count, others);
        table.add("throughput, " + clients + " clients", Table.number(result.perSecond(), 0) + " /s",
                requests + " vouchers, one consent token, cycled");
        Measure.Latencies latencies = result.latencies();
        table.add("latency p50", latencies.millis(50), "");
        table.add("latency p95", latencies.millis(95), "");
        table.add("latency p99", latencies.millis(99), "max " + latencies.millis(100));
    }

    /** Checks every receipt of the last run against {@code GET /api/v1/receipt-keys}; answers how many verify. */
    long receiptsThatVerify() {
        NodeApi.Reply keys = bank.get("/api/v1/receipt-keys");
        ReceiptVerifier verifier = ReceiptVerifier.of(keys.body().toString());
        return receipts.stream().filter(receipt -> {
            try {
                return verifier.verify(receipt) != null;
            } catch (InvalidInput e) {
                return false;
            }
        }).count();
    }

    int receiptCount() {
        return receipts.size();
    }
}
