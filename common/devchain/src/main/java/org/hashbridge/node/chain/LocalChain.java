package org.hashbridge.node.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A local anvil chain (chain id 31337 unless asked for another) run as a child process from the repository's
 * {@code node_modules}, listening on loopback only. {@link #close()} stops anvil and the npm wrapper
 * that launches it, and waits for both to exit; a JVM shutdown hook does the same if it is never
 * closed.
 */
public final class LocalChain implements AutoCloseable {

    private static final Path ANVIL = Path.of("node_modules", ".bin", "anvil");
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final Path log;
    private final long chainId;
    private final Thread shutdownHook;

    private LocalChain(Process process, int port, Path log, long chainId) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.chainId = chainId;
        this.shutdownHook = new Thread(this::stop, "local-chain-stop");
    }

    /** Starts anvil found above the working directory, on a free loopback port, without state. */
    public static LocalChain start() {
        return start(findAnvil(Path.of("").toAbsolutePath()), 0, null);
    }

    /**
     * Starts {@code anvil} and waits until it answers {@code eth_chainId}.
     *
     * @param anvil     the anvil executable (or its npm wrapper)
     * @param port      the loopback port, or 0 for a free one
     * @param stateFile where anvil loads its state from on start (when the file exists) and saves it
     *                  on close, or null to keep the chain in memory only
     * @throws IllegalStateException when anvil exits or does not answer within 30 s; the message
     *                               holds anvil's own output
     * @throws UncheckedIOException  when the process cannot be launched
     */
    public static LocalChain start(Path anvil, int port, Path stateFile) {
        return start(anvil, port, stateFile, null);
    }

    /**
     * Like {@link #start(Path, int, Path)}, but anvil mines a block every {@code blockTime} (whole seconds, as
     * {@code anvil --block-time}), as a QBFT network does, instead of one block per transaction at once.
     *
     * @param blockTime the block period, at least one second, or null to mine each transaction at once
     * @throws IllegalArgumentException when {@code blockTime} is shorter than a second or not whole seconds
     */
    public static LocalChain start(Path anvil, int port, Path stateFile, Duration blockTime) {
        return start(anvil, port, stateFile, blockTime, ChainSettings.ANVIL_CHAIN_ID);
    }

    /**
     * Like {@link #start(Path, int, Path, Duration)}, on a chain with the id {@code chainId} (as
     * {@code anvil --chain-id}), as a network other than a developer's own has.
     *
     * @throws IllegalArgumentException when {@code chainId} is not positive
     */
    public static LocalChain start(Path anvil, int port, Path stateFile, Duration blockTime, long chainId) {
        return start(anvil, port, stateFile, blockTime, chainId, List.of());
    }

    /**
     * Like {@link #start(Path, int, Path, Duration, long)}, with further anvil {@code options}, such as
     * {@code --base-fee 0 --gas-price 0} for a chain where gas costs nothing, as on a zero-gas QBFT network.
     */
    public static LocalChain start(Path anvil, int port, Path stateFile, Duration blockTime, long chainId,
                                   List<String> options) {
        Objects.requireNonNull(anvil, "anvil");
        Objects.requireNonNull(options, "options");
        if (chainId <= 0) {
            throw new IllegalArgumentException("a chain id is positive: " + chainId);
        }
        if (blockTime != null && (blockTime.toSeconds() < 1 || blockTime.toNanos() % 1_000_000_000L != 0)) {
            throw new IllegalArgumentException("a block time is whole seconds, at least one: " + blockTime);
        }
        int chosen = port == 0 ? freePort() : port;
        try {
            Path log = Files.createTempFile("anvil-" + chosen + "-", ".log");
            Process process = new ProcessBuilder(command(anvil, chosen, stateFile, blockTime, chainId, options))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            LocalChain chain = new LocalChain(process, chosen, log, chainId);
            Runtime.getRuntime().addShutdownHook(chain.shutdownHook);
            chain.awaitReady();
            return chain;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + anvil, e);
        }
    }

    /**
     * The npm-installed anvil of the nearest directory at or above {@code from} that has both a
     * {@code package.json} and {@code node_modules/.bin/anvil}.
     *
     * @throws IllegalStateException when there is none; the message says to run {@code npm ci}
     */
    public static Path findAnvil(Path from) {
        for (Path dir = from.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path anvil = dir.resolve(ANVIL);
            if (Files.isRegularFile(dir.resolve("package.json")) && Files.isExecutable(anvil)) {
                return anvil;
            }
        }
        throw new IllegalStateException("anvil not found in node_modules/.bin at or above " + from
                + "; run `npm ci` at the repository root to install it");
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The chain id anvil answers {@code eth_chainId} with. */
    public long chainId() {
        return chainId;
    }

    /** Stops anvil (which then saves its state, if it has a state file) and waits for it to exit. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or will run; stopping twice is harmless
        }
        stop();
    }

    private static List<String> command(Path anvil, int port, Path stateFile, Duration blockTime, long chainId,
                                        List<String> options) {
        List<String> command = new ArrayList<>(List.of(anvil.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--chain-id", Long.toString(chainId),
                "--silent"));
        if (blockTime != null) {
            command.addAll(List.of("--block-time", Long.toString(blockTime.toSeconds())));
        }
        if (stateFile != null) {
            // keep past blocks' state too, so reads "latest minus confirmations" work after a reload
            command.addAll(List.of("--state", stateFile.toAbsolutePath().toString(), "--preserve-historical-states"));
        }
        command.addAll(options);
        return command;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private void awaitReady() {
        try {
            new AnvilProbe(rpcUrl()).awaitChainId(process, chainId);
        } catch (IllegalStateException e) {
            String output = output();
            close();
            throw new IllegalStateException(e.getMessage() + "; anvil said: " + output, e);
        }
    }

    private synchronized void stop() {
        ProcessStopper.stop(process, STOP_GRACE);
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a leftover temp log file is harmless
        }
    }

    private String output() {
        try {
            String text = Files.readString(log).strip();
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(output unreadable)";
        }
    }
}
