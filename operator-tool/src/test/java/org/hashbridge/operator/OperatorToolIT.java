package org.hashbridge.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hashbridge.node.chain.AccountKey;
import org.hashbridge.node.chain.ChainSettings;
import org.hashbridge.node.chain.DevAccounts;
import org.hashbridge.node.chain.DevWallets;
import org.hashbridge.node.chain.LocalChain;
import org.hashbridge.node.chain.OperatorOnChain;
import org.hashbridge.node.chain.RegistryGovernance;
import org.hashbridge.node.chain.RegistryState;
import org.hashbridge.node.chain.Web3jRegistryChain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool's jar run as a process, as an operator runs it, against anvil on a chain id that is not anvil's
 * own; what it did is read back from the registry through the chain client the nodes use.
 */
class OperatorToolIT {

    private static final long CHAIN_ID = 4242;
    private static final String PASSWORD = "two sides, one registry";
    private static final Path JAR = Path.of(System.getProperty("operator.jar", "target/hashbridge-operator.jar"));

    private static LocalChain chain;
    @TempDir
    static Path dir;
    private static Path passwordFile;
    private static Path deployer;
    private static Path hkGovernance;
    private static Path szGovernance;
    private static Path outsider;

    @BeforeAll
    static void chainAndWallets() throws IOException {
        chain = LocalChain.start(LocalChain.findAnvil(Path.of("")), 0, null, null, CHAIN_ID);
        passwordFile = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
        deployer = DevWallets.write(DevAccounts.spare(), PASSWORD, dir.resolve("deployer.json"));
        hkGovernance = DevWallets.write(DevAccounts.hkGovernance(), PASSWORD, dir.resolve("hk-governance.json"));
        szGovernance = DevWallets.write(DevAccounts.szGovernance(), PASSWORD, dir.resolve("sz-governance.json"));
        outsider = DevWallets.write(DevAccounts.outsider(), PASSWORD, dir.resolve("outsider.json"));
    }

    @AfterAll
    static void stopChain() {
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void setupAdmitsBothJurisdictionsAndRegistersBothOperatorsAndARerunChangesNothing() throws IOException {
        Path keyFile = dir.resolve("hk-operator.json");
        Run account = tool("keys", "account", "--out", keyFile.toString(), "--password-file", passwordFile.toString());
        assertThat(account.exitCode).isZero();
        String hkOperator = account.stdout.strip();
        assertThat(hkOperator).matches("0x[0-9a-fA-F]{40}");
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        // scrypt at N = 2^16 (64 MiB), which a node opens within its 256 MiB heap; reading such a file back is WalletsTest's
        assertThat(Files.readString(keyFile)).contains("\"kdf\":\"scrypt\"", "\"n\":65536",
                "\"address\":\"" + hkOperator.substring(2).toLowerCase() + "\"");
        String szOperator = DevAccounts.szOperator().address();

        Path env = dir.resolve("node.env");
        Run first = setup(hkOperator, szOperator, "--out", env.toString());
        assertThat(first.exitCode).as(first.stderr).isZero();
        List<String> settings = first.stdout.lines().toList();
        assertThat(settings).hasSize(2);
        assertThat(settings.get(0)).isEqualTo("HASHBRIDGE_CHAIN_CHAIN_ID=" + CHAIN_ID);
        assertThat(settings.get(1)).matches("HASHBRIDGE_CHAIN_REGISTRY_ADDRESS=0x[0-9a-fA-F]{40}");
        assertThat(Files.readAllLines(env)).containsAll(settings);
        String registry = settings.get(1).substring(settings.get(1).indexOf('=') + 1);

        try (Web3jRegistryChain client = reader(registry)) {
            RegistryState state = client.finalState();
            assertThat(state.namespace("HK")).contains("hk");
            assertThat(state.namespace("SZ")).contains("cn");
            assertThat(state.operator(hkOperator)).contains(new OperatorOnChain("HK", true));
            assertThat(state.operator(szOperator)).contains(new OperatorOnChain("SZ", true));
            long head = client.head();

            Run again = setup(hkOperator, szOperator, "--out", env.toString());
            assertThat(again.exitCode).as(again.stderr).isZero();
            assertThat(again.stdout.lines().toList()).isEqualTo(settings);
            assertThat(again.stderr).contains("HK admitted already", "SZ admitted already",
                    "operator " + hkOperator + " of HK registered already",
                    "operator " + szOperator + " of SZ registered already");
            assertThat(client.head()).as("no transaction sent by the rerun").isEqualTo(head);
        }
        try (RegistryGovernance governance = RegistryGovernance.connect(chain.rpcUrl(), registry, DevAccounts.outsider())) {
            assertThat(governance.approvers()).containsExactlyInAnyOrder(DevAccounts.hkGovernance().address(),
                    DevAccounts.szGovernance().address());
        }
        assertThat(account.stdout + account.stderr + first.stdout + first.stderr).doesNotContain(PASSWORD);
    }

    @Test
    void aGovernanceCallIsApprovedByOneSideAndExecutedByTheOtherAndSetupGoesOnFromThere() throws IOException {
        Run deploy = tool("deploy", "--rpc-url", chain.rpcUrl(), "--chain-id", Long.toString(CHAIN_ID), "--key-file",
                deployer.toString(), "--password-file", passwordFile.toString(),
                "--governance", "HK=" + DevAccounts.hkGovernance().address(),
                "--governance", "SZ=" + DevAccounts.szGovernance().address());
        assertThat(deploy.exitCode).as(deploy.stderr).isZero();
        assertThat(deploy.stdout.lines()).hasSize(2).first().asString().startsWith("registry=0x");
        String registry = deploy.stdout.lines().findFirst().orElseThrow().substring("registry=".length());

        Run approve = govern(registry, szGovernance, "--approve", "admit-jurisdiction", "HK", "hk");
        assertThat(approve.exitCode).as(approve.stderr).isZero();
        assertThat(approve.stdout).startsWith("approved admitJurisdiction as " + DevAccounts.szGovernance().address());
        try (Web3jRegistryChain client = reader(registry)) {
            assertThat(client.finalState().namespace("HK")).as("approved, not yet executed").isEmpty();
        }
        Run execute = govern(registry, hkGovernance, "--execute", "admit-jurisdiction", "HK", "hk");
        assertThat(execute.exitCode).as(execute.stderr).isZero();
        assertThat(execute.stdout).startsWith("executed admitJurisdiction in transaction 0x");

        Run setup = setup(DevAccounts.hkOperator().address(), DevAccounts.szOperator().address(), "--registry", registry);
        assertThat(setup.exitCode).as(setup.stderr).isZero();
        assertThat(setup.stderr).contains("HK admitted already (namespace hk): skipped", "admitted SZ (namespace cn)")
                .doesNotContain("deployed the registry");
        assertThat(setup.stdout).contains("HASHBRIDGE_CHAIN_REGISTRY_ADDRESS=" + registry);
        try (Web3jRegistryChain client = reader(registry)) {
            assertThat(client.finalState().operator(DevAccounts.hkOperator().address()))
                    .contains(new OperatorOnChain("HK", true));
        }
    }

    @Test
    void eachRefusalIsOneLineWithItsExitCodeAndNothingOnChain() throws Exception {
        String registry = RegistryGovernance.deploy(chain.rpcUrl(), DevAccounts.spare(), List.of(
                DevAccounts.hkGovernance().address(), DevAccounts.szGovernance().address())).registry();
        String operator = DevAccounts.hkOperator().address();
        Path wrongPassword = Files.writeString(dir.resolve("wrong-password"), "guessed\n");
        try (Web3jRegistryChain client = reader(registry)) {
            long head = client.head();
            // independent refusals, run side by side
            CompletableFuture<Run> wrongChain = CompletableFuture.supplyAsync(() -> tool(setupArgs("--rpc-url",
                    chain.rpcUrl(), "--chain-id", "31337", operator)));
            CompletableFuture<Run> unreachable = CompletableFuture.supplyAsync(() -> tool(setupArgs("--rpc-url",
                    "http://127.0.0.1:1", "--chain-id", Long.toString(CHAIN_ID), operator)));
            CompletableFuture<Run> wrong = CompletableFuture.supplyAsync(() -> govern(registry, hkGovernance,
                    wrongPassword, "--approve", "register-operator", DevAccounts.outsider().address(), "HK"));
            CompletableFuture<Run> early = CompletableFuture.supplyAsync(() -> govern(registry, hkGovernance,
                    "--execute", "admit-jurisdiction", "HK", "hk"));
            Run notGovernance = govern(registry, outsider, passwordFile, "--approve", "register-operator",
                    DevAccounts.outsider().address(), "HK");

            assertThat(wrongChain.get().exitCode).isEqualTo(ToolFailure.BAD_INPUT);
            assertOneLine(wrongChain.get(), "has chain id " + CHAIN_ID + ", not the 31337 given with --chain-id");
            assertThat(unreachable.get().exitCode).isEqualTo(ToolFailure.UNREACHABLE);
            assertOneLine(unreachable.get(), "cannot reach the chain at http://127.0.0.1:1");
            assertThat(wrong.get().exitCode).isEqualTo(ToolFailure.BAD_INPUT);
            assertOneLine(wrong.get(), "the password does not open the key file " + hkGovernance);
            assertThat(wrong.get().stderr).doesNotContain("guessed");
            assertThat(notGovernance.exitCode).isEqualTo(ToolFailure.BAD_INPUT);
            assertOneLine(notGovernance, DevAccounts.outsider().address() + " is not a governance account of the "
                    + "registry " + registry);
            assertThat(early.get().exitCode).as("executed before the other side approved").isEqualTo(ToolFailure.BAD_INPUT);
            assertOneLine(early.get(), "GS025");
            assertThat(client.head()).as("nothing sent").isEqualTo(head);
        }
    }

    private static Web3jRegistryChain reader(String registry) {
        AccountKey anyone = DevAccounts.outsider();
        return Web3jRegistryChain.connect(new ChainSettings(chain.rpcUrl(), registry, anyone, CHAIN_ID, 0,
                ChainSettings.DEFAULT_POLL_INTERVAL, ChainSettings.DEFAULT_TIMEOUT));
    }

    private static Run setup(String hkOperator, String szOperator, String... more) {
        List<String> args = new ArrayList<>(List.of(setupArgs("--rpc-url", chain.rpcUrl(), "--chain-id",
                Long.toString(CHAIN_ID), hkOperator)));
        args.set(args.indexOf("--sz-operator") + 1, szOperator);
        args.addAll(List.of(more));
        return tool(args.toArray(String[]::new));
    }

    private static String[] setupArgs(String rpcOption, String rpcUrl, String chainOption, String chainId,
                                      String hkOperator) {
        return new String[] {"setup", rpcOption, rpcUrl, chainOption, chainId, "--key-file", deployer.toString(),
                "--hk-governance-key-file", hkGovernance.toString(), "--sz-governance-key-file", szGovernance.toString(),
                "--password-file", passwordFile.toString(), "--hk-operator", hkOperator,
                "--sz-operator", DevAccounts.szOperator().address()};
    }

    private static Run govern(String registry, Path key, String... call) {
        return govern(registry, key, passwordFile, call);
    }

    private static Run govern(String registry, Path key, Path password, String... call) {
        List<String> args = new ArrayList<>(List.of("govern", "--rpc-url", chain.rpcUrl(), "--chain-id",
                Long.toString(CHAIN_ID), "--registry", registry, "--key-file", key.toString(),
                "--password-file", password.toString()));
        args.addAll(List.of(call));
        return tool(args.toArray(String[]::new));
    }

    private static void assertOneLine(Run run, String expected) {
        assertThat(run.stderr.lines()).singleElement().asString().startsWith("hashbridge-operator: ").contains(expected);
        assertThat(run.stdout).isEmpty();
        assertThat(run.stderr).doesNotContain(PASSWORD);
    }

    private static Run tool(String... args) {
        try {
            return run(args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Run run(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(dir, "stdout", ".txt");
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            if (!process.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("hashbridge-operator " + String.join(" ", args) + " ran over 60 s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
        return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }
}
