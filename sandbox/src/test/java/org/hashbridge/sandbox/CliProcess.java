package org.hashbridge.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The bank-client CLI run as a separate process, as a bank's or an issuer's back office runs it. */
final class CliProcess {

    record Run(int exit, String out, String err) {
    }

    private CliProcess() {
    }

    /**
     * Runs {@code hashbridge-bank args} with {@code HASHBRIDGE_API_KEY} set to {@code apiKey}, its output
     * kept in files of {@code folder}.
     */
    static Run run(Path folder, String apiKey, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", cliJar().toString()));
        command.addAll(List.of(args));
        return run(folder, new ProcessBuilder(command), Map.of("HASHBRIDGE_API_KEY", apiKey));
    }

    /**
     * Runs {@code hashbridge-bank args} through its launcher, {@code bank-client/hashbridge-bank}, on this JVM's Java,
     * with {@code environment} added to this process's.
     */
    static Run launch(Path folder, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        cliJar();
        List<String> command = new ArrayList<>(List.of("sh",
                SandboxExtension.repositoryRoot().resolve("bank-client/hashbridge-bank").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return run(folder, builder, environment);
    }

    private static Run run(Path folder, ProcessBuilder builder, Map<String, String> environment)
            throws IOException, InterruptedException {
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(folder, "out", ".txt");
        Path err = Files.createTempFile(folder, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the CLI did not finish within 120 s");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Path cliJar() throws IOException {
        Path target = SandboxExtension.repositoryRoot().resolve("bank-client/target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-cli.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("build bank-client first: no *-cli.jar in " + target));
        }
    }
}
