package org.hashbridge.sandbox.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hashbridge.node.chain.LocalChain;
import org.hashbridge.sandbox.Sandbox;
import org.hashbridge.sandbox.SandboxOptions;

/**
 * One fresh platform (anvil, and both nodes as processes of their own from their jars, each on its own
 * PostgreSQL) with one way of mining blocks, under verification and anchoring load; the nodes' memory is watched
 * throughout, and each node is restarted once to time its start.
 */
final class EndToEnd {

    private static final List<String> NODES = List.of("sz", "hk");
    private static final int VOUCHER_DOCUMENTS = 16;

    /** What the memory part reports of one run: each node's peak, and each node's start once restarted. */
    record Footprints(String chain, Map<String, Footprint.ProcessMemory> peaks, Map<String, Duration> starts,
                      Map<String, Footprint.ProcessMemory> others, StartProfile startProfile) {

        /** Short, for a figure's name: "blocks at once" or "a block every 2 s". */
        String mining() {
            return chain.contains("every") ? chain.substring(chain.indexOf("a block")) : "blocks at once";
        }
    }

    private EndToEnd() {
    }

    /**
     * @param blockTime zero for a block per transaction at once, else anvil's block period
     * @param labels    the section labels of verification and anchoring in this run, such as "1." and "2."
     */
    static Footprints run(Table table, BenchmarkOptions options, Wrk wrk, Duration blockTime, List<String> labels) {
        String chain = chain(blockTime);
        Path home = options.root().resolve("sandbox/target/benchmark/sandbox").toAbsolutePath().normalize();
        Table.progress("starting anvil (" + chain + ") and both nodes as processes in " + home);
        try (LocalChain anvil = LocalChain.start(LocalChain.findAnvil(options.root()), 0, null,
                blockTime.isZero() ? null : blockTime);
             Sandbox sandbox = Sandbox.startProcessesOn(anvil.rpcUrl(), Map.of("sz", anvil.rpcUrl(), "hk", anvil.rpcUrl()),
                     SandboxOptions.ephemeral(options.root(), home).withNodeJvm(SandboxOptions.NodeJvm.OPERATOR), List.of());
             MemoryWatch memory = new MemoryWatch(Map.of("sz", process(sandbox, "sz"), "hk", process(sandbox, "hk")))) {
            AnchoringBench anchoring = new AnchoringBench(new NodeApi(sandbox.nodeUrl("hk"), sandbox.apiKey("hk.transunion")),
                    options.bulkDeadline());
            Table.progress("anchoring " + VOUCHER_DOCUMENTS + " documents to verify");
            VerificationBench verification = new VerificationBench(sandbox, wrk, home.getParent(),
                    () -> serving(sandbox, home, "sz"));
            verification.prepare(anchoring.run("vouchers", VOUCHER_DOCUMENTS, 4).anchored());
            table.section(labels.get(0) + " Verification at the SZ node, " + chain);
            verification.run(table, options);

            Map<String, Duration> starts = new java.util.LinkedHashMap<>();
            for (String node : NODES) {
                Table.progress("restarting the " + node + " node");
                sandbox.restartNode(node);
                starts.put(node, sandbox.nodeProcess(node).startToReady());
            }
            StartProfile startProfile = profileStart(sandbox, home.getParent().resolve("start.jfr"));

            table.section(labels.get(1) + " Anchoring at the HK node, " + chain);
            Table.progress("anchoring " + options.bulkDocuments() + " documents in bulk requests");
            bulk(table, options, anchoring, serving(sandbox, home, "hk"), home.getParent().resolve("anchoring.jfr"));
            anchoring.single(table, wrk, options.targetConnections(), options.duration());
            Map<String, Footprint.ProcessMemory> peaks = new java.util.LinkedHashMap<>();
            NODES.forEach(node -> peaks.put(node, memory.peak(node)));
            return new Footprints(chain, peaks, starts, others(home), startProfile);
        }
    }

    /** The most documents the recorded bulk run anchors: enough for a profile, the recorder slowing what it records. */
    private static final int RECORDED_BULK = 20_000;

    /**
     * The bulk documents, with the CPU each process serving the Hong Kong node takes per document; then a bulk run of
     * its own with the node's flight recorder on, apart from the measured one: what bounds anchoring.
     */
    private static void bulk(Table table, BenchmarkOptions options, AnchoringBench anchoring,
                             Map<String, ProcessHandle> parts, Path recording) {
        ProcessHandle node = parts.get("node");
        CpuProfile watched = CpuProfile.start(parts, node, null);
        AnchoringBench.BulkRun run = anchoring.bulk("bulk", options.bulkDocuments(), options.bulkRequest(), options.bulkClients());
        CpuProfile.Result spent = watched.stop(options.bulkDocuments());
        AnchoringBench.report(table, run);
        table.add("CPU per document, bulk", Table.number(spent.millisPerRequest().values().stream()
                        .mapToDouble(Double::doubleValue).sum() * 1000, 0) + " µs",
                perDocument(spent) + "; both cores " + Table.number(spent.machineBusy() * 100, 0) + "% busy");
        int documents = Math.min(options.bulkDocuments(), RECORDED_BULK);
        Table.progress("anchoring " + documents + " documents in bulk once more, the node's flight recorder on");
        CpuProfile recorded = CpuProfile.start(parts, node, recording);
        AnchoringBench.BulkRun again = anchoring.bulk("recorded", documents, options.bulkRequest(), options.bulkClients());
        CpuProfile.Samples samples = recorded.stop(documents).samples();
        table.add("node's Java samples, bulk anchoring", samples.count() + " samples", Table.number(documents * 1e9
                / again.allAnchoredNanos(), 0) + " documents/s end to end with the recorder on; " + samples.describe());
    }

    private static String perDocument(CpuProfile.Result spent) {
        List<String> parts = new ArrayList<>();
        spent.millisPerRequest().forEach((part, ms) -> parts.add(part + " " + Table.number(ms * 1000, 0) + " µs"));
        return String.join(", ", parts);
    }

    /** A node's start recorded from its launch until ready: how long it took, with the recorder on, and where it went. */
    record StartProfile(String node, Duration startToReady, CpuProfile.Samples samples) {
    }

    /**
     * Restarts the first node once more with a flight recording from its launch: what its start spends its time on.
     * Apart from the start that is timed, as the recorder slows a start.
     */
    private static StartProfile profileStart(Sandbox sandbox, Path recording) {
        String node = NODES.get(0);
        Table.progress("restarting the " + node + " node with a flight recording of its start");
        sandbox.restartNode(node, List.of(), CpuProfile.recordingStart(recording));
        Sandbox.NodeStart start = sandbox.nodeProcess(node);
        return new StartProfile(node, start.startToReady(), CpuProfile.ofStart(start.process(), recording));
    }

    /** The processes that serve a request to {@code node}: the node, its PostgreSQL and anvil. */
    private static Map<String, ProcessHandle> serving(Sandbox sandbox, Path home, String node) {
        Map<String, ProcessHandle> parts = new java.util.LinkedHashMap<>();
        parts.put("node", sandbox.nodeProcess(node).process());
        Footprint.anyProcessHandle(home.resolve("databases").resolve(node).toString())
                .ifPresent(p -> parts.put("PostgreSQL", p));
        Footprint.ownProcessHandle("anvil").ifPresent(p -> parts.put("anvil", p));
        return parts;
    }

    private static String chain(Duration blockTime) {
        return blockTime.isZero() ? "anvil mining each transaction at once"
                : "anvil mining a block every " + blockTime.toSeconds() + " s";
    }

    private static Supplier<ProcessHandle> process(Sandbox sandbox, String node) {
        return () -> sandbox.nodeProcess(node).process();
    }

    /** The databases and anvil, now, for comparison. */
    private static Map<String, Footprint.ProcessMemory> others(Path home) {
        Map<String, Footprint.ProcessMemory> others = new java.util.LinkedHashMap<>();
        for (String node : NODES) {
            Footprint.anyProcess(home.resolve("databases").resolve(node).toString())
                    .ifPresent(m -> others.put("PostgreSQL of " + node, m));
        }
        Footprint.ownProcess("anvil").ifPresent(m -> others.put("anvil", m));
        return others;
    }

    /** Section 4: each node's peak memory under load and its start to ready, in every run. */
    static void report(Table table, List<Footprints> runs) {
        SandboxOptions.NodeJvm jvm = SandboxOptions.NodeJvm.OPERATOR;
        StringBuilder environment = new StringBuilder();
        jvm.environment().forEach((name, value) -> environment.append(name).append('=').append(value).append(' '));
        table.section("4. Node memory under load and start time (nodes as processes: " + environment + "java "
                + String.join(" ", jvm.options()) + " -jar)");
        for (Footprints run : runs) {
            for (String node : NODES) {
                Footprint.ProcessMemory peak = run.peaks().get(node);
                double rss = peak == null ? Double.NaN : peak.rssKib() / 1024.0;
                table.add(node + " node, peak RSS (PSS), " + run.mining(), peak == null ? "n/a" : mib(peak.rssKib()) + " (" + mib(peak.pssKib()) + ")",
                        Table.Target.below(512, rss, " MiB"), "read every 0.5 s under load; " + run.chain());
            }
            for (String node : NODES) {
                double seconds = run.starts().get(node).toMillis() / 1000.0;
                table.add(node + " node, start to ready, " + run.mining(), Table.number(seconds, 1) + " s", Table.Target.below(5, seconds, " s"),
                        "restarted after the verification load, /actuator/health/readiness UP; " + run.chain());
            }
            StartProfile profiled = run.startProfile();
            table.add(profiled.node() + " node's start, profiled, " + run.mining(), profiled.samples().count() + " samples",
                    Table.number(profiled.startToReady().toMillis() / 1000.0, 1) + " s to ready with the flight recorder on; "
                            + profiled.samples().describe());
            List<String> others = new ArrayList<>();
            run.others().forEach((name, m) -> others.add(name + " " + mib(m.pssKib()) + " PSS (" + mib(m.rssKib()) + " RSS)"));
            table.add("others at the end", others.size() + " processes", String.join("; ", others));
        }
    }

    private static String mib(long kib) {
        return Table.number(kib / 1024.0, 0) + " MiB";
    }
}
