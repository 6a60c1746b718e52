package org.hashbridge.sandbox.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.hashbridge.sandbox.Sandbox;
import org.hashbridge.sandbox.SandboxOptions;
import org.slf4j.LoggerFactory;

/**
 * Prints HashBridge's figures: the protocol core on one thread, then anchoring and verification end to
 * end on a fresh sandbox (anvil and both nodes, on 127.0.0.1 only), then memory. A measurement, not a
 * test: it asserts nothing, it counts. docs/performance.md says how to run it and how to read it.
 *
 * <p>Arguments: the repository root (default: the nearest directory above with a package.json).
 */
public final class Benchmark {

    static final int DOCUMENTS = 1000;
    static final int BULK_DOCUMENTS = 20_000;
    static final int BULK_REQUEST = 10_000;
    static final int BULK_CLIENTS = 2;
    static final int VERIFICATIONS = 1000;
    static final int CLIENTS = 8;
    private static final int WARM_UP_DOCUMENTS = 16;
    private static final int WARM_UP_VERIFICATIONS = 100;
    private static final Duration ACCESS_WINDOW = Duration.ofSeconds(20);

    private Benchmark() {
    }

    public static void main(String[] args) {
        quietNodeLogs();
        Path root = args.length > 0 ? Path.of(args[0]) : repositoryRoot();
        Table table = new Table();
        long started = System.nanoTime();
        String machine = machine();
        System.out.println("HashBridge benchmark");
        System.out.println(machine);
        ProtocolBench.run(table);
        Path home = root.resolve("sandbox/target/benchmark-sandbox").toAbsolutePath().normalize();
        Table.progress("starting the sandbox in " + home);
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.ephemeral(root, home))) {
            endToEnd(table, sandbox);
            memory(table, home);
        }
        System.out.println();
        System.out.println(machine);
        System.out.print(table.render());
        System.out.printf(Locale.ROOT, "%ntotal run time %.0f s; load average at the end %s%n",
                (System.nanoTime() - started) / 1e9, loadAverage());
    }

    private static void endToEnd(Table table, Sandbox sandbox) {
        AnchoringBench anchoring = new AnchoringBench(new NodeApi(sandbox.nodeUrl("hk"), sandbox.apiKey("hk.transunion")));
        Table.progress("warm-up: anchoring " + WARM_UP_DOCUMENTS + " documents");
        anchoring.run("warm-up", WARM_UP_DOCUMENTS, CLIENTS);
        table.section("(a) Anchoring: " + DOCUMENTS + " digests as hk.transunion at the HK node");
        AnchoringBench.Run run = anchoring.run("measured", DOCUMENTS, CLIENTS);
        AnchoringBench.report(table, run);
        table.section("(a') Bulk anchoring: " + Table.number(BULK_DOCUMENTS, 0) + " digests in requests of "
                + Table.number(BULK_REQUEST, 0) + " (POST /api/v1/anchors:batch) as hk.transunion at the HK node");
        AnchoringBench.report(table, anchoring.bulk("bulk", BULK_DOCUMENTS, BULK_REQUEST, BULK_CLIENTS));

        VerificationBench verification = new VerificationBench(sandbox);
        List<String> requests = VerificationBench.requests(run.anchored(), verification.grantConsent());
        Table.progress("warm-up: " + WARM_UP_VERIFICATIONS + " verifications");
        verification.run(requests, WARM_UP_VERIFICATIONS, CLIENTS);
        table.section("(b) Verification: " + VERIFICATIONS + " POST /api/v1/verifications as "
                + VerificationBench.BANK + " at the SZ node");
        AccessBacklog backlog = new AccessBacklog(sandbox.nodeBean("sz", DataSource.class));
        Load.Result verified = verification.run(requests, VERIFICATIONS, CLIENTS);
        long pendingAccesses = backlog.pending();
        long lastAnswer = System.nanoTime();
        VerificationBench.report(table, verified, requests.size(), CLIENTS);
        table.add("receipts whose signature verifies", verification.receiptsThatVerify() + " of "
                + verification.receiptCount(), "offline, against GET /api/v1/receipt-keys");
        accessRecords(table, backlog, pendingAccesses, lastAnswer);
    }

    /**
     * The access records are written on chain after the answers: how many were left at the last
     * answer, and how long after it the last one was on chain (watched for 20 s, to keep the run short).
     */
    private static void accessRecords(Table table, AccessBacklog backlog, long pending, long lastAnswer) {
        table.add("access records not yet on chain at the last answer", pending + " of " + (WARM_UP_VERIFICATIONS + VERIFICATIONS),
                "written after answering, up to 256 per chain transaction");
        long empty = backlog.awaitEmpty(ACCESS_WINDOW);
        table.add("all access records on chain", empty < 0 ? "not within " + ACCESS_WINDOW.toSeconds() + " s"
                : Table.number((empty - lastAnswer) / 1e9, 1) + " s", empty < 0 ? backlog.pending() + " still pending then"
                : "after the last answer");
    }

    private static void memory(Table table, Path home) {
        table.section("(c) Memory after the run");
        table.add("JVM heap used after GC (both nodes + benchmark)", mib(Footprint.heapUsedAfterGc() / 1024), "");
        for (String node : List.of("sz", "hk")) {
            String dataDirectory = home.resolve("sandbox").resolve(node).resolve("postgres").toString();
            Footprint.anyProcess(dataDirectory).ifPresentOrElse(
                    m -> table.add("PostgreSQL of " + node + ": PSS (RSS)", mib(m.pssKib()) + " (" + mib(m.rssKib()) + ")",
                            m.processes() + " processes; RSS counts shared buffers in each"),
                    () -> table.add("PostgreSQL of " + node, "n/a", "no /proc or process not found"));
        }
        Footprint.ownProcess("anvil").ifPresent(m -> table.add("anvil: PSS (RSS)", mib(m.pssKib()) + " (" + mib(m.rssKib()) + ")",
                m.processes() + " processes, npm wrapper included"));
    }

    private static String mib(long kib) {
        return Table.number(kib / 1024.0, 0) + " MiB";
    }

    static String machine() {
        Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT, "machine: %d cores, max heap %s, Java %s (%s), %s %s %s; load average at the start %s",
                runtime.availableProcessors(), mib(runtime.maxMemory() / 1024), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), loadAverage());
    }

    /** The 1, 5 and 15 minute load averages: anything else running on the machine shows here. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    /** Keeps the nodes' own INFO lines (one per anchored batch, per start step) out of the figures. */
    private static void quietNodeLogs() {
        if (LoggerFactory.getLogger("org.hashbridge") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("package.json"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run the benchmark inside the repository, or pass its root");
        }
        return dir;
    }
}
