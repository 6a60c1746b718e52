package org.hashbridge.sandbox;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import javax.sql.DataSource;
import org.hashbridge.node.HashBridgeNode;
import org.hashbridge.node.chain.ChainSettings;
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
    private final Launcher launcher;
    private final Map<Side, RunningNode> nodes;
    private final List<String> nodeArguments;
    private final List<ConfigurableApplicationContext> extraInstances = new ArrayList<>();

    private Sandbox(Path home, LocalChain chain, SandboxSetup setup, Launcher launcher, Map<Side, RunningNode> nodes,
                    List<String> nodeArguments) {
        this.home = home;
        this.chain = chain;
        this.setup = setup;
        this.launcher = launcher;
        this.nodes = nodes;
        this.nodeArguments = nodeArguments;
    }

    /** A running node: in this JVM, or as its own process. */
    private interface RunningNode extends AutoCloseable {
        int port();

        DataSource database();

        /** Ends the node at once, without any shutdown, as a power cut would. */
        void kill();

        @Override
        void close();
    }

    private record InThisJvm(ConfigurableApplicationContext context) implements RunningNode {
        @Override
        public int port() {
            return ((WebServerApplicationContext) context).getWebServer().getPort();
        }

        @Override
        public DataSource database() {
            return context.getBean(DataSource.class);
        }

        @Override
        public void kill() {
            throw new UnsupportedOperationException("a node in the sandbox's own JVM cannot be killed; start nodes as processes");
        }

        @Override
        public void close() {
            context.close();
        }
    }

    private record OwnProcess(NodeProcess process, DataSource database) implements RunningNode {
        @Override
        public int port() {
            return process.port();
        }

        @Override
        public void kill() {
            process.kill();
        }

        @Override
        public void close() {
            process.close();
        }
    }

    /** Starts one side's node on a port (0 for any) with the sandbox's settings and {@code extra} ones. */
    @FunctionalInterface
    private interface Launcher extends AutoCloseable {
        RunningNode start(SandboxSetup setup, Side side, int port, List<String> extra);

        /** {@link #start} with {@code jvmOptions} added to the JVM's own, for a node that is a process of its own. */
        default RunningNode start(SandboxSetup setup, Side side, int port, List<String> extra, List<String> jvmOptions) {
            if (!jvmOptions.isEmpty()) {
                throw new IllegalStateException("the " + side.operator + " node runs in this JVM: it takes no JVM options");
            }
            return start(setup, side, port, extra);
        }

        @Override
        default void close() {
        }
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
        return startNodes(options, Objects.requireNonNull(rpcUrl, "rpcUrl"), null, inThisJvm(options),
                List.copyOf(nodeArguments));
    }

    /**
     * Like {@link #startOn(String, SandboxOptions, List)}, but each node runs as its own process from its
     * executable jar ({@code <root>/sz-node/target/sz-node-*-exec.jar}, built by {@code ./mvnw package}), on a
     * PostgreSQL server the sandbox starts for it, and reaches the chain at its own URL: {@code nodeRpcUrls}
     * maps {@code "sz"} and {@code "hk"} to it (a proxy in front of {@code rpcUrl}, say). Such nodes can be
     * {@linkplain #killNode(String) killed}. Their JVM runs with {@code options.nodeJvm()}.
     */
    public static Sandbox startProcessesOn(String rpcUrl, Map<String, String> nodeRpcUrls, SandboxOptions options,
                                           List<String> nodeArguments) {
        Path root = options.root().toAbsolutePath().normalize();
        Path home = options.home().toAbsolutePath().normalize();
        ProcessLauncher launcher = new ProcessLauncher(root, new Databases(home.resolve("databases")), Map.copyOf(nodeRpcUrls),
                options.nodeJvm());
        try {
            return startNodes(options, Objects.requireNonNull(rpcUrl, "rpcUrl"), null, launcher, List.copyOf(nodeArguments));
        } catch (RuntimeException e) {
            launcher.close();
            throw e;
        }
    }

    private static Sandbox startNodes(SandboxOptions options, String rpcUrl, LocalChain ownChain) {
        return startNodes(options, rpcUrl, ownChain, inThisJvm(options), List.of());
    }

    private static Launcher inThisJvm(SandboxOptions options) {
        return new InThisJvmLauncher(new Databases(options.home().toAbsolutePath().normalize().resolve("databases")));
    }

    /** @param ownChain the chain to stop on {@link #close()}, or null when it is not ours */
    private static Sandbox startNodes(SandboxOptions options, String rpcUrl, LocalChain ownChain, Launcher launcher,
                                      List<String> nodeArguments) {
        Path home = options.home().toAbsolutePath().normalize();
        deleteRecursively(home.resolve("sandbox"));
        Map<Side, RunningNode> nodes = new EnumMap<>(Side.class);
        try {
            SandboxSetup setup = SandboxSetup.prepare(rpcUrl, home.resolve("sandbox"));
            var sz = CompletableFuture.supplyAsync(() -> launcher.start(setup, Side.SZ, options.szPort(), nodeArguments))
                    .whenComplete((node, failure) -> keep(nodes, Side.SZ, node));
            var hk = CompletableFuture.supplyAsync(() -> launcher.start(setup, Side.HK, options.hkPort(), nodeArguments))
                    .whenComplete((node, failure) -> keep(nodes, Side.HK, node));
            // wait for both, even when one fails, so that no node is left running behind a failure
            CompletableFuture.allOf(sz, hk).exceptionally(failure -> null).join();
            sz.join();
            hk.join();
            Sandbox sandbox = new Sandbox(home, ownChain, setup, launcher, nodes, nodeArguments);
            sandbox.writeDescriptor(home.resolve("sandbox.json"));
            return sandbox;
        } catch (RuntimeException e) {
            nodes.values().forEach(RunningNode::close);
            throw e;
        }
    }

    private static void keep(Map<Side, RunningNode> nodes, Side side, RunningNode node) {
        if (node != null) {
            synchronized (nodes) {
                nodes.put(side, node);
            }
        }
    }

    /** The settings every node of the sandbox starts with, whichever way it runs. */
    private static List<String> settings(SandboxSetup setup, Side side, String rpcUrl, List<String> extra) {
        List<String> args = new ArrayList<>(List.of(
                "--hashbridge.node.data-directory=" + setup.dataDirectory(side),
                "--hashbridge.node.provisioning-file=" + setup.provisioningFile(side),
                "--hashbridge.chain.rpc-url=" + rpcUrl,
                "--hashbridge.chain.registry-address=" + setup.registryAddress(),
                "--hashbridge.chain.chain-id=" + ChainSettings.ANVIL_CHAIN_ID,
                "--hashbridge.chain.operator-key-file=" + setup.operatorKeyFile(side),
                "--hashbridge.chain.operator-key-password-file=" + setup.operatorKeyPasswordFile(side),
                // the sandbox's nodes make their receipt and subject keys in their data directories
                "--hashbridge.node.generate-keys=true",
                // how each node names the demo banks in the consents its residents give them
                "--hashbridge.consent.recipients[0].id=cn.abc-shenzhen",
                "--hashbridge.consent.recipients[0].name=Agricultural Bank of China, Shenzhen Branch (demo)",
                "--hashbridge.consent.recipients[0].contact=privacy@abc-shenzhen.example",
                "--hashbridge.consent.recipients[1].id=hk.fusion-bank",
                "--hashbridge.consent.recipients[1].name=Fusion Bank (demo)",
                "--hashbridge.consent.recipients[1].contact=privacy@fusion-bank.example",
                "--spring.main.banner-mode=off"));
        args.addAll(setup.operatorSettings(side));
        args.addAll(extra);
        return args;
    }

    /**
     * Nodes in this JVM, each on a PostgreSQL server of its own that the sandbox starts (a process that outlives
     * its node's restarts), as a production node runs on a server it is given.
     */
    private static final class InThisJvmLauncher implements Launcher {

        private final Databases databases;

        InThisJvmLauncher(Databases databases) {
            this.databases = databases;
        }

        @Override
        public RunningNode start(SandboxSetup setup, Side side, int port, List<String> extra) {
            List<String> args = new ArrayList<>(List.of("--server.port=" + port,
                    // a database that stops answering is reported within 5 s, not the pool's default 30 s
                    "--spring.datasource.hikari.connection-timeout=5000"));
            args.addAll(databases.settings(side));
            args.addAll(settings(setup, side, setup.rpcUrl(), extra));
            return new InThisJvm(HashBridgeNode.run(side.operator + "-node", args.toArray(String[]::new)));
        }

        @Override
        public void close() {
            databases.close();
        }
    }

    /** A PostgreSQL server per side, each a process of its own, started on first use in a fresh directory. */
    private static final class Databases implements AutoCloseable {

        private final Path directory;
        private final Map<Side, EmbeddedPostgres> servers = new EnumMap<>(Side.class);
        private final Map<Side, HikariDataSource> dataSources = new EnumMap<>(Side.class);

        Databases(Path directory) {
            this.directory = directory;
        }

        /** The settings that point a node at its side's server. */
        List<String> settings(Side side) {
            return List.of("--spring.datasource.url=" + server(side).getJdbcUrl("postgres", "postgres"),
                    "--spring.datasource.username=postgres");
        }

        synchronized EmbeddedPostgres server(Side side) {
            return servers.computeIfAbsent(side, s -> {
                Path data = directory.resolve(s.operator);
                try {
                    deleteRecursively(data);
                    Files.createDirectories(data);
                    return EmbeddedPostgres.builder().setDataDirectory(data.resolve("data"))
                            .setOverrideWorkingDirectory(data.resolve("runtime").toFile())
                            .setServerConfig("max_connections", "60").start();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start PostgreSQL in " + data, e);
                }
            });
        }

        /** A small pool of the sandbox's own on a side's database, for tests that read it beside the node. */
        synchronized DataSource dataSource(Side side) {
            return dataSources.computeIfAbsent(side, s -> {
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(server(s).getJdbcUrl("postgres", "postgres"));
                config.setUsername("postgres");
                config.setMaximumPoolSize(2);
                config.setPoolName("sandbox-" + s.operator);
                return new HikariDataSource(config);
            });
        }

        @Override
        public synchronized void close() {
            dataSources.values().forEach(HikariDataSource::close);
            for (EmbeddedPostgres server : servers.values()) {
                try {
                    server.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot stop PostgreSQL", e);
                }
            }
        }
    }

    /** Nodes as processes of their own, each on a PostgreSQL server (a process too) that outlives its node. */
    private static final class ProcessLauncher implements Launcher {

        private final Path root;
        private final Databases databases;
        private final Map<String, String> rpcUrls;
        private final SandboxOptions.NodeJvm jvm;

        ProcessLauncher(Path root, Databases databases, Map<String, String> rpcUrls, SandboxOptions.NodeJvm jvm) {
            this.root = root;
            this.databases = databases;
            this.rpcUrls = rpcUrls;
            this.jvm = jvm;
        }

        @Override
        public RunningNode start(SandboxSetup setup, Side side, int port, List<String> extra) {
            return start(setup, side, port, extra, List.of());
        }

        @Override
        public RunningNode start(SandboxSetup setup, Side side, int port, List<String> extra, List<String> jvmOptions) {
            List<String> args = settings(setup, side, Objects.requireNonNull(rpcUrls.get(side.operator), side.operator), extra);
            args.addAll(databases.settings(side));
            Path jar = nodeJar(side);
            Path log = setup.dataDirectory(side).resolve("node.log");
            return new OwnProcess(NodeProcess.start(jar, port, jvm, jvmOptions, args, log), databases.dataSource(side));
        }

        private Path nodeJar(Side side) {
            return NodeProcess.jar(root, side.operator + "-node");
        }

        @Override
        public void close() {
            databases.close();
        }
    }

    /**
     * Stops one node and starts it again on the same port, data directory and keys, as an operator's
     * restart would: whatever the node had accepted must still be there.
     */
    public void restartNode(String operator) {
        restartNode(operator, List.of());
    }

    /**
     * {@link #restartNode(String)} with {@code settings} on top of the sandbox's, such as
     * {@code --spring.profiles.active=sm}: they hold until the node's next restart.
     */
    public void restartNode(String operator, List<String> settings) {
        restartNode(operator, settings, List.of());
    }

    /**
     * {@link #restartNode(String, List)} of a node started {@linkplain #startProcessesOn as a process}, its JVM
     * given {@code jvmOptions} besides the sandbox's, such as a flight recording of its start.
     */
    public void restartNode(String operator, List<String> settings, List<String> jvmOptions) {
        Side side = side(operator);
        int port = nodes.get(side).port();
        nodes.remove(side).close();
        List<String> args = new ArrayList<>(nodeArguments);
        args.addAll(settings);
        nodes.put(side, launcher.start(setup, side, port, args, List.copyOf(jvmOptions)));
    }

    /**
     * Ends a node started {@linkplain #startProcessesOn as a process} at once, with {@code SIGKILL}: no
     * shutdown hook, no request finished, no transaction committed. {@link #restartNode} starts it again.
     */
    public void killNode(String operator) {
        nodes.get(side(operator)).kill();
    }

    /**
     * A node started {@linkplain #startProcessesOn as a process}: its operating-system process, and the time
     * from launching it until its readiness probe first answered UP (on its latest start or restart).
     *
     * @throws IllegalStateException when the node runs in this JVM
     */
    public NodeStart nodeProcess(String operator) {
        if (nodes.get(side(operator)) instanceof OwnProcess node) {
            return new NodeStart(node.process().handle(), node.process().startToReady());
        }
        throw new IllegalStateException("the " + operator + " node runs in this JVM, not as its own process");
    }

    /** A node's process and how long its start took, until ready. */
    public record NodeStart(ProcessHandle process, java.time.Duration startToReady) {
    }

    /** The database of a node, as its operator would reach it: for checks of what the node stored. */
    public DataSource database(String operator) {
        return nodes.get(side(operator)).database();
    }

    private static Side side(String operator) {
        return Side.valueOf(operator.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Starts another instance of one side's node on a free port, on the same database (the side's PostgreSQL
     * server), keys and provisioning, as an operator running two instances behind a load
     * balancer would. It is stopped on {@link #close()}, before the first instance that holds the database.
     *
     * @return the instance, for its port and beans
     */
    public ConfigurableApplicationContext startInstance(String operator) {
        Side side = side(operator);
        inThisJvm(side); // a second instance of a node in this JVM, on that node's database
        ConfigurableApplicationContext instance = ((InThisJvm) launcher.start(setup, side, 0, nodeArguments)).context();
        extraInstances.add(instance);
        return instance;
    }

    public String nodeUrl(String operator) {
        return "http://127.0.0.1:" + nodes.get(side(operator)).port();
    }

    /** A bean of a node running in this JVM, for operational checks such as reading its settings in tests. */
    public <T> T nodeBean(String operator, Class<T> type) {
        return inThisJvm(side(operator)).getBean(type);
    }

    private ConfigurableApplicationContext inThisJvm(Side side) {
        if (nodes.get(side) instanceof InThisJvm node) {
            return node.context();
        }
        throw new IllegalStateException("the " + side.operator + " node runs as its own process");
    }

    public String apiKey(String institution) {
        return setup.secret(institution);
    }

    public String credential(String subject) {
        return setup.secret(subject);
    }

    /** The username of a node's demo operator ({@code sz-operator}, {@code hk-operator}). */
    public String operatorUsername(String operator) {
        return Demo.operator(side(operator));
    }

    /** The password of a node's demo operator, made at this sandbox's start. */
    public String operatorPassword(String operator) {
        return setup.secret(Demo.operator(side(operator)));
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
        descriptor.put("chain", Map.of("rpcUrl", rpcUrl(), "chainId", ChainSettings.ANVIL_CHAIN_ID,
                "registryAddress", registryAddress()));
        descriptor.put("nodes", Map.of("sz", Map.of("url", nodeUrl("sz"), "jurisdiction", "SZ"),
                "hk", Map.of("url", nodeUrl("hk"), "jurisdiction", "HK")));
        descriptor.put("institutions", institutions);
        descriptor.put("residents", residents);
        Map<String, Object> operators = new LinkedHashMap<>();
        for (Side side : Side.values()) {
            operators.put(side.operator, Map.of("dashboard", nodeUrl(side.operator) + "/admin",
                    "username", operatorUsername(side.operator), "password", operatorPassword(side.operator)));
        }
        descriptor.put("operators", operators);
        SandboxSetup.writeSecretFile(file, SandboxSetup.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(descriptor));
    }

    @Override
    public void close() {
        extraInstances.forEach(ConfigurableApplicationContext::close);
        nodes.values().forEach(RunningNode::close);
        launcher.close();
        if (chain != null) {
            chain.close();
        }
    }

    private static final String USAGE = """
            Usage: java -jar hashbridge-sandbox.jar [REPOSITORY_ROOT]

            The whole HashBridge platform on this machine, for trials and demonstrations, never for production: a fresh
            anvil chain on port 8545 (from REPOSITORY_ROOT/node_modules, `npm ci`) with the registry deployed and both
            operators registered, the Shenzhen node on port 8081 and the Hong Kong node on port 8082, each on an
            embedded PostgreSQL, with demo institutions and residents. Every start is fresh. Secrets for clients are
            written to REPOSITORY_ROOT/.hashbridge/sandbox.json. Runs until Ctrl-C, then stops everything it started.

            REPOSITORY_ROOT  the repository's root directory (default: the working directory)
            -h, --help       print this and exit

            A production node is started on its own: java -jar sz-node/target/sz-node-*-exec.jar --help
            """;

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

    /**
     * Starts the sandbox on ports 8545, 8081, 8082 and runs until Ctrl-C; with {@code --help} or {@code -h}, prints its
     * usage and starts nothing.
     */
    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        Path root = args.length > 0 ? Path.of(args[0]) : Path.of("");
        long started = System.nanoTime();
        Sandbox sandbox = start(SandboxOptions.interactive(root));
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-stop"));
        System.out.printf("%nHashBridge sandbox is up (%.1f s)%n", (System.nanoTime() - started) / 1e9);
        System.out.println("  chain      " + sandbox.rpcUrl() + "  registry " + sandbox.registryAddress());
        System.out.println("  sz node    " + sandbox.nodeUrl("sz"));
        System.out.println("  hk node    " + sandbox.nodeUrl("hk"));
        for (String operator : List.of("sz", "hk")) {
            System.out.printf("  %s admin   %s/admin  %s / %s%n", operator, sandbox.nodeUrl(operator),
                    sandbox.operatorUsername(operator), sandbox.operatorPassword(operator));
        }
        System.out.println("  secrets    " + sandbox.descriptor());
        System.out.println("Press Ctrl-C to stop.");
        Thread.currentThread().join();
    }
}
