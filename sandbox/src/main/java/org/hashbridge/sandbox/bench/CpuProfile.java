package org.hashbridge.sandbox.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the machine's CPU goes while a load runs: the CPU time of each process tree that takes part (a node, its
 * PostgreSQL, anvil), read from Linux's /proc before and after, per request; and, inside the node's JVM, a Java
 * Flight Recorder profile whose samples are put down to the library the running code belongs to. This is what the
 * benchmark gives as "what bounds it": a target the run missed is bounded by whichever part takes the CPU.
 */
final class CpuProfile {

    /**
     * CPU time per request of each part, the machine's busy share over the run, and the node's samples (null when
     * the run was not recorded).
     */
    record Result(Map<String, Double> millisPerRequest, double machineBusy, Samples samples) {

        /** "node 2.10 ms, PostgreSQL 1.30 ms, ...": each part's CPU per request. */
        String perRequest() {
            List<String> parts = new ArrayList<>();
            millisPerRequest.forEach((part, ms) -> parts.add(part + " " + Table.number(ms, 2) + " ms"));
            return String.join(", ", parts);
        }
    }

    /** A flight recording's execution samples: by layer, and by HashBridge method on the stack, as shares. */
    record Samples(Map<String, Double> layers, Map<String, Double> methods, int count) {

        /** "Tomcat 30%, ...": by layer, largest first, then the HashBridge methods most often on the stack. */
        String describe() {
            return "by the library running: " + shares(layers)
                    + (methods.isEmpty() ? "" : "; HashBridge methods on the stack: " + shares(methods));
        }

        private static String shares(Map<String, Double> shares) {
            List<String> parts = new ArrayList<>();
            shares.forEach((name, share) -> parts.add(name + " " + Table.number(share * 100, 0) + "%"));
            return String.join(", ", parts);
        }
    }

    /**
     * The layer code belongs to, by package, looked up from the top of a stack down: the first frame outside the JDK
     * names the layer, so the JDK's collections or crypto count towards whoever called them.
     */
    private static final Map<String, String> LAYERS = layers();

    private static final long TICKS_PER_SECOND = 100; // USER_HZ of /proc/stat on Linux

    /** The JDK's recording settings made to run always in production: samples every 20 ms, few events besides. */
    private static final String SETTINGS = "default";

    private final Map<String, ProcessHandle> parts;
    private final ProcessHandle jvm;
    private final Path recording;
    private final Map<String, Long> cpuBefore;
    private final long machineBusyBefore;
    private final long machineTotalBefore;
    private final long startedNanos;

    private CpuProfile(Map<String, ProcessHandle> parts, ProcessHandle jvm, Path recording) {
        this.parts = parts;
        this.jvm = jvm;
        this.recording = recording;
        if (recording != null) {
            jcmd(jvm, "JFR.start", "name=benchmark", "settings=" + SETTINGS, "filename=" + recording);
        }
        this.cpuBefore = cpuNow();
        long[] machine = machineTicks();
        this.machineBusyBefore = machine[0];
        this.machineTotalBefore = machine[1];
        this.startedNanos = System.nanoTime();
    }

    /**
     * Starts watching: the CPU of each of {@code parts} (process trees, by name) and, unless {@code recording} is
     * null, a flight recording in {@code jvm}, one of them, written to {@code recording}. A recording slows what it
     * records (its stack walks, and the events of threads waiting), so a run whose throughput counts is watched
     * without one.
     */
    static CpuProfile start(Map<String, ProcessHandle> parts, ProcessHandle jvm, Path recording) {
        return new CpuProfile(new LinkedHashMap<>(parts), jvm, recording);
    }

    /** Stops watching; {@code requests} is how many requests the load answered meanwhile. */
    Result stop(long requests) {
        Map<String, Long> cpuAfter = cpuNow();
        long[] machine = machineTicks();
        long elapsed = System.nanoTime() - startedNanos;
        if (recording != null) {
            jcmd(jvm, "JFR.stop", "name=benchmark");
        }
        Map<String, Double> perRequest = new LinkedHashMap<>();
        long accounted = 0;
        for (String part : parts.keySet()) {
            long nanos = cpuAfter.get(part) - cpuBefore.get(part);
            accounted += nanos;
            perRequest.put(part, nanos / 1e6 / Math.max(1, requests));
        }
        long busyNanos = (machine[0] - machineBusyBefore) * (TimeUnit.SECONDS.toNanos(1) / TICKS_PER_SECOND);
        perRequest.put("rest (wrk, this benchmark, others)", Math.max(0, busyNanos - accounted) / 1e6 / Math.max(1, requests));
        double busy = (double) (machine[0] - machineBusyBefore) / Math.max(1, machine[1] - machineTotalBefore);
        return new Result(perRequest, elapsed > 0 ? busy : Double.NaN, recording == null ? null : samples(recording));
    }

    private Map<String, Long> cpuNow() {
        Map<String, Long> cpu = new HashMap<>();
        parts.forEach((part, root) -> cpu.put(part, Stream.concat(Stream.of(root), root.descendants())
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum()));
        return cpu;
    }

    /** Busy and total ticks of all cores, from the first line of /proc/stat. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle, iowait
            return new long[] {total - idle, total};
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/stat", e);
        }
    }

    /**
     * The JVM options that record a node's start, from its launch, into {@code recording}; {@link #ofStart} reads it
     * once the node is ready.
     */
    static List<String> recordingStart(Path recording) {
        return List.of("-XX:StartFlightRecording=name=start,settings=" + SETTINGS + ",filename=" + recording);
    }

    /** Ends the recording {@link #recordingStart} began in {@code jvm} and reads its samples. */
    static Samples ofStart(ProcessHandle jvm, Path recording) {
        jcmd(jvm, "JFR.stop", "name=start");
        return samples(recording);
    }

    /** The recording's execution samples, by layer and by HashBridge method on the stack, as shares. */
    private static Samples samples(Path recording) {
        Map<String, Integer> layers = new HashMap<>();
        Map<String, Integer> methods = new HashMap<>();
        int count = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                count++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                layers.merge(layer(frames), 1, Integer::sum);
                Set<String> onStack = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String type = frame.getMethod().getType().getName();
                    if (type.startsWith("org.hashbridge.") && !type.contains("$$")) { // not a lambda's or a proxy's class
                        onStack.add(type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName());
                    }
                }
                onStack.forEach(m -> methods.merge(m, 1, Integer::sum));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the flight recording " + recording, e);
        }
        return new Samples(largestFirst(layers, count, 10), largestFirst(methods, count, 8), count);
    }

    private static String layer(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> layer : LAYERS.entrySet()) {
                if (type.startsWith(layer.getKey())) {
                    return layer.getValue();
                }
            }
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.") && !type.startsWith("javax.")) {
                return "other libraries";
            }
        }
        return "JDK alone";
    }

    private static Map<String, Double> largestFirst(Map<String, Integer> counts, int total, int most) {
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(most)
                .forEach(e -> shares.put(e.getKey(), (double) e.getValue() / Math.max(1, total)));
        return shares;
    }

    private static void jcmd(ProcessHandle jvm, String... command) {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        List<String> line = new ArrayList<>(List.of(java.resolveSibling("jcmd").toString(), Long.toString(jvm.pid())));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0 || output.contains("Could not") || output.contains("Exception")) {
                throw new IllegalStateException(String.join(" ", line) + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run jcmd", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jcmd", e);
        }
    }

    private static Map<String, String> layers() {
        Map<String, String> layers = new LinkedHashMap<>();
        layers.put("org.postgresql.", "PostgreSQL driver");
        layers.put("org.hibernate.", "Hibernate");
        layers.put("jakarta.persistence.", "Hibernate");
        layers.put("org.springframework.orm.", "Spring Data JPA");
        layers.put("org.springframework.data.", "Spring Data JPA");
        layers.put("com.zaxxer.hikari.", "connection pool");
        layers.put("org.springframework.jdbc.", "Spring JDBC");
        layers.put("org.springframework.transaction.", "Spring transactions");
        layers.put("org.springframework.security.", "Spring Security");
        layers.put("org.springframework.", "Spring MVC and core");
        layers.put("org.apache.catalina.", "Tomcat");
        layers.put("org.apache.coyote.", "Tomcat");
        layers.put("org.apache.tomcat.", "Tomcat");
        layers.put("tools.jackson.", "Jackson");
        layers.put("com.fasterxml.jackson.", "Jackson");
        layers.put("org.bouncycastle.", "Bouncy Castle");
        layers.put("com.nimbusds.", "Nimbus JOSE");
        layers.put("org.web3j.", "web3j");
        layers.put("okhttp3.", "web3j");
        layers.put("ch.qos.logback.", "logging");
        layers.put("org.slf4j.", "logging");
        layers.put("com.github.benmanes.caffeine.", "Caffeine");
        layers.put("org.hashbridge.", "HashBridge");
        return layers;
    }
}
