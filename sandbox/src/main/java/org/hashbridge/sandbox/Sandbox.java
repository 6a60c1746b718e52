package org.hashbridge.sandbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.hashbridge.node.HashBridgeNode;
import org.hashbridge.node.chain.LocalChain;
import org.hashbridge.sandbox.Demo.Side;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole platform on one machine: a local anvil chain with the registry deployed, the Shenzhen and
 * Hong Kong nodes each on its own embedded PostgreSQL, and the demo institutions and residents. Every
 * start is fresh: new chain, new databases, new secrets. Everything a client needs is written to
 * {@code sandbox.json} in its home ({@code .hashbridge/} by default); {@link #close()} stops all it started.
 */
public final class Sandbox implements AutoCloseable {

    static {
        // Both nodes share this JVM's logging; sandbox/src/main/resources/logback.xml configures it
        // once, instead of each node resetting it (concurrently) on start.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    private final Path home;
    private final LocalChain chain; // null when the chain is not ours to stop
    private final SandboxSetup setup;
    private final Map<Side, ConfigurableApplicationContext> nodes;
    private final List<String> nodeArguments;
    private final List<ConfigurableApplicationContext> extraInstances = new ArrayList<>();

    private Sandbox(Path home, LocalChain chain, SandboxSetup setup, Map<Side, ConfigurableApplicationContext> nodes,
                    List<String> nodeArguments) {
        this.home = home;
        this.chain = chain;
        this.setup = setup;
        this.nodes = nodes;
        this.nodeArguments = nodeArguments;
    }

    /**
     * Starts chain and nodes and writes the descriptor.
     *
     * @throws IllegalStateException when anvil is missing ({@code npm ci} not run) or a part fails to start;
     *                               whatever had started is stopped again
     */
    public static Sandbox start(SandboxOptions options) {
        Path root = options.root().toAbsolutePath().normalize();
        LocalChain chain = LocalChain.start(LocalChain.findAnvil(root), options.chainPort(), null);
        try {
            return startNodes(options, chain.rpcUrl(), chain);
        } catch (RuntimeException e) {
            chain.close();
            throw e;
        }
    }

    /**
     * Deploys a fresh registry on a chain someone else runs, registers both operators, starts both nodes
     * against it and writes the descriptor: for tests that stop and restart the chain themselves.
     * {@link #close()} stops the nodes and leaves the chain running; {@code options.chainPort()} is unused.
     *
     * @throws IllegalStateException when the chain cannot be reached or a node fails to start; whatever
     *                               had started is stopped again
     */
    public static Sandbox startOn(String rpcUrl, SandboxOptions options) {
        return startOn(rpcUrl, options, List.of());
    }

    /**
     * {@link #startOn(String, SandboxOptions)} with settings every node of this sandbox starts with, such as
     * {@code --hashbridge.chain.timeout=2s}: for tests that need shorter timeouts than an operator would use.
     */
    public static Sandbox startOn(String rpcUrl, SandboxOptions options, List<String> nodeArguments) {
        return startNodes(options, Objects.requireNonNull(rpcUrl, "rpcUrl"), null, List.copyOf(nodeArguments));
    }

    /** @param ownChain the chain to stop on {@link #close()}, or null when it is not ours */
    private static Sandbox startNodes(SandboxOptions options, String rpcUrl, LocalChain ownChain) {
        return startNodes(options, rpcUrl, ownChain, List.of());
    }

    private static Sandbox startNodes(SandboxOptions options, String rpcUrl, LocalChain ownChain, List<String> nodeArguments) {
        Path home = options.home().toAbsolutePath().normalize();
        deleteRecursively(home.resolve("sandbox"));
        Map<Side, ConfigurableApplicationContext> nodes = new EnumMap<>(Side.class);
        try {
            SandboxSetup setup = SandboxSetup.prepare(rpcUrl, home.resolve("sandbox"));
            var sz = CompletableFuture.supplyAsync(() -> startNode(setup, Side.SZ, options.szPort(), nodeArguments))
                    .whenComplete((node, failure) -> keep(nodes, Side.SZ, node));
            var hk = CompletableFuture.supplyAsync(() -> startNode(setup, Side.HK, options.hkPort(), nodeArguments))
                    .whenComplete((node, failure) -> keep(nodes, Side.HK, node));
            // wait for both, even when one fails, so that no node is left running behind a failure
            CompletableFuture.allOf(sz, hk).exceptionally(failure -> null).join();
            sz.join();
            hk.join();
            Sandbox sandbox = new Sandbox(home, ownChain, setup, nodes, nodeArguments);
            sandbox.writeDescriptor(home.resolve("sandbox.json"));
            return sandbox;
        } catch (RuntimeException e) {
            nodes.values().forEach(ConfigurableApplicationContext::close);
            throw e;
        }
    }

    private static void keep(Map<Side, ConfigurableApplicationContext> nodes, Side side, ConfigurableApplicationContext node) {
        if (node != null) {
            synchronized (nodes) {
                nodes.put(side, node);
            }
        }
    }

    private static ConfigurableApplicationContext startNode(SandboxSetup setup, Side side, int port, List<String> extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--hashbridge.node.data-directory=" + setup.dataDirectory(side),
                "--hashbridge.node.provisioning-file=" + setup.provisioningFile(side),
                "--hashbridge.chain.rpc-url=" + setup.rpcUrl(),
                "--hashbridge.chain.registry-address=" + setup.registryAddress(),
                "--hashbridge.chain.operator-key-file=" + setup.operatorKeyFile(side),
                "--spring.main.banner-mode=off"));
        args.addAll(extra);
        return HashBridgeNode.run(side.operator + "-node", args.toArray(String[]::new));
    }

    /**
     * Stops one node and starts it again on the same port, data directory and keys, as an operator's
     * restart would: whatever the node had accepted must still be there.
     */
    public void restartNode(String operator) {
        Side side = Side.valueOf(operator.toUpperCase(java.util.Locale.ROOT));
        int port = ((WebServerApplicationContext) nodes.get(side)).getWebServer().getPort();
        nodes.remove(side).close();
        nodes.put(side, startNode(setup, side, port, nodeArguments));
    }

    /**
     * Starts another instance of one side's node on a free port, on the same database (the first instance's
     * embedded PostgreSQL), keys and provisioning, as an operator running two instances behind a load
     * balancer would. It is stopped on {@link #close()}, before the first instance that holds the database.
     *
     * @return the instance, for its port and beans
     */
    public ConfigurableApplicationContext startInstance(String operator) {
        Side side = Side.valueOf(operator.toUpperCase(java.util.Locale.ROOT));
        int databasePort = nodes.get(side).getBean(EmbeddedPostgres.class).getPort();
        List<String> args = new ArrayList<>(nodeArguments);
        args.addAll(List.of("--spring.datasource.url=jdbc:postgresql://localhost:" + databasePort + "/postgres",
                "--spring.datasource.username=postgres"));
        ConfigurableApplicationContext instance = startNode(setup, side, 0, args);
        extraInstances.add(instance);
        return instance;
    }

    public String nodeUrl(String operator) {
        Side side = Side.valueOf(operator.toUpperCase(java.util.Locale.ROOT));
        int port = ((WebServerApplicationContext) nodes.get(side)).getWebServer().getPort();
        return "http://127.0.0.1:" + port;
    }

    /** A bean of a running node, for operational checks such as reading its database in tests. */
    public <T> T nodeBean(String operator, Class<T> type) {
        return nodes.get(Side.valueOf(operator.toUpperCase(java.util.Locale.ROOT))).getBean(type);
    }

    public String apiKey(String institution) {
        return setup.secret(institution);
    }

    public String credential(String subject) {
        return setup.secret(subject);
    }

    public String rpcUrl() {
        return setup.rpcUrl();
    }

    public String registryAddress() {
        return setup.registryAddress();
    }

    public Path descriptor() {
        return home.resolve("sandbox.json");
    }

    private void writeDescriptor(Path file) {
        Map<String, Object> institutions = new LinkedHashMap<>();
        Demo.INSTITUTIONS.forEach(i -> institutions.put(i.id(),
                Map.of("node", i.side().operator, "role", i.role(), "apiKey", apiKey(i.id()))));
        Map<String, Object> residents = new LinkedHashMap<>();
        Demo.RESIDENTS.forEach(r -> residents.put(r.subject(),
                Map.of("node", r.side().operator, "credential", credential(r.subject()))));
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("chain", Map.of("rpcUrl", rpcUrl(), "chainId", 31337, "registryAddress", registryAddress()));
        descriptor.put("nodes", Map.of("sz", Map.of("url", nodeUrl("sz"), "jurisdiction", "SZ"),
                "hk", Map.of("url", nodeUrl("hk"), "jurisdiction", "HK")));
        descriptor.put("institutions", institutions);
        descriptor.put("residents", residents);
        SandboxSetup.writeSecretFile(file, SandboxSetup.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(descriptor));
    }

    @Override
    public void close() {
        extraInstances.forEach(ConfigurableApplicationContext::close);
        nodes.values().forEach(ConfigurableApplicationContext::close);
        if (chain != null) {
            chain.close();
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + directory, e);
        }
    }

    /** Starts the sandbox on ports 8545, 8081, 8082 and runs until Ctrl-C. */
    public static void main(String[] args) throws InterruptedException {
        Path root = args.length > 0 ? Path.of(args[0]) : Path.of("");
        long started = System.nanoTime();
        Sandbox sandbox = start(SandboxOptions.interactive(root));
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-stop"));
        System.out.printf("%nHashBridge sandbox is up (%.1f s)%n", (System.nanoTime() - started) / 1e9);
        System.out.println("  chain      " + sandbox.rpcUrl() + "  registry " + sandbox.registryAddress());
        System.out.println("  sz node    " + sandbox.nodeUrl("sz"));
        System.out.println("  hk node    " + sandbox.nodeUrl("hk"));
        System.out.println("  secrets    " + sandbox.descriptor());
        System.out.println("Press Ctrl-C to stop.");
        Thread.currentThread().join();
    }
}
