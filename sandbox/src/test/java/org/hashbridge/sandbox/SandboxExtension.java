package org.hashbridge.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One sandbox (chain + both nodes) for all the integration tests of a run, started on first use on
 * free ports with its state under {@code target/}, and stopped when the run ends.
 */
final class SandboxExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Sandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, k -> new Running(), Running.class).sandbox;
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("package.json"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run the tests inside the repository");
        }
        return dir;
    }

    private static final class Running implements AutoCloseable {
        final Sandbox sandbox;

        Running() {
            Path root = repositoryRoot();
            this.sandbox = Sandbox.start(SandboxOptions.ephemeral(root, root.resolve("sandbox/target/it-sandbox")));
        }

        @Override
        public void close() {
            sandbox.close();
        }
    }
}
