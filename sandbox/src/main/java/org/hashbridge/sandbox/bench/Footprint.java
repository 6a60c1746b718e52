package org.hashbridge.sandbox.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Memory of processes, read from Linux's /proc. */
final class Footprint {

    /** Resident and proportional set sizes in KiB, summed over a process and its descendants. */
    record ProcessMemory(int processes, long rssKib, long pssKib) {
    }

    private Footprint() {
    }

    /**
     * The process anywhere on the machine whose command line contains {@code marker}, such as a data
     * directory unique to this run, with its children. (PostgreSQL's pg_ctl detaches the server from us.)
     */
    static Optional<ProcessMemory> anyProcess(String marker) {
        return anyProcessHandle(marker).map(Footprint::withDescendants);
    }

    /** The process {@link #anyProcess} reads, itself. */
    static Optional<ProcessHandle> anyProcessHandle(String marker) {
        return find(ProcessHandle.allProcesses(), marker);
    }

    /** Like {@link #anyProcess}, among the processes this JVM started. */
    static Optional<ProcessMemory> ownProcess(String marker) {
        return ownProcessHandle(marker).map(Footprint::withDescendants);
    }

    /** The process {@link #ownProcess} reads, itself. */
    static Optional<ProcessHandle> ownProcessHandle(String marker) {
        return find(ProcessHandle.current().descendants(), marker);
    }

    private static Optional<ProcessHandle> find(Stream<ProcessHandle> candidates, String marker) {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return Optional.empty();
        }
        return candidates
                .filter(p -> p.info().commandLine().map(cmd -> cmd.contains(marker)).orElse(false))
                .filter(p -> p.parent().map(parent -> !parent.info().commandLine().orElse("").contains(marker)).orElse(true))
                .findFirst();
    }

    /** {@code root} and its descendants, now. */
    static ProcessMemory withDescendants(ProcessHandle root) {
        List<ProcessHandle> all = Stream.concat(Stream.of(root), root.descendants()).toList();
        long rss = all.stream().mapToLong(p -> kib(p, "status", "VmRSS:")).sum();
        long pss = all.stream().mapToLong(p -> kib(p, "smaps_rollup", "Pss:")).sum();
        return new ProcessMemory(all.size(), rss, pss);
    }

    private static long kib(ProcessHandle process, String file, String field) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(process.pid()), file))) {
            return lines.filter(l -> l.startsWith(field)).findFirst()
                    .map(l -> Long.parseLong(l.substring(field.length()).replace("kB", "").trim())).orElse(0L);
        } catch (IOException | java.io.UncheckedIOException | NumberFormatException e) {
            // the process ended meanwhile, or the kernel has no such file: it counts as nothing
            return 0;
        }
    }
}
