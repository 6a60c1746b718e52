package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code scripts/demo.sh}, the README's story in both directions, run as a new integrator runs it: a process
 * of its own, given the sandbox's {@code sandbox.json}, with curl, jq and the bank CLI.
 */
@ExtendWith(SandboxExtension.class)
class DemoScriptIT {

    private final Sandbox sandbox;

    @TempDir
    Path dir;

    DemoScriptIT(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Test
    void bothDirectionsEndVerified() throws Exception {
        Script run = run(sandbox.descriptor());

        assertThat(run.exit()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("northbound: hk.transunion anchors at the hk node",
                "southbound: cn.baihang anchors at the sz node", "HK-A1234567 sees both checks by cn.abc-shenzhen",
                "CN-440300199001011234 sees both checks by hk.fusion-bank");
        assertThat(run.out()).endsWith("northbound: VERIFIED\nsouthbound: VERIFIED\n");
        assertThat(run.err()).isEmpty();
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("its temporary directory is removed")
                    .containsExactlyInAnyOrder("out.txt", "err.txt");
        }
    }

    @Test
    void anUnexpectedAnswerStopsItLoudly() throws Exception {
        ObjectNode descriptor = (ObjectNode) Api.JSON.readTree(Files.readString(sandbox.descriptor()));
        ((ObjectNode) descriptor.path("institutions").path("hk.transunion")).put("apiKey", "hbk_not-a-key-of-this-node");
        Path edited = Files.writeString(dir.resolve("sandbox.json"), Api.JSON.writeValueAsString(descriptor));

        Script run = run(edited);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("demo: POST ").contains("/api/v1/anchors answered 401", "UNKNOWN_CREDENTIAL");
        assertThat(run.out()).doesNotContain("VERIFIED");
    }

    private record Script(int exit, String out, String err) {
    }

    private Script run(Path descriptor) throws IOException, InterruptedException {
        Path script = SandboxExtension.repositoryRoot().resolve("scripts/demo.sh");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), descriptor.toString());
        // the bank CLI runs on this test's Java
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("TMPDIR", dir.toString());
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("demo.sh did not finish within 5 min: " + Files.readString(out));
        }
        return new Script(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
