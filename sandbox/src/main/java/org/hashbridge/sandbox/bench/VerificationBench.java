package org.hashbridge.sandbox.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.ReceiptVerifier;
import org.hashbridge.sandbox.Sandbox;

/**
 * Bank load on the Shenzhen node, driven by wrk: a few northbound vouchers verified over and over with the tokens
 * of {@value #CONSENTS} consents of the resident (as many loan interviews), at each connection count, beside the node's bare {@code GET /api/v1/node} at the same count. Every
 * answer is counted, a sample of receipts is checked offline against the node's published keys, and the access
 * records are watched until they are all on chain.
 */
final class VerificationBench {

    static final String BANK = "cn.abc-shenzhen";
    private static final String ISSUER = "hk.transunion";
    private static final int VOUCHERS = 4;
    /**
     * The registry takes at most 1,000 accesses by the bank a consent names; a run of several minutes at a few hundred
     * verifications a second shares its accesses between this many consents, so that each access reaches the chain.
     */
    static final int CONSENTS = 128;
    private static final int GRANTING_AT_ONCE = 16;
    private static final Duration CONSENT_ON_CHAIN = Duration.ofMinutes(5);
    private static final Duration ACCESS_WINDOW = Duration.ofSeconds(60);

    private final Sandbox sandbox;
    private final Wrk wrk;
    private final Path bodies;
    private final NodeApi bank;
    private final AccessBacklog backlog;
    private final Supplier<Map<String, ProcessHandle>> processes;
    private final Path directory;

    /** @param processes the processes that serve a verification by name, the node first, for {@link CpuProfile} */
    VerificationBench(Sandbox sandbox, Wrk wrk, Path directory, Supplier<Map<String, ProcessHandle>> processes) {
        this.sandbox = sandbox;
        this.wrk = wrk;
        this.processes = processes;
        this.directory = directory;
        this.bodies = directory.resolve("verifications.jsonl");
        this.bank = new NodeApi(sandbox.nodeUrl("sz"), sandbox.apiKey(BANK));
        this.backlog = new AccessBacklog(sandbox.database("sz"));
    }

    /** Grants the resident's consents for the bank at the Hong Kong node and writes the requests wrk sends. */
    void prepare(List<AnchoringBench.Anchored> anchored) {
        List<String> tokens = grantConsents();
        try {
            Files.createDirectories(bodies.getParent());
            Files.write(bodies, requests(anchored, tokens));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + bodies, e);
        }
    }

    /** {@value #CONSENTS} consents, {@value #GRANTING_AT_ONCE} at a time: each is answered once it is on chain. */
    private List<String> grantConsents() {
        Table.progress("granting " + CONSENTS + " consents of the resident to " + BANK);
        ForkJoinPool pool = new ForkJoinPool(GRANTING_AT_ONCE);
        try {
            return pool.submit(() -> IntStream.range(0, CONSENTS).parallel().mapToObj(i -> grantConsent()).toList()).join();
        } finally {
            pool.shutdown();
        }
    }

    private String grantConsent() {
        String subject = AnchoringBench.SUBJECT;
        NodeApi resident = new NodeApi(sandbox.nodeUrl("hk"), sandbox.credential(subject));
        NodeApi.Reply granted = resident.post("/api/v1/consents", Map.of("subject", subject, "issuer", ISSUER,
                "verifier", BANK, "documentType", "credit-report", "purpose", "consumer loan application",
                "validUntil", Instant.now().plus(Duration.ofDays(30)).toString()));
        if (granted.status() != 201 && granted.status() != 202) {
            throw new IllegalStateException("consent refused: " + granted.outcome());
        }
        // 202: on its way to the chain, which takes one write of the node's account a block
        String consent = "/api/v1/consents/" + granted.text("consentId");
        Instant deadline = Instant.now().plus(CONSENT_ON_CHAIN);
        for (NodeApi.Reply read = granted; !"AUTHORISED".equals(read.text("status")); read = resident.get(consent)) {
            if (!"PENDING".equals(read.text("status")) || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("consent not authorised: " + read.outcome() + " " + read.text("status"));
            }
            Pause.of(Duration.ofMillis(200));
        }
        return granted.text("token");
    }

    /**
     * Request bodies for up to four anchored documents, from different batches where there are several, each with
     * every consent token in turn.
     */
    private static List<String> requests(List<AnchoringBench.Anchored> anchored, List<String> tokens) {
        Map<String, AnchoringBench.Anchored> onePerRoot = new LinkedHashMap<>();
        anchored.forEach(a -> onePerRoot.putIfAbsent(a.voucher().path("root").asString(), a));
        if (onePerRoot.isEmpty()) {
            throw new IllegalStateException("no document was anchored, so there is nothing to verify");
        }
        List<AnchoringBench.Anchored> chosen = new ArrayList<>(onePerRoot.values());
        anchored.stream().filter(a -> !chosen.contains(a)).forEach(chosen::add);
        List<AnchoringBench.Anchored> vouchers = chosen.stream().limit(VOUCHERS).toList();
        return IntStream.range(0, tokens.size() * vouchers.size()).mapToObj(i -> {
            AnchoringBench.Anchored a = vouchers.get(i / tokens.size());
            return NodeApi.JSON.writeValueAsString(Map.of("digest", a.digest(), "algorithm", "sha-256",
                    "voucher", a.voucher(), "consent", tokens.get(i % tokens.size())));
        }).toList();
    }

    /** Warms both endpoints up, then measures them at each connection count. */
    void run(Table table, BenchmarkOptions options) {
        int most = options.targetConnections();
        Table.progress("warm-up: wrk at " + most + " connections on both endpoints");
        wrk.run(sandbox.nodeUrl("sz"), Wrk.Kind.verify(bodies), most, options.duration(), bank.secret());
        wrk.run(sandbox.nodeUrl("sz"), Wrk.Kind.bare(), most, options.duration(), null);
        backlog.awaitEmpty(ACCESS_WINDOW);
        for (int connections : options.connections()) {
            boolean target = connections == most;
            // the CPU each part takes is read from /proc around the measured runs; the flight recording comes after
            Profiled bare = profiled(target, () -> wrk.run(sandbox.nodeUrl("sz"), Wrk.Kind.bare(), connections,
                    options.duration(), null));
            Profiled verified = profiled(target, () -> wrk.run(sandbox.nodeUrl("sz"),
                    Wrk.Kind.verify(bodies), connections, options.duration(), bank.secret()));
            long pending = backlog.pending();
            long lastAnswer = System.nanoTime();
            long empty = backlog.awaitEmpty(ACCESS_WINDOW);
            report(table, verified.result(), bare.result(), target);
            if (target) {
                cpu(table, "bare", bare);
                cpu(table, "verification", verified);
            }
            checked(table, verified.result());
            table.add("access records pending at the last answer, " + connections, Long.toString(pending),
                    empty < 0 ? "not all on chain within " + ACCESS_WINDOW.toSeconds() + " s: " + backlog.pending() + " left"
                            : "all on chain " + Table.number((empty - lastAnswer) / 1e9, 1) + " s after it");
        }
        recorded(table, options, most);
        backlog.awaitEmpty(ACCESS_WINDOW);
    }

    private record Profiled(Wrk.Result result, CpuProfile.Result profile) {
    }

    /**
     * One more verification run at {@code connections}, with the node recorded, after the measured ones: where the
     * node's time goes, without the recorder's cost in the figures the targets are read from.
     */
    private void recorded(Table table, BenchmarkOptions options, int connections) {
        Table.progress("verification at " + connections + " connections once more, the node's flight recorder on");
        Map<String, ProcessHandle> parts = processes.get();
        CpuProfile profile = CpuProfile.start(parts, parts.values().iterator().next(), directory.resolve("verification.jfr"));
        Wrk.Result result = wrk.run(sandbox.nodeUrl("sz"), Wrk.Kind.verify(bodies), connections, options.duration(), bank.secret());
        CpuProfile.Samples samples = profile.stop(result.requests()).samples();
        table.add("node's Java samples, verification at " + connections, samples.count() + " samples",
                Table.number(result.perSecond(), 0) + " /s with the recorder on; " + samples.describe());
    }

    /** {@code load}, with the CPU of the processes serving it watched when {@code watched}. */
    private Profiled profiled(boolean watched, Supplier<Wrk.Result> load) {
        if (!watched) {
            return new Profiled(load.get(), null);
        }
        Map<String, ProcessHandle> parts = processes.get();
        CpuProfile profile = CpuProfile.start(parts, parts.values().iterator().next(), null);
        Wrk.Result result = load.get();
        return new Profiled(result, profile.stop(result.requests()));
    }

    private static void cpu(Table table, String name, Profiled run) {
        CpuProfile.Result p = run.profile();
        int c = run.result().connections();
        table.add("CPU per request, " + name + " at " + c, Table.number(p.millisPerRequest().values().stream()
                        .mapToDouble(Double::doubleValue).sum(), 2) + " ms",
                p.perRequest() + "; both cores " + Table.number(p.machineBusy() * 100, 0) + "% busy");
    }

    private static void report(Table table, Wrk.Result verified, Wrk.Result bare, boolean target) {
        int c = verified.connections();
        table.add("POST /api/v1/verifications, " + c + " connections", Table.number(verified.perSecond(), 0) + " /s",
                verified.latencies());
        table.add("GET /api/v1/node (bare), " + c + " connections", Table.number(bare.perSecond(), 0) + " /s",
                bare.latencies() + "; " + bare.status(200) + " of " + bare.requests() + " 200" + others(bare.others(200)));
        double throughput = verified.perSecond() / bare.perSecond();
        double p99 = verified.p99Millis() / bare.p99Millis();
        table.add("throughput against bare at " + c, Table.number(throughput, 2) + "x",
                target ? Table.Target.atLeast(0.35, throughput, "x") : null, "");
        table.add("p99 against bare at " + c, Table.number(p99, 1) + "x", target ? Table.Target.atMost(3, p99, "x") : null,
                Table.number(verified.p99Millis(), 1) + " ms against " + Table.number(bare.p99Millis(), 1) + " ms");
    }

    private void checked(Table table, Wrk.Result verified) {
        int c = verified.connections();
        table.add("verdicts at " + c, verified.verified() + " VERIFIED of " + verified.requests(),
                "counted by the wrk script" + others(verified.others(200)));
        List<String> receipts = verified.receipts();
        table.add("receipts checked at " + c, receiptsThatVerify(receipts) + " of " + receipts.size() + " verify",
                "a sample, offline, against GET /api/v1/receipt-keys");
    }

    private static String others(String others) {
        return others.isEmpty() ? "" : "; " + others;
    }

    /** Checks receipts against {@code GET /api/v1/receipt-keys}; answers how many verify. */
    private long receiptsThatVerify(List<String> receipts) {
        ReceiptVerifier verifier = ReceiptVerifier.of(bank.get("/api/v1/receipt-keys").body().toString());
        return receipts.stream().filter(receipt -> {
            try {
                return verifier.verify(receipt) != null;
            } catch (InvalidInput e) {
                return false;
            }
        }).count();
    }
}
