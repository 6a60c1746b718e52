package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hashbridge.node.HashBridgeNode;
import org.hashbridge.node.chain.DevAccounts;
import org.hashbridge.node.chain.DevRegistry;
import org.hashbridge.node.chain.LocalChain;
import org.hashbridge.node.chain.RegistryGovernance;
import org.hashbridge.node.startup.StartRefused;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A node started with a setting missing or wrong refuses to start, quickly, with one report that names the setting
 * (Spring Boot's "Description / Action", no stack trace), and {@code --help} starts nothing. The sz-node jar runs as
 * its own process, as an operator starts it, for {@code --help}, missing settings and a database that refuses the
 * user (side by side, while the other cases run); the refusals of the chain, the registry, the operator account and
 * the key file run the node in this JVM, which is faster than a JVM of their own. One anvil with the registry, one
 * PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeStartRefusalIT {

    private static final Duration QUICKLY = Duration.ofSeconds(75);

    private final Path root = SandboxExtension.repositoryRoot();
    private final Path home = root.resolve("sandbox/target/it-start-refusal");
    private LocalChain chain;
    private EmbeddedPostgres database;
    private RegistryGovernance.Deployment registry;
    private Path wallet;
    private Path walletPassword;
    private CompletableFuture<NodeProcess.Ended> help;
    private CompletableFuture<NodeProcess.Ended> nothingSet;
    private CompletableFuture<NodeProcess.Ended> unknownUser;

    @BeforeAll
    void chainAndDatabase() throws IOException {
        Sandbox.deleteRecursively(home);
        chain = LocalChain.start(LocalChain.findAnvil(root), 0, null);
        registry = DevRegistry.deploy(chain.rpcUrl());
        database = EmbeddedPostgres.builder().setDataDirectory(home.resolve("postgres"))
                .setOverrideWorkingDirectory(home.resolve("postgres-runtime").toFile()).start();
        wallet = home.resolve("sz-operator.json");
        walletPassword = home.resolve("sz-operator.password");
        SandboxSetup.writeWallet(wallet, walletPassword, DevAccounts.szOperatorKeyHex());
        startProcesses();
    }

    @AfterAll
    void stop() throws IOException {
        for (var process : java.util.Arrays.asList(help, nothingSet, unknownUser)) {
            if (process != null) {
                process.exceptionally(failure -> null).join();
            }
        }
        if (database != null) {
            database.close();
        }
        if (chain != null) {
            chain.close();
        }
    }

    private String databaseUrl() {
        return "jdbc:postgresql://localhost:" + database.getPort() + "/postgres";
    }

    /** Settings a Shenzhen node starts with, each of which the cases below break one at a time. */
    private List<String> settings(String name, String... changes) {
        List<String> settings = new ArrayList<>(List.of(
                "--spring.datasource.url=" + databaseUrl(),
                "--spring.datasource.username=postgres",
                "--hashbridge.chain.rpc-url=" + chain.rpcUrl(),
                "--hashbridge.chain.chain-id=31337",
                "--hashbridge.chain.registry-address=" + registry.registry(),
                "--hashbridge.chain.operator-key-file=" + wallet,
                "--hashbridge.chain.operator-key-password-file=" + walletPassword,
                "--hashbridge.node.generate-keys=true",
                "--hashbridge.node.data-directory=" + home.resolve(name),
                "--hashbridge.institution.registration-interval=1h",
                "--server.port=0", "--spring.main.banner-mode=off"));
        for (String change : changes) {
            settings.removeIf(s -> s.startsWith(change.substring(0, change.indexOf('=') + 1)));
            if (!change.endsWith("=")) {
                settings.add(change);
            }
        }
        return settings;
    }

    /** Started with the chain and the database, so that they run while the cases in this JVM do. */
    private void startProcesses() {
        Path jar = NodeProcess.jar(root, "sz-node");
        help = CompletableFuture.supplyAsync(() -> NodeProcess.runToEnd(jar, List.of("--help"), home.resolve("help"), QUICKLY));
        nothingSet = CompletableFuture.supplyAsync(() -> NodeProcess.runToEnd(jar, List.of(), home.resolve("bare"), QUICKLY));
        unknownUser = CompletableFuture.supplyAsync(() -> NodeProcess.runToEnd(jar,
                settings("user", "--spring.datasource.username=nobody_here"), home.resolve("user"), QUICKLY));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void theJarRefusesEachStartItCannotServeWithOneReportAndHelpStartsNothing() {
        NodeProcess.Ended helped = help.join();
        assertThat(helped.exitCode()).isZero();
        assertThat(helped.output()).contains("hashbridge.chain.rpc-url  [HASHBRIDGE_CHAIN_RPC_URL]",
                "hashbridge.receipts.key-store", "spring.datasource.url").doesNotContain("Starting", "PostgreSQL started");
        assertThat(home.resolve("help/.hashbridge")).doesNotExist();

        NodeProcess.Ended bare = nothingSet.join();
        assertRefused(bare, "spring.datasource.url", "hashbridge.chain.rpc-url", "hashbridge.chain.chain-id",
                "hashbridge.chain.registry-address", "hashbridge.chain.operator-key-file", "hashbridge.receipts.key-store");
        assertThat(bare.output()).doesNotContain("Tomcat", "HikariPool");
        assertThat(home.resolve("bare/.hashbridge")).doesNotExist();

        assertRefused(unknownUser.join(), "refused user nobody_here", databaseUrl());
    }

    /** This node got as far as its keys and the chain before it was refused: its log holds none of its secrets. */
    @Test
    void aChainOfAnotherIdIsRefusedNamingBothIdsAndTheLogHoldsNoSecret() throws IOException {
        List<String> logged;
        try (LogCapture log = new LogCapture()) {
            assertThatThrownBy(() -> startHere(settings("chain", "--hashbridge.chain.chain-id=2026")))
                    .satisfies(failure -> assertThat(refusal(failure)).contains("chain id 31337", "configured for 2026",
                            "hashbridge.chain.chain-id", chain.rpcUrl()));
            logged = log.events().stream().map(event -> event.getFormattedMessage() + " " + event.getThrowableProxy())
                    .toList();
        }
        Path keys = home.resolve("chain/keys");
        String receiptKey = Files.readString(keys.resolve("receipt-key-ed25519.jwk")).replaceAll(".*\"d\":\"([^\"]+)\".*", "$1");
        assertThat(logged).isNotEmpty().noneSatisfy(line -> assertThat(line).containsAnyOf(
                Files.readString(walletPassword).strip(), DevAccounts.szOperatorKeyHex().replaceFirst("^0x", "").substring(0, 16),
                Files.readString(keys.resolve("subject.key")).strip().substring(0, 16), receiptKey));
    }

    private static void assertRefused(NodeProcess.Ended ended, String... named) {
        assertThat(ended.exitCode()).as(ended.output() + ended.error()).isNotZero();
        assertThat(ended.error()).contains("APPLICATION FAILED TO START", "Description:", "Action:").contains(named)
                .doesNotContain("\tat ", "Exception");
        assertThat(ended.output()).doesNotContain("\tat ").doesNotContain("rpcUrl");
        assertThat(ended.took()).isLessThan(QUICKLY);
    }

    @Test
    void aWalletItsPasswordDoesNotOpenIsRefusedNamingTheFileNotThePassword() throws IOException {
        Path wrong = home.resolve("wrong.password");
        Files.writeString(wrong, "not-the-password");
        assertThatThrownBy(() -> startHere(settings("wallet", "--hashbridge.chain.operator-key-password-file=" + wrong)))
                .satisfies(failure -> assertThat(refusal(failure)).contains(wallet.toString(), "password")
                        .doesNotContain("not-the-password"));
    }

    @Test
    void anAddressWithoutARegistryIsRefused() {
        String nothingThere = "0x000000000000000000000000000000000000dEaD";
        assertThatThrownBy(() -> startHere(settings("empty", "--hashbridge.chain.registry-address=" + nothingThere)))
                .satisfies(failure -> assertThat(refusal(failure)).contains("No HashBridge registry", nothingThere,
                        "hashbridge.chain.registry-address"));
    }

    @Test
    void aContractThatIsNoRegistryOfThisVersionIsRefused() {
        assertThatThrownBy(() -> startHere(settings("safe", "--hashbridge.chain.registry-address=" + registry.governance())))
                .satisfies(failure -> assertThat(refusal(failure)).contains(registry.governance())
                        .containsAnyOf("this node needs version 3", "No HashBridge registry"));
    }

    @Test
    void anAccountThatIsNoOperatorOfThisJurisdictionIsRefused() {
        assertThatThrownBy(() -> startHere(settings("foreign", "--hashbridge.node.operator=hk",
                "--hashbridge.node.jurisdiction=HK")))
                .satisfies(failure -> assertThat(refusal(failure)).contains(DevAccounts.szOperator().address(),
                        "an operator of SZ", "not an active operator of jurisdiction HK"));
    }

    private static void startHere(List<String> settings) {
        HashBridgeNode.run("sz-node", settings.toArray(String[]::new)).close();
    }

    /** The refusal's description, as the report shows it. */
    private static String refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StartRefused refused) {
                return refused.getMessage();
            }
        }
        throw new AssertionError("not refused, failed", failure);
    }
}
