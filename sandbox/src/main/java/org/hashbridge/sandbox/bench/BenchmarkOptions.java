package org.hashbridge.sandbox.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What the benchmark runs, from its arguments: the repository root, then {@code --name=value} options (an
 * argument may hold several, separated by spaces, as Maven passes {@code -Dbenchmark.options}). The defaults
 * are the sizes; smaller ones are for trying the benchmark out.
 *
 * @param root          the repository root (default: the nearest directory above with a package.json)
 * @param parts         which parts run: {@code protocol}, {@code nodes}, {@code hash}
 * @param blockTimes    one end-to-end run per block time, 0 for a block per transaction at once ({@code 0,2})
 * @param connections   the connection counts of the wrk runs ({@code 1,16,64}); the targets are read at the last
 * @param duration      how long each wrk run lasts ({@code 10}, seconds)
 * @param bulkDocuments documents anchored through the bulk call ({@code 100000})
 * @param bulkRequest   documents per bulk request ({@code 10000})
 * @param bulkClients   bulk requests sent at once ({@code 2})
 * @param bulkDeadline  how long the bulk documents may take to be anchored ({@code 900}, seconds)
 * @param hashMib       the size of the file the hashing part hashes ({@code 1024}, MiB)
 * @param hashRuns      runs of each hashing tool ({@code 5})
 */
record BenchmarkOptions(Path root, Set<String> parts, List<Duration> blockTimes, List<Integer> connections,
                        Duration duration, int bulkDocuments, int bulkRequest, int bulkClients, Duration bulkDeadline,
                        int hashMib, int hashRuns) {

    static BenchmarkOptions parse(String[] args) {
        Path root = null;
        var options = new java.util.HashMap<String, String>();
        for (String arg : Arrays.stream(args).flatMap(a -> Arrays.stream(a.strip().split("\\s+"))).toList()) {
            if (arg.isEmpty()) {
                continue;
            }
            if (!arg.startsWith("--")) {
                root = Path.of(arg);
            } else if (arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("an option is --name=value, not " + arg);
            }
        }
        BenchmarkOptions parsed = new BenchmarkOptions(root != null ? root : repositoryRoot(),
                Set.copyOf(list(options.remove("parts"), "protocol,nodes,hash")),
                list(options.remove("block-times"), "0,2").stream().map(s -> Duration.ofSeconds(Long.parseLong(s))).toList(),
                list(options.remove("connections"), "1,16,64").stream().map(Integer::valueOf).toList(),
                Duration.ofSeconds(number(options.remove("duration"), 10)), number(options.remove("bulk-documents"), 100_000),
                number(options.remove("bulk-request"), 10_000), number(options.remove("bulk-clients"), 2),
                Duration.ofSeconds(number(options.remove("bulk-deadline"), 900)), number(options.remove("hash-mib"), 1024),
                number(options.remove("hash-runs"), 5));
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + options.keySet() + "; see BenchmarkOptions");
        }
        return parsed;
    }

    boolean runs(String part) {
        return parts.contains(part);
    }

    /** The connection count the targets are read at: the highest. */
    int targetConnections() {
        return connections.get(connections.size() - 1);
    }

    private static List<String> list(String value, String otherwise) {
        return new ArrayList<>(Arrays.asList((value == null ? otherwise : value).split(",")));
    }

    private static int number(String value, int otherwise) {
        return value == null ? otherwise : Integer.parseInt(value.replace("_", ""));
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
