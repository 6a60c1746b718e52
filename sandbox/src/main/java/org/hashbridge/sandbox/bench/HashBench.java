package org.hashbridge.sandbox.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bank hashing a large document with {@code hashbridge-bank hash FILE}, the command line as a user runs it (a
 * process, JVM start included), beside {@code openssl dgst -sha256} and {@code sha256sum} on the same file, the
 * page cache warm. Every tool must print the same digest.
 */
final class HashBench {

    private static final int MIB = 1 << 20;
    private static final Pattern DIGEST = Pattern.compile("\\b[0-9a-f]{64}\\b");

    private HashBench() {
    }

    static void run(Table table, BenchmarkOptions options) {
        Path directory = options.root().resolve("sandbox/target/benchmark").toAbsolutePath();
        Path file = document(directory.resolve("document-" + options.hashMib() + "m.bin"), options.hashMib());
        Path empty = document(directory.resolve("document-0m.bin"), 0);
        List<String> cli = cli(options.root());
        Map<String, List<String>> tools = new LinkedHashMap<>();
        tools.put("openssl dgst -sha256", List.of("openssl", "dgst", "-sha256", file.toString()));
        tools.put("sha256sum", List.of("sha256sum", file.toString()));
        tools.put("hashbridge-bank hash", concat(cli, "hash", file.toString()));
        tools.put("hashbridge-bank hash, empty file", concat(cli, "hash", empty.toString()));
        warm(file);
        Map<String, double[]> seconds = new LinkedHashMap<>();
        tools.keySet().forEach(tool -> seconds.put(tool, new double[options.hashRuns()]));
        String expected = null;
        for (int run = 0; run < options.hashRuns(); run++) {
            for (var tool : tools.entrySet()) {
                long start = System.nanoTime();
                String digest = digest(tool.getValue());
                seconds.get(tool.getKey())[run] = (System.nanoTime() - start) / 1e9;
                if (!tool.getKey().endsWith("empty file")) {
                    if (expected != null && !expected.equals(digest)) {
                        throw new IllegalStateException(tool.getKey() + " printed " + digest + ", another tool " + expected);
                    }
                    expected = digest;
                }
            }
        }
        report(table, options, seconds, String.join(" ", cli));
    }

    private static void report(Table table, BenchmarkOptions options, Map<String, double[]> seconds, String cli) {
        table.section("5. Hashing a " + Table.number(options.hashMib(), 0) + " MiB file (SHA-256, page cache warm, best and median of "
                + options.hashRuns() + " runs, each a process)");
        seconds.forEach((tool, times) -> {
            Arrays.sort(times);
            table.add(tool, Table.number(times[0], 2) + " s", "median " + Table.number(median(times), 2) + " s"
                    + (tool.endsWith("empty file") ? "; the JVM's start and the command's own" : "; best "
                    + Table.number(options.hashMib() / times[0], 0) + " MiB/s"));
        });
        double[] openssl = seconds.get("openssl dgst -sha256");
        double[] bank = seconds.get("hashbridge-bank hash");
        double best = openssl[0] / bank[0];
        table.add("hashbridge-bank against openssl", Table.number(best, 2) + "x", Table.Target.atLeast(0.9, best, "x"),
                "best against best; median against median " + Table.number(median(openssl) / median(bank), 2) + "x; ran "
                        + cli);
    }

    private static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    /** The command line as a user runs it: {@code bank-client/hashbridge-bank}, the launcher of the jar it built. */
    private static List<String> cli(Path root) {
        Path launcher = root.resolve("bank-client/hashbridge-bank").toAbsolutePath();
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("no executable launcher " + launcher);
        }
        return List.of(launcher.toString());
    }

    /** A file of {@code mib} MiB of pseudo-random bytes, made once and kept for later runs. */
    private static Path document(Path file, int mib) {
        try {
            if (Files.exists(file) && Files.size(file) == (long) mib * MIB) {
                return file;
            }
            Files.createDirectories(file.getParent());
            Table.progress("writing " + mib + " MiB to " + file);
            SplittableRandom random = new SplittableRandom(mib);
            byte[] chunk = new byte[MIB];
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int i = 0; i < mib; i++) {
                    for (int j = 0; j < MIB; j += 8) {
                        long bits = random.nextLong();
                        for (int k = 0; k < 8; k++) {
                            chunk[j + k] = (byte) (bits >>> (8 * k));
                        }
                    }
                    out.write(chunk);
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads the file once, so that every tool finds it in the page cache. */
    private static void warm(Path file) {
        byte[] buffer = new byte[MIB];
        try (InputStream in = Files.newInputStream(file)) {
            while (in.read(buffer) != -1) {
                // only the reading counts
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Runs a tool, answers the digest it printed. */
    private static String digest(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher digest = DIGEST.matcher(output);
            if (process.waitFor() != 0 || !digest.find()) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return digest.group();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
