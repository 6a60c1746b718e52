package org.hashbridge.sandbox.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Prints HashBridge's figures as one table, and writes them as JSON to
 * {@code sandbox/target/benchmark/benchmark.json}: the protocol core on one thread; then, on a fresh platform of
 * its own (anvil, both nodes as processes from their jars, on 127.0.0.1 only) once per way of mining blocks,
 * verification and anchoring driven by wrk and by bulk requests, with the nodes' memory and start time; then a
 * bank hashing a large file with the command line against openssl. A figure the issue sets a target for shows it
 * and whether it was met. A measurement, not a test: it fails only when the load went wrong (a tool missing, a
 * node that would not start), never on a figure. docs/performance.md says how to run it and how to read it.
 *
 * <p>Arguments: see {@link BenchmarkOptions}.
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) {
        quietNodeLogs();
        BenchmarkOptions options = BenchmarkOptions.parse(args);
        Path out = options.root().resolve("sandbox/target/benchmark").toAbsolutePath().normalize();
        Wrk wrk = options.runs("nodes") ? Wrk.find(out) : null;
        Table table = new Table();
        long started = System.nanoTime();
        Instant at = Instant.now();
        String machine = machine();
        System.out.println("HashBridge benchmark");
        System.out.println(machine);
        if (options.runs("protocol")) {
            ProtocolBench.run(table);
        }
        if (options.runs("nodes")) {
            List<EndToEnd.Footprints> footprints = new ArrayList<>();
            List<List<String>> labels = List.of(List.of("1.", "2."), List.of("3a.", "3b."));
            for (int i = 0; i < options.blockTimes().size(); i++) {
                List<String> label = i < labels.size() ? labels.get(i) : List.of("3" + (char) ('a' + 2 * i - 2) + ".",
                        "3" + (char) ('a' + 2 * i - 1) + ".");
                footprints.add(EndToEnd.run(table, options, wrk, options.blockTimes().get(i), label));
            }
            EndToEnd.report(table, footprints);
        }
        if (options.runs("hash")) {
            HashBench.run(table, options);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String end = String.format(Locale.ROOT, "total run time %.0f s; load average at the end %s", seconds, loadAverage());
        System.out.println();
        System.out.println(machine);
        System.out.print(table.render());
        System.out.println();
        System.out.println("Targets");
        table.targets().forEach(target -> System.out.println("  " + target));
        System.out.println();
        System.out.println(end);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("started", at.toString());
        header.put("machine", machine);
        header.put("options", options.toString());
        header.put("end", end);
        table.writeJson(out.resolve("benchmark.json"), header);
        System.out.println("written to " + out.resolve("benchmark.json"));
    }

    static String machine() {
        Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT, "machine: %d cores, %s, Java %s (%s), %s %s %s; load average at the start %s",
                runtime.availableProcessors(), memory(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), loadAverage());
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                    .map(l -> Table.number(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0, 0) + " GiB of RAM")
                    .orElse("RAM n/a");
        } catch (java.io.IOException e) {
            return "RAM n/a";
        }
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

    /** Keeps the sandbox's own INFO lines out of the figures (the nodes log to files of their own). */
    private static void quietNodeLogs() {
        if (LoggerFactory.getLogger("org.hashbridge") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
