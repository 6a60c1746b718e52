package org.hashbridge.sandbox;

import java.nio.file.Path;

/**
 * Where and how to start the sandbox.
 *
 * @param root      the repository root, where {@code node_modules} holds anvil
 * @param home      where the sandbox keeps its state and writes {@code sandbox.json}
 * @param szPort    the Shenzhen node's HTTP port, 0 for any free port
 * @param hkPort    the Hong Kong node's HTTP port, 0 for any free port
 * @param chainPort anvil's port, 0 for any free port
 */
public record SandboxOptions(Path root, Path home, int szPort, int hkPort, int chainPort) {

    /** State in {@code <root>/.hashbridge}, fixed ports for people: chain 8545, Shenzhen 8081, Hong Kong 8082. */
    public static SandboxOptions interactive(Path root) {
        return new SandboxOptions(root, root.resolve(".hashbridge"), 8081, 8082, 8545);
    }

    /** State in {@code home}, free ports everywhere: for tests, beside a running interactive sandbox. */
    public static SandboxOptions ephemeral(Path root, Path home) {
        return new SandboxOptions(root, home, 0, 0, 0);
    }
}
