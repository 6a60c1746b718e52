package org.hashbridge.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.hashbridge.node.chain.LocalChain;

/**
 * An anvil chain of a test's own, with a state file, that the test can stop under running nodes and start again
 * on the same port with the same state, so the nodes find the same registry where they left it.
 */
final class StoppableChain implements AutoCloseable {

    private final Path anvil;
    private final Path stateFile;
    private final int port;
    private LocalChain chain;

    private StoppableChain(Path anvil, Path stateFile, int port) {
        this.anvil = anvil;
        this.stateFile = stateFile;
        this.port = port;
        startAgain();
    }

    /** A chain on a free loopback port, its state kept in {@code dir}. */
    static StoppableChain start(Path dir) {
        return new StoppableChain(LocalChain.findAnvil(SandboxExtension.repositoryRoot()), dir.resolve("anvil-state.json"),
                freePort());
    }

    /** Both nodes on this chain, their state in {@code dir}. */
    Sandbox sandbox(Path dir) {
        return Sandbox.startOn(chain.rpcUrl(), SandboxOptions.ephemeral(SandboxExtension.repositoryRoot(), dir.resolve("home")));
    }

    void stop() {
        chain.close();
    }

    void startAgain() {
        chain = LocalChain.start(anvil, port, stateFile);
    }

    @Override
    public void close() {
        chain.close();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
