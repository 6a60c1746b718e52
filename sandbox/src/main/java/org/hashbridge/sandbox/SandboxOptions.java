package org.hashbridge.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where and how to start the sandbox.
 *
 * @param root      the repository root, where {@code node_modules} holds anvil
 * @param home      where the sandbox keeps its state and writes {@code sandbox.json}
 * @param szPort    the Shenzhen node's HTTP port, 0 for any free port
 * @param hkPort    the Hong Kong node's HTTP port, 0 for any free port
 * @param chainPort anvil's port, 0 for any free port
 * @param nodeJvm   how the JVM of a node started as its own process runs
 */
public record SandboxOptions(Path root, Path home, int szPort, int hkPort, int chainPort, NodeJvm nodeJvm) {

    /** The JVM a node started as a process runs in, and the environment it is given. */
    public enum NodeJvm {
        /** For tests: a 256 MiB heap and the C1 compiler only, which starts faster and compiles less on a busy machine. */
        TEST(Map.of(), "-Xmx256m", "-XX:TieredStopAtLevel=1"),
        /**
         * As an operator runs a node (docs/operations.md): both JIT compilers (C2 for the long run), a 256 MiB heap,
         * and glibc held to two malloc arenas: by default each of the many threads serving requests at once may get
         * an arena of its own (up to 8 a core), native memory the JVM never gives back.
         */
        OPERATOR(Map.of("MALLOC_ARENA_MAX", "2"), "-Xmx256m");

        private final List<String> options;
        private final Map<String, String> environment;

        NodeJvm(Map<String, String> environment, String... options) {
            this.options = List.of(options);
            this.environment = environment;
        }

        /** The options given to {@code java} before {@code -jar}. */
        public List<String> options() {
            return options;
        }

        /** Variables added to the environment the JVM inherits. */
        public Map<String, String> environment() {
            return environment;
        }
    }

    /** State in {@code <root>/.hashbridge}, fixed ports for people: chain 8545, Shenzhen 8081, Hong Kong 8082. */
    public static SandboxOptions interactive(Path root) {
        return new SandboxOptions(root, root.resolve(".hashbridge"), 8081, 8082, 8545, NodeJvm.TEST);
    }

    /** State in {@code home}, free ports everywhere: for tests, beside a running interactive sandbox. */
    public static SandboxOptions ephemeral(Path root, Path home) {
        return new SandboxOptions(root, home, 0, 0, 0, NodeJvm.TEST);
    }

    /** These options, with nodes started as processes running in {@code jvm}. */
    public SandboxOptions withNodeJvm(NodeJvm jvm) {
        return new SandboxOptions(root, home, szPort, hkPort, chainPort, jvm);
    }
}
