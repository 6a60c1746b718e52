package org.hashbridge.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One operator node run as its own operating-system process from its executable jar
 * ({@code sz-node/target/sz-node-…-exec.jar}), as an operator runs it: configured by command-line settings only,
 * its output appended to a log file. {@link #kill()} ends it the way a power cut or {@code kill -9} would.
 */
final class NodeProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;
    private final long launched;
    private final NodeRuntime runtime;
    private final Path recording;
    private Duration startToReady;

    private NodeProcess(Process process, int port, Path log, long launched, NodeRuntime runtime, Path recording) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.launched = launched;
        this.runtime = runtime;
        this.recording = recording;
    }

    /**
     * Starts the jar and waits until the node is ready (its readiness probe answers UP on {@code port}).
     *
     * @param port a fixed port, or 0 for a free one
     * @param jvm        the JVM's options, given before {@code -jar}, and its environment
     * @param jvmOptions more options, after {@code jvm}'s
     * @throws IllegalStateException when the jar is missing, or the node exits or does not answer in time
     */
    static NodeProcess start(Path jar, int port, SandboxOptions.NodeJvm jvm, List<String> jvmOptions, List<String> settings,
                             Path log) {
        return start(jar, port, jvm, jvmOptions, settings, Map.of(), log);
    }

    /**
     * Like {@link #start(Path, int, SandboxOptions.NodeJvm, List, List, Path)}, with {@code environment} added to the
     * process's environment: how a production node takes its settings.
     */
    static NodeProcess start(Path jar, int port, SandboxOptions.NodeJvm jvm, List<String> jvmOptions, List<String> settings,
                             Map<String, String> environment, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no node jar at " + jar + ": build it first (./mvnw -DskipTests package)");
        }
        int chosen = port != 0 ? port : freePort();
        NodeRuntime runtime = NodeRuntime.of(jar);
        Path recording = runtime.recording();
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(jvm.options());
        // JDK 17 crashes (SIGSEGV in KlassFactory::check_shared_class_file_load_hook) when a flight recording starts
        // with the JVM over a dynamic class data sharing archive: a recorded start runs without the archive
        boolean flightRecorded = Stream.concat(jvm.options().stream(), jvmOptions.stream())
                .anyMatch(option -> option.startsWith("-XX:StartFlightRecording"));
        command.addAll(flightRecorded ? List.of() : runtime.jvmOptions(recording));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", runtime.jar().toString(), "--server.port=" + chosen));
        command.addAll(settings);
        try {
            Files.createDirectories(log.getParent());
            long launched = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(jvm.environment());
            builder.environment().putAll(environment);
            Process process = builder.start();
            NodeProcess node = new NodeProcess(process, chosen, log, launched, runtime, recording);
            node.awaitReady();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    /**
     * Runs the jar until it ends by itself, as an operator's command line would: for a start that must be refused,
     * or {@code --help}.
     *
     * @param directory its working directory
     * @throws IllegalStateException when it has not ended within {@code timeout} (it is killed then)
     */
    static Ended runToEnd(Path jar, List<String> arguments, Path directory, Duration timeout) {
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(SandboxOptions.NodeJvm.TEST.options());
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(arguments);
        try {
            Files.createDirectories(directory);
            Path out = Files.createTempFile(directory, "stdout", ".log");
            Path err = Files.createTempFile(directory, "stderr", ".log");
            long launched = System.nanoTime();
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(jar + " " + arguments + " still ran after " + timeout.toSeconds() + " s: "
                        + Files.readString(out));
            }
            return new Ended(process.exitValue(), Files.readString(out), Files.readString(err),
                    Duration.ofNanos(System.nanoTime() - launched));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + jar, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + jar + " ran", e);
        }
    }

    /** How a process that ran to its end ended: its exit code, its standard output and error, how long it ran. */
    record Ended(int exitCode, String output, String error, Duration took) {
    }

    /**
     * The executable jar of a node module, as {@code ./mvnw package} builds it.
     *
     * @param module {@code sz-node} or {@code hk-node}
     * @throws IllegalStateException when it is not built
     */
    static Path jar(Path root, String module) {
        try (var files = Files.list(root.resolve(module).resolve("target"))) {
            return files.filter(f -> f.getFileName().toString().matches(module + "-.*-exec\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + module + " jar: run ./mvnw -DskipTests package"));
        } catch (IOException e) {
            throw new IllegalStateException("no " + module + " jar: run ./mvnw -DskipTests package", e);
        }
    }

    int port() {
        return port;
    }

    /** From launching the process until its readiness probe first answered UP. */
    Duration startToReady() {
        return startToReady;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Ends the process at once, with no shutdown of any kind (SIGKILL), and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
        runtime.keep(recording);
    }

    /** Asks the node to shut down (SIGTERM) and waits; kills it if it has not stopped within 30 s. */
    @Override
    public void close() {
        process.destroy();
        if (!awaitExit(Duration.ofSeconds(60))) {
            kill();
        }
        runtime.keep(recording);
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
    }

    private void awaitReady() {
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the node exited with " + process.exitValue() + " while starting: " + tail());
            }
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    startToReady = Duration.ofNanos(System.nanoTime() - launched);
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                interrupted();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                interrupted();
            }
        }
        close();
        throw new IllegalStateException("the node was not ready within " + START_TIMEOUT.toSeconds() + " s: " + tail());
    }

    /** The end of the node's log, for a failure's message. */
    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return log + ", ending:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return log + " (unreadable: " + e.getMessage() + ")";
        }
    }

    private void interrupted() {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("interrupted while the node started");
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
