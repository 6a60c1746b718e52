package org.hashbridge.sandbox.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The external load generator: <a href="https://github.com/wg/wrk">wrk</a>, run as a process with the Lua script
 * {@code load.lua} beside this class, which counts every answer by status (and verdict) and keeps a few receipts.
 */
final class Wrk {

    /** One of the three kinds of request {@code load.lua} sends, with its arguments. */
    record Kind(String name, List<String> arguments) {
        static Kind bare() {
            return new Kind("bare", List.of());
        }

        static Kind verify(Path bodies) {
            return new Kind("verify", List.of(bodies.toString()));
        }

        /** @param run 16 hex digits that no other run of the script uses */
        static Kind anchor(String run, String validUntil) {
            return new Kind("anchor", List.of(run, validUntil));
        }
    }

    /** What one wrk run counted; latencies in microseconds. */
    record Result(int connections, long requests, long durationMicros, long socketErrors, long timeouts,
                  long p50Micros, long p99Micros, long maxMicros, Map<Integer, Long> statuses, long verified,
                  List<String> receipts) {

        double perSecond() {
            return requests * 1e6 / durationMicros;
        }

        long status(int status) {
            return statuses.getOrDefault(status, 0L);
        }

        double p99Millis() {
            return p99Micros / 1000.0;
        }

        String latencies() {
            return "p50 " + Table.number(p50Micros / 1000.0, 1) + " ms, p99 " + Table.number(p99Millis(), 1)
                    + " ms, max " + Table.number(maxMicros / 1000.0, 1) + " ms";
        }

        /** Answers other than {@code expected}, and errors, as "n x what". */
        String others(int expected) {
            List<String> others = new ArrayList<>();
            statuses.forEach((status, n) -> {
                if (status != expected) {
                    others.add(n + " x HTTP " + status);
                }
            });
            if (socketErrors > 0) {
                others.add(socketErrors + " socket errors");
            }
            if (timeouts > 0) {
                others.add(timeouts + " timeouts");
            }
            return String.join(", ", others);
        }
    }

    private final Path executable;
    private final Path script;

    private Wrk(Path executable, Path script) {
        this.executable = executable;
        this.script = script;
    }

    /**
     * Finds wrk on the PATH and copies the Lua script into {@code directory}.
     *
     * @throws IllegalStateException when there is no wrk, saying how to install it
     */
    static Wrk find(Path directory) {
        Path executable = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "wrk")).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("the benchmark drives the nodes with wrk, which is not on "
                        + "the PATH: install it (Debian, Ubuntu: sudo apt-get install wrk) and run the benchmark again"));
        try (InputStream lua = Wrk.class.getResourceAsStream("load.lua")) {
            Files.createDirectories(directory);
            Path script = directory.resolve("load.lua");
            Files.copy(lua, script, StandardCopyOption.REPLACE_EXISTING);
            return new Wrk(executable, script);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the wrk script into " + directory, e);
        }
    }

    /**
     * Runs wrk against {@code baseUrl} for {@code duration} on {@code connections} connections (one thread per
     * connection up to two, the machine's cores being shared with the nodes).
     *
     * @param apiKey the bearer key, or null for none
     */
    Result run(String baseUrl, Kind kind, int connections, Duration duration, String apiKey) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-t", Integer.toString(Math.min(2, connections)),
                "-c", Integer.toString(connections), "-d", duration.toSeconds() + "s", "--timeout", "30s",
                "-s", script.toString(), baseUrl, "--", kind.name()));
        command.addAll(kind.arguments());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (apiKey != null) {
            builder.environment().put("HASHBRIDGE_API_KEY", apiKey);
        }
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("wrk failed: " + output);
            }
            return parse(connections, output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + executable, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Result parse(int connections, String output) {
        Map<String, Long> summary = new TreeMap<>();
        Map<Integer, Long> statuses = new TreeMap<>();
        long verified = 0;
        List<String> receipts = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] words = line.strip().split(" ");
            if (words.length < 2 || !words[0].equals("hb")) {
                continue;
            }
            switch (words[1]) {
                case "summary", "latency" -> {
                    for (int i = 2; i < words.length; i++) {
                        String[] pair = words[i].split("=");
                        summary.put(pair[0], Long.parseLong(pair[1]));
                    }
                }
                case "status" -> statuses.merge(Integer.parseInt(words[2]), Long.parseLong(words[3]), Long::sum);
                case "verified" -> verified += Long.parseLong(words[2]);
                case "receipt" -> receipts.add(words[2]);
                default -> throw new IllegalStateException("unexpected line from load.lua: " + line);
            }
        }
        if (!summary.containsKey("requests")) {
            throw new IllegalStateException("wrk printed no summary: " + output);
        }
        return new Result(connections, summary.get("requests"), summary.get("duration_us"),
                summary.get("connect") + summary.get("read") + summary.get("write"), summary.get("timeout"),
                summary.get("p50_us"), summary.get("p99_us"), summary.get("max_us"), statuses, verified, receipts);
    }
}
