package org.hashbridge.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A node's executable jar laid out the way docs/operations.md advises an operator to run it for a fast start:
 * extracted by Spring Boot's own tool ({@code java -Djarmode=tools -jar node.jar extract}) into a plain jar
 * beside its libraries, with a class data sharing archive of the classes a start loads (JDK 17's dynamic CDS
 * archive). The first start of a layout records the archive as the node exits; every start after maps it,
 * which roughly halves the CPU a start takes on two cores.
 *
 * <p>The layout lives beside the jar, under {@code target/runtime/<jar name>/}, and is made again whenever the
 * jar is newer than it. An archive that does not match the layout is ignored by the JVM, never trusted.
 */
final class NodeRuntime {

    private static final String ARCHIVE = "node.jsa";

    private final Path jar;
    private final Path archive;

    private NodeRuntime(Path jar, Path archive) {
        this.jar = jar;
        this.archive = archive;
    }

    /**
     * The extracted layout of {@code executableJar}, made now when missing or older than the jar.
     *
     * @throws IllegalStateException when the extraction fails
     */
    static synchronized NodeRuntime of(Path executableJar) {
        String name = executableJar.getFileName().toString();
        Path directory = executableJar.toAbsolutePath().getParent().resolve("runtime").resolve(name.replaceFirst("\\.jar$", ""));
        Path extracted = directory.resolve(name);
        try {
            FileTime built = Files.getLastModifiedTime(executableJar);
            if (!Files.isRegularFile(extracted) || Files.getLastModifiedTime(extracted).compareTo(built) < 0) {
                extract(executableJar, directory);
                Files.setLastModifiedTime(extracted, built);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out " + executableJar + " in " + directory, e);
        }
        return new NodeRuntime(extracted, directory.resolve(ARCHIVE));
    }

    /** The jar to start with {@code -jar}. */
    Path jar() {
        return jar;
    }

    /**
     * The JVM options of one start: map the archive when there is one, otherwise record one into {@code recording}
     * (a file of this start's own, which {@link #keep} moves into place once the node has exited).
     */
    List<String> jvmOptions(Path recording) {
        return Files.isRegularFile(archive)
                ? List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off")
                : List.of("-XX:ArchiveClassesAtExit=" + recording, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** A file for a start to record its archive into. */
    Path recording() {
        return archive.resolveSibling(ARCHIVE + "." + UUID.randomUUID() + ".tmp");
    }

    /** Moves an archive a start recorded at its exit into place, unless another start's already is. */
    void keep(Path recording) {
        try {
            if (Files.isRegularFile(recording) && !Files.exists(archive)) {
                try {
                    Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(recording, archive);
                }
            }
            Files.deleteIfExists(recording);
        } catch (IOException e) {
            // a start without the archive is only slower: the next one records it again
        }
    }

    private static void extract(Path executableJar, Path directory) throws IOException {
        deleteTree(directory);
        Files.createDirectories(directory);
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djarmode=tools", "-jar", executableJar.toString(), "extract", "--destination", directory.toString(), "--force")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("extracting " + executableJar + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while extracting " + executableJar, e);
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
