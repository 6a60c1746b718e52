package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hashbridge.node.chain.LocalChain;
import org.hashbridge.sandbox.Demo.Side;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import tools.jackson.databind.JsonNode;

/**
 * The consortium in its production shape, on this machine: a chain that makes a block every 2 s under a chain id
 * that is not anvil's, a PostgreSQL server per operator (each a process, with a role and database of its own and a
 * password), the registry deployed and both operators registered by the deployment tool, and each node started from
 * its jar as a process of its own with nothing but its environment: encrypted key files, passwords in files. Then the
 * northbound and southbound stories run over HTTP with the bank-client CLI, one node is restarted with anchors in
 * flight and one database under its running node, and nothing accepted is lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.CONCURRENT) // beside the tests of nodes in this JVM: see junit-platform.properties
@ResourceLock(NodeProcesses.LOCK)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionShapeIT {

    private static final long CHAIN_ID = 20_261_130;
    private static final String PASSWORD = "correct horse battery staple";
    private static final Instant VALID_UNTIL = Instant.now().plus(Duration.ofDays(180));

    @TempDir
    static Path work;

    private LocalChain chain;
    private Path passwordFile;
    private final Map<Side, EmbeddedPostgres> databases = new EnumMap<>(Side.class);
    private final Map<Side, Integer> databasePorts = new EnumMap<>(Side.class);
    private final Map<Side, NodeProcess> nodes = new EnumMap<>(Side.class);
    private final Map<Side, Integer> nodePorts = new EnumMap<>(Side.class);
    private final Map<Side, Map<String, String>> environments = new EnumMap<>(Side.class);
    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    @BeforeAll
    void deployTheConsortium() throws Exception {
        Path root = SandboxExtension.repositoryRoot();
        chain = LocalChain.start(LocalChain.findAnvil(root), 0, null, Duration.ofSeconds(2), CHAIN_ID);
        passwordFile = Files.writeString(work.resolve("password"), PASSWORD);
        Map<String, Path> wallets = new HashMap<>();
        Map<String, String> accounts = new HashMap<>();
        for (String account : List.of("deployer", "hk-governance", "sz-governance", "hk-operator", "sz-operator")) {
            Path wallet = work.resolve(account + ".json");
            Run made = tool("keys", "account", "--out", wallet.toString(), "--password-file", passwordFile.toString());
            assertThat(made.exit()).as(made.err()).isZero();
            wallets.put(account, wallet);
            accounts.put(account, address(made.out()));
            fund(accounts.get(account));
        }
        Path nodeEnv = work.resolve("node.env");
        Run setup = tool("setup", "--rpc-url", chain.rpcUrl(), "--chain-id", Long.toString(CHAIN_ID),
                "--key-file", wallets.get("deployer").toString(),
                "--hk-governance-key-file", wallets.get("hk-governance").toString(),
                "--sz-governance-key-file", wallets.get("sz-governance").toString(),
                "--password-file", passwordFile.toString(),
                "--hk-operator", accounts.get("hk-operator"), "--sz-operator", accounts.get("sz-operator"),
                "--out", nodeEnv.toString());
        assertThat(setup.exit()).as(setup.out() + setup.err()).isZero();
        Map<String, String> chainSettings = envFile(nodeEnv);
        assertThat(chainSettings).containsEntry("HASHBRIDGE_CHAIN_CHAIN_ID", Long.toString(CHAIN_ID))
                .containsKey("HASHBRIDGE_CHAIN_REGISTRY_ADDRESS");

        for (Side side : Side.values()) {
            databasePorts.put(side, freePort());
            startDatabase(side, true);
            nodePorts.put(side, freePort());
            Map<String, String> env = new HashMap<>(chainSettings);
            env.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + databasePorts.get(side) + "/hashbridge");
            env.put("SPRING_DATASOURCE_USERNAME", "hashbridge");
            env.put("SPRING_DATASOURCE_PASSWORD", PASSWORD);
            env.put("SERVER_PORT", Integer.toString(nodePorts.get(side)));
            env.put("HASHBRIDGE_NODE_DATA_DIRECTORY", work.resolve(side.operator + "-data").toString());
            env.put("HASHBRIDGE_CHAIN_RPC_URL", chain.rpcUrl());
            env.put("HASHBRIDGE_CHAIN_OPERATOR_KEY_FILE", wallets.get(side.operator + "-operator").toString());
            env.put("HASHBRIDGE_CHAIN_OPERATOR_KEY_PASSWORD_FILE", passwordFile.toString());
            env.put("HASHBRIDGE_RECEIPTS_KEY_STORE", keyStore(side).toString());
            env.put("HASHBRIDGE_RECEIPTS_KEY_STORE_PASSWORD_FILE", passwordFile.toString());
            env.put("HASHBRIDGE_ADMIN_OPERATORS_0_USERNAME", side.operator + "-operator");
            env.put("HASHBRIDGE_ADMIN_OPERATORS_0_PASSWORD_HASH",
                    PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD));
            environments.put(side, env);
        }
        together(() -> startNode(Side.SZ), () -> startNode(Side.HK));
        // each operator onboards its banks and residents; each registration waits for its block, so side by side
        together(() -> onboard(Side.HK, "hk.transunion", "ISSUER"),
                () -> onboard(Side.HK, "hk.fusion-bank", "VERIFIER"),
                () -> onboard(Side.SZ, "cn.baihang", "ISSUER"),
                () -> onboard(Side.SZ, "cn.abc-shenzhen", "VERIFIER"),
                () -> resident(Side.HK, Journeys.HK_RESIDENT),
                () -> resident(Side.SZ, Journeys.SZ_RESIDENT));
    }

    @AfterAll
    void stopEverything() {
        nodes.values().forEach(NodeProcess::close);
        databases.keySet().forEach(this::stopDatabase);
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    @Order(1)
    void eachNodeRunsOnTheConsortiumsChainWithItsOwnKeys() {
        for (Side side : Side.values()) {
            JsonNode node = api(side, null).get("/api/v1/node").body();
            assertThat(node.path("chainId").asLong()).as(node.toString()).isEqualTo(CHAIN_ID);
            JsonNode keys = api(side, null).get("/api/v1/receipt-keys").body();
            assertThat(keys.path("keys").get(0).path("alg").asString()).isEqualTo("EdDSA");
        }
    }

    @Test
    @Order(2)
    void northboundAndSouthboundThroughTheBankCli() {
        // the two directions are independent, as the two sides' banks are: at once
        together(() -> story(Side.HK, "hk.transunion", Journeys.HK_RESIDENT, Side.SZ, "cn.abc-shenzhen"),
                () -> story(Side.SZ, "cn.baihang", Journeys.SZ_RESIDENT, Side.HK, "hk.fusion-bank"));
    }

    @Test
    @Order(3)
    void aNodeRestartedWithAnchorsInFlightLosesNone() throws Exception {
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            accepted.add(anchorWithoutWaiting(Side.HK, "hk.transunion", Journeys.HK_RESIDENT));
        }
        nodes.remove(Side.HK).close(); // SIGTERM with the anchors stored and their root not yet mined
        startNode(Side.HK);
        for (String anchorId : accepted) {
            assertThat(Journeys.awaitVoucher(api(Side.HK, secrets.get("hk.transunion")), anchorId).isMissingNode()).isFalse();
        }
    }

    @Test
    @Order(4)
    void aDatabaseRestartedUnderItsRunningNodeLosesNothingAccepted() throws Exception {
        String before = anchorWithoutWaiting(Side.SZ, "cn.baihang", Journeys.SZ_RESIDENT);
        Journeys.awaitVoucher(api(Side.SZ, secrets.get("cn.baihang")), before);
        stopDatabase(Side.SZ);
        Api.Response whileDown = api(Side.SZ, secrets.get("cn.baihang")).post("/api/v1/anchors", anchorBody(
                Journeys.SZ_RESIDENT, Journeys.creditReport(Journeys.SZ_RESIDENT)));
        assertThat(whileDown.status()).as(whileDown.raw()).isEqualTo(503);
        startDatabase(Side.SZ, false);
        String after = awaitAccepted(Side.SZ, "cn.baihang", Journeys.SZ_RESIDENT);
        Journeys.awaitVoucher(api(Side.SZ, secrets.get("cn.baihang")), after);
        assertThat(api(Side.SZ, secrets.get("cn.baihang")).get("/api/v1/anchors/" + before).body().path("status").asString())
                .isEqualTo("ANCHORED");
        story(Side.SZ, "cn.baihang", Journeys.SZ_RESIDENT, Side.HK, "hk.fusion-bank");
    }

    /** Anchors a report at the issuer's node with the CLI, the resident consents there, the bank verifies at home. */
    private void story(Side issuerSide, String issuer, String subject, Side bankSide, String bank) {
        try {
            tellStory(issuerSide, issuer, subject, bankSide, bank);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void tellStory(Side issuerSide, String issuer, String subject, Side bankSide, String bank)
            throws IOException, InterruptedException {
        Path desk = Files.createDirectories(work.resolve("desk-" + issuer + "-" + System.nanoTime()));
        byte[] report = Journeys.creditReport(subject);
        Files.write(desk.resolve("report.txt"), report);
        Files.writeString(desk.resolve("batch.csv"), "reference,file,documentType,subject,validUntil\n"
                + "R-" + System.nanoTime() + ",report.txt,credit-report," + subject + "," + LocalDate.ofInstant(VALID_UNTIL,
                ZoneOffset.UTC) + "\n");
        CliProcess.Run anchored = CliProcess.run(desk, secrets.get(issuer), "anchor", "--node", url(issuerSide), "--batch",
                desk.resolve("batch.csv").toString(), "--out", desk.resolve("vouchers.jsonl").toString());
        assertThat(anchored.exit()).as(anchored.err()).isZero();
        JsonNode voucher = Api.JSON.readTree(Files.readAllLines(desk.resolve("vouchers.jsonl")).get(0)).path("voucher");
        Files.writeString(desk.resolve("voucher.json"), voucher.toString());

        Api.Response consent = api(issuerSide, secrets.get(subject)).post("/api/v1/consents", Map.of("subject", subject,
                "issuer", issuer, "verifier", bank, "documentType", "credit-report", "purpose", "consumer loan application",
                "validUntil", VALID_UNTIL.toString()));
        assertThat(consent.status()).as(consent.raw()).isEqualTo(201);
        Files.writeString(desk.resolve("consent.txt"), consent.body().path("token").asString());

        CliProcess.Run verified = CliProcess.run(desk, secrets.get(bank), "verify", "--node", url(bankSide), "--file",
                desk.resolve("report.txt").toString(), "--voucher", desk.resolve("voucher.json").toString(),
                "--consent-file", desk.resolve("consent.txt").toString(), "--receipt-out", desk.resolve("receipt.jws").toString());
        assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains("VERIFIED");
        CliProcess.Run receipt = CliProcess.run(desk, "", "verify-receipt", desk.resolve("receipt.jws").toString(), "--node",
                url(bankSide));
        assertThat(receipt.exit()).as(receipt.out() + receipt.err()).isZero();
    }

    /** Runs each on a thread of its own and waits for all; the first failure is thrown. */
    private static void together(Runnable... steps) {
        ExecutorService threads = Executors.newFixedThreadPool(steps.length);
        try {
            CompletableFuture.allOf(Stream.of(steps).map(step -> CompletableFuture.runAsync(step, threads))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            threads.shutdownNow();
        }
    }

    private String anchorWithoutWaiting(Side side, String issuer, String subject) {
        Api.Response accepted = api(side, secrets.get(issuer)).post("/api/v1/anchors",
                anchorBody(subject, Journeys.creditReport(subject)));
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        return accepted.body().path("anchorId").asString();
    }

    /** Submits until the node takes it: right after its database is back, the first calls may still be refused. */
    private String awaitAccepted(Side side, String issuer, String subject) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Api.Response answer = api(side, secrets.get(issuer)).post("/api/v1/anchors",
                    anchorBody(subject, Journeys.creditReport(subject)));
            if (answer.status() == 202) {
                return answer.body().path("anchorId").asString();
            }
            assertThat(answer.status()).as(answer.raw()).isEqualTo(503);
            assertThat(Instant.now()).as("the node took nothing within 60 s of its database's return").isBefore(deadline);
            Journeys.pause(Duration.ofMillis(500));
        }
    }

    private static Map<String, Object> anchorBody(String subject, byte[] report) {
        return Map.of("digest", Journeys.sha256(report), "algorithm", "sha-256", "documentType", "credit-report",
                "subject", subject, "validUntil", VALID_UNTIL.toString());
    }

    private void onboard(Side side, String institution, String role) {
        Api.Response onboarded = operator(side).post("/api/v1/operator/institutions", Map.of("id", institution, "role", role));
        assertThat(onboarded.status()).as(onboarded.raw()).isIn(201, 202);
        secrets.put(institution, onboarded.body().path("apiKey").path("secret").asString());
    }

    private void resident(Side side, String subject) {
        Api.Response provisioned = operator(side).post("/api/v1/operator/residents", Map.of("subject", subject));
        assertThat(provisioned.status()).as(provisioned.raw()).isEqualTo(201);
        secrets.put(subject, provisioned.body().path("credential").asString());
    }

    private Api operator(Side side) {
        String basic = Base64.getEncoder().encodeToString((side.operator + "-operator:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return Api.withAuthorizationAt(url(side), "Basic " + basic);
    }

    private Api api(Side side, String secret) {
        return secret == null ? Api.withAuthorizationAt(url(side), null) : Api.at(url(side), secret);
    }

    private String url(Side side) {
        return "http://127.0.0.1:" + nodePorts.get(side);
    }

    private void startNode(Side side) {
        Path root = SandboxExtension.repositoryRoot();
        Path jar = nodeJar(root, side.operator + "-node");
        NodeProcess node = NodeProcess.start(jar, nodePorts.get(side), SandboxOptions.NodeJvm.TEST, List.of(), List.of(),
                environments.get(side), work.resolve(side.operator + "-node.log"));
        synchronized (nodes) {
            nodes.put(side, node);
        }
    }

    /** A PostgreSQL server of the operator's own, with the role and database its node uses (made on first start). */
    private void startDatabase(Side side, boolean first) {
        Path directory = work.resolve(side.operator + "-postgres");
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(directory.resolve("data"))
                    .setCleanDataDirectory(false).setPort(databasePorts.get(side))
                    .setOverrideWorkingDirectory(directory.resolve("runtime").toFile()).start();
            databases.put(side, server);
            if (first) {
                try (Connection connection = server.getPostgresDatabase().getConnection();
                     Statement sql = connection.createStatement()) {
                    sql.execute("CREATE ROLE hashbridge LOGIN PASSWORD '" + PASSWORD + "'");
                    sql.execute("CREATE DATABASE hashbridge OWNER hashbridge");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void stopDatabase(Side side) {
        EmbeddedPostgres server = databases.remove(side);
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The node's receipt and pseudonym keys in a PKCS#12 file, made with the JDK's keytool as docs/operations.md shows. */
    private Path keyStore(Side side) throws IOException, InterruptedException {
        Path store = work.resolve(side.operator + "-node-keys.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        exec(keytool, "-genkeypair", "-keyalg", "Ed25519", "-alias", "receipt", "-dname", "CN=" + side.operator + "-node",
                "-validity", "3650", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD);
        exec(keytool, "-genseckey", "-keyalg", "HmacSHA256", "-keysize", "256", "-alias", "subject",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD);
        return store;
    }

    private void fund(String address) {
        // 100 ether: anvil charges for gas, a QBFT network with a zero base fee need not
        String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"anvil_setBalance\",\"params\":[\"" + address
                + "\",\"0x56BC75E2D63100000\"]}";
        Api.Response funded = Api.withAuthorizationAt(chain.rpcUrl(), null).postRaw("", "application/json", call);
        assertThat(funded.body().has("error")).as(funded.raw()).isFalse();
    }

    record Run(int exit, String out, String err) {
    }

    private Run tool(String... args) throws IOException, InterruptedException {
        Path jar = SandboxExtension.repositoryRoot().resolve("operator-tool/target/hashbridge-operator.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        return exec(command.toArray(String[]::new));
    }

    private Run exec(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 180 s");
        }
        Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        if (!command[0].endsWith("java") && run.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + ": " + run.err());
        }
        return run;
    }

    private static String address(String toolOutput) {
        return toolOutput.lines().map(String::strip).filter(l -> l.matches(".*0x[0-9a-fA-F]{40}.*")).findFirst()
                .map(l -> l.replaceAll(".*(0x[0-9a-fA-F]{40}).*", "$1"))
                .orElseThrow(() -> new AssertionError("no address in: " + toolOutput));
    }

    private static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> settings = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int equals = line.indexOf('=');
            if (!line.isBlank() && !line.startsWith("#") && equals > 0) {
                settings.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
        return settings;
    }

    private static Path nodeJar(Path root, String module) {
        try (var files = Files.list(root.resolve(module).resolve("target"))) {
            return files.filter(f -> f.getFileName().toString().matches(module + "-.*-exec\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + module + " jar: run ./mvnw -DskipTests package"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
