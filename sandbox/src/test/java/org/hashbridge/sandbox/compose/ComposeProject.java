package org.hashbridge.sandbox.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * docker-compose.yml run by the {@code docker compose} command as docs/deployment.md tells an operator to, in a
 * copy of the files it is built from (so that its deploy/generated is not the developer's), under a project
 * name of its own (so that its volumes are not either), with an override file of the test's.
 */
final class ComposeProject implements AutoCloseable {

    private final Path directory;
    private final String name = "hashbridge-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final Path log;

    private ComposeProject(Path directory) {
        this.directory = directory;
        this.log = directory.resolve("compose.log");
    }

    /**
     * Copies docker-compose.yml, deploy/, the Dockerfiles and the jars the images are built from.
     *
     * @throws IllegalStateException when a jar is missing: build them first ({@code ./mvnw -DskipTests package})
     */
    static ComposeProject copyOf(Deployment deployment, Map<String, String> overrideFiles) {
        Path root = deployment.root();
        try {
            Path directory = Files.createTempDirectory("hashbridge-compose-");
            for (String file : List.of("docker-compose.yml", ".dockerignore", "deploy/node/Dockerfile",
                    "deploy/operator/Dockerfile", "deploy/generate.sh", "deploy/deploy.sh", "deploy/generated-files",
                    "deploy/generated/.gitignore", "deploy/besu/config.toml", "deploy/besu/qbft-config.json",
                    "deploy/besu/validators", "deploy/prometheus/prometheus.yml")) {
                copy(root.resolve(file), directory.resolve(file));
            }
            copy(jar(root, "sz-node/target", "sz-node-", "-exec.jar"), directory.resolve("sz-node/target/sz-node-it-exec.jar"));
            copy(jar(root, "hk-node/target", "hk-node-", "-exec.jar"), directory.resolve("hk-node/target/hk-node-it-exec.jar"));
            copy(jar(root, "operator-tool/target", "hashbridge-operator.jar", ""),
                    directory.resolve("operator-tool/target/hashbridge-operator.jar"));
            for (var file : overrideFiles.entrySet()) {
                Files.createDirectories(directory.resolve(file.getKey()).getParent());
                Files.writeString(directory.resolve(file.getKey()), file.getValue());
            }
            return new ComposeProject(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first file of {@code folder} whose name starts with {@code prefix} and ends with {@code suffix}. */
    private static Path jar(Path root, String folder, String prefix, String suffix) {
        try (Stream<Path> files = Files.list(root.resolve(folder))) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(suffix))
                    .sorted().findFirst().orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("no " + prefix + "*" + suffix + " in " + folder
                    + ": build the jars first (./mvnw -DskipTests package)", e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
    }

    /** Runs {@code docker compose <arguments>} with docker-compose.yml and the override file, and waits for it. */
    void run(Duration within, String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker", "compose", "--project-name", name,
                "--file", "docker-compose.yml", "--file", "compose.it.yml"));
        command.addAll(List.of(arguments));
        String output = execute(command, within);
        if (output != null) {
            throw new IllegalStateException(String.join(" ", command) + " failed; its output:\n" + output);
        }
    }

    /** The health Docker reports for a service's container: starting, healthy or unhealthy. */
    String health(String service) {
        try {
            Process ids = new ProcessBuilder("docker", "compose", "--project-name", name, "--file", "docker-compose.yml",
                    "--file", "compose.it.yml", "ps", "--quiet", service).directory(directory.toFile()).start();
            String id = new String(ids.getInputStream().readAllBytes()).strip();
            Process inspect = new ProcessBuilder("docker", "inspect", "--format", "{{.State.Health.Status}}", id).start();
            return new String(inspect.getInputStream().readAllBytes()).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void awaitHealthy(Duration within, String... services) {
        Instant deadline = Instant.now().plus(within);
        for (String service : services) {
            while (!health(service).equals("healthy")) {
                if (Instant.now().isAfter(deadline)) {
                    run(Duration.ofMinutes(1), "logs", "--no-color", "--tail", "200");
                    throw new IllegalStateException(service + " is not healthy after " + within + "; logs in " + log);
                }
                pause();
            }
        }
    }

    /** Null when the command succeeded, else what it printed. */
    private String execute(List<String> command, Duration within) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(within.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "still running after " + within + "; see " + log;
            }
            return process.exitValue() == 0 ? null : Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Removes the containers, networks and volumes, then the generated files (owned by the images' users, so
     * removed from inside the generate image, which runs as root), then the copy.
     */
    @Override
    public void close() {
        run(Duration.ofMinutes(5), "down", "--volumes", "--remove-orphans");
        run(Duration.ofMinutes(2), "run", "--rm", "--no-deps", "--entrypoint", "/bin/bash", "generate", "-c",
                "rm -rf /hashbridge/generated/* /hashbridge/generated/.besu");
        run(Duration.ofMinutes(1), "down", "--volumes");
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
