package org.hashbridge.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hashbridge.node.chain.DevAccounts;
import org.hashbridge.node.chain.DevWallets;
import org.hashbridge.protocol.NodeKeyStore;
import org.hashbridge.protocol.ReceiptAlgorithm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's handling of its arguments and files, before any chain is involved. */
class OperatorToolTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    @TempDir
    Path dir;

    private Path passwordFile;
    private Path wallet;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void files() throws IOException {
        passwordFile = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
        wallet = DevWallets.write(DevAccounts.hkGovernance(), PASSWORD, dir.resolve("hk-governance.json"));
    }

    @Test
    void withoutACommandItSaysOneIsMissing() {
        assertThat(run()).isEqualTo(ToolFailure.BAD_INPUT);
        assertOneErrorLine("Missing required subcommand");
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("keys", "deploy", "govern", "setup", "2  the chain is unreachable");
    }

    @Test
    void keysNodeMakesAKeyStoreTheNodeOpensWithItsPasswordForEitherReceiptAlgorithm() throws IOException {
        for (ReceiptAlgorithm algorithm : List.of(ReceiptAlgorithm.EDDSA, ReceiptAlgorithm.SM2)) {
            Path store = dir.resolve(algorithm + ".p12");
            assertThat(run("keys", "node", "--algorithm", algorithm.name(), "--out", store.toString(), "--password-file",
                    passwordFile.toString())).isZero();
            NodeKeyStore opened = NodeKeyStore.load(store, PASSWORD.toCharArray());
            assertThat(opened.receiptSigner().algorithm()).isEqualTo(algorithm);
            assertThat(opened.subjectKey()).hasSize(32);
            assertThat(out.toString()).contains("receipt key " + algorithm).doesNotContain(PASSWORD);
        }
    }

    @Test
    void keysNodeNeverOverwritesAStoreAndMakesNoES256Key() throws IOException {
        Path store = dir.resolve("node.p12");
        assertThat(run("keys", "node", "--out", store.toString(), "--password-file", passwordFile.toString())).isZero();
        byte[] first = Files.readAllBytes(store);
        assertThat(run("keys", "node", "--out", store.toString(), "--password-file", passwordFile.toString()))
                .isEqualTo(ToolFailure.BAD_INPUT);
        assertThat(Files.readAllBytes(store)).isEqualTo(first);
        assertThat(run("keys", "node", "--algorithm", "ES256", "--out", dir.resolve("es.p12").toString(),
                "--password-file", passwordFile.toString())).isEqualTo(ToolFailure.BAD_INPUT);
        assertThat(dir.resolve("es.p12")).doesNotExist();
    }

    @Test
    void rotateReceiptKeepsThePseudonymKeyAndRetiresEachOldReceiptKeyOnceAndPublicOnly() throws Exception {
        Path first = dir.resolve("node-1.p12");
        Path retired = dir.resolve("retired.json");
        NodeKeyStore original = NodeKeyStore.create(ReceiptAlgorithm.EDDSA, PASSWORD.toCharArray(), first);
        Path second = dir.resolve("node-2.p12");
        assertThat(run("keys", "rotate-receipt", "--key-store", first.toString(), "--out", second.toString(),
                "--retired", retired.toString(), "--password-file", passwordFile.toString())).isZero();
        Path third = dir.resolve("node-3.p12");
        assertThat(run("keys", "rotate-receipt", "--key-store", second.toString(), "--out", third.toString(),
                "--retired", retired.toString(), "--algorithm", "SM2", "--password-file", passwordFile.toString())).isZero();

        NodeKeyStore now = NodeKeyStore.load(third, PASSWORD.toCharArray());
        NodeKeyStore between = NodeKeyStore.load(second, PASSWORD.toCharArray());
        assertThat(now.subjectKey()).isEqualTo(between.subjectKey()).isEqualTo(original.subjectKey());
        assertThat(now.receiptSigner().algorithm()).isEqualTo(ReceiptAlgorithm.SM2);
        JWKSet retiredKeys = JWKSet.parse(Files.readString(retired));
        assertThat(retiredKeys.getKeys()).extracting(JWK::getKeyID)
                .containsExactly(original.receiptSigner().keyId(), between.receiptSigner().keyId());
        assertThat(retiredKeys.getKeys()).noneMatch(JWK::isPrivate);

        assertThat(run("keys", "rotate-receipt", "--key-store", first.toString(), "--out", third.toString(),
                "--retired", retired.toString(), "--password-file", passwordFile.toString()))
                .as("an existing store is never overwritten").isEqualTo(ToolFailure.BAD_INPUT);
        assertThat(NodeKeyStore.load(third, PASSWORD.toCharArray()).receiptSigner().keyId())
                .isEqualTo(now.receiptSigner().keyId());
    }

    @Test
    void keysAddressPrintsTheAccountOfAWalletFileItsPasswordOpens() {
        assertThat(run("keys", "address", "--key-file", wallet.toString(), "--password-file", passwordFile.toString()))
                .isZero();
        assertThat(out.toString().strip()).isEqualTo(DevAccounts.hkGovernance().address());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aWrongPasswordIsRefusedWithoutRepeatingIt() throws IOException {
        Path wrong = Files.writeString(dir.resolve("wrong"), "not the password\n");
        assertThat(run("keys", "address", "--key-file", wallet.toString(), "--password-file", wrong.toString()))
                .isEqualTo(ToolFailure.BAD_INPUT);
        assertOneErrorLine("the password does not open the key file " + wallet);
        assertThat(err.toString()).doesNotContain("not the password");
    }

    @Test
    void aFileThatIsNotAWalletIsNamed() throws IOException {
        Path notAWallet = Files.writeString(dir.resolve("key.txt"), "0xac0974bec39a17e36ba4a6b4d238ff944bacb478\n");
        assertThat(run("keys", "address", "--key-file", notAWallet.toString(), "--password-file",
                passwordFile.toString())).isEqualTo(ToolFailure.BAD_INPUT);
        assertOneErrorLine(notAWallet + " is not a wallet file");
        assertThat(err.toString()).doesNotContain("0xac0974");
    }

    @Test
    void missingAndEmptyPasswordFilesAreRefused() throws IOException {
        assertThat(run("keys", "address", "--key-file", wallet.toString(), "--password-file",
                dir.resolve("absent").toString())).isEqualTo(ToolFailure.BAD_INPUT);
        assertOneErrorLine("no password file");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        err.getBuffer().setLength(0);
        assertThat(run("keys", "account", "--out", dir.resolve("new.json").toString(), "--password-file",
                empty.toString())).isEqualTo(ToolFailure.BAD_INPUT);
        assertOneErrorLine("is empty");
        assertThat(dir.resolve("new.json")).doesNotExist();
    }

    @Test
    void keysAccountNeverOverwritesAKeyFile() throws IOException {
        byte[] before = Files.readAllBytes(wallet);
        assertThat(run("keys", "account", "--out", wallet.toString(), "--password-file", passwordFile.toString()))
                .isEqualTo(ToolFailure.BAD_INPUT);
        assertOneErrorLine("exists already");
        assertThat(Files.readAllBytes(wallet)).isEqualTo(before);
    }

    @Test
    void deployNeedsAGovernanceAccountPerJurisdictionAtLeastTwice() {
        assertThat(deploy("--governance", "HK=" + DevAccounts.hkGovernance().address())).isEqualTo(ToolFailure.BAD_INPUT);
        assertOneErrorLine("at least twice");
    }

    @Test
    void deployRefusesAMalformedJurisdictionOrAccount() {
        assertThat(deploy("--governance", "hk=" + DevAccounts.hkGovernance().address(),
                "--governance", "SZ=" + DevAccounts.szGovernance().address())).isEqualTo(ToolFailure.BAD_INPUT);
        assertOneErrorLine("--governance hk: a jurisdiction is 1 to 32 upper-case letters or digits");
        err.getBuffer().setLength(0);
        assertThat(deploy("--governance", "HK=" + DevAccounts.hkGovernance().address(),
                "--governance", "SZ=0x1234")).isEqualTo(ToolFailure.BAD_INPUT);
        assertOneErrorLine("--governance SZ=0x1234 is not a 20-byte hex address");
    }

    @Test
    void deployRefusesOneAccountForTwoJurisdictions() {
        String same = DevAccounts.hkGovernance().address();
        assertThat(deploy("--governance", "HK=" + same, "--governance", "SZ=" + same.toLowerCase()))
                .isEqualTo(ToolFailure.BAD_INPUT);
        assertOneErrorLine("each jurisdiction needs a governance account of its own");
    }

    @Test
    void governNeedsExactlyOneOfApproveAndExecute() {
        assertThat(govern("--approve", "--execute", "admit-jurisdiction", "HK", "hk")).isEqualTo(ToolFailure.BAD_INPUT);
        assertOneErrorLine("mutually exclusive");
        err.getBuffer().setLength(0);
        assertThat(govern("admit-jurisdiction", "HK", "hk")).isEqualTo(ToolFailure.BAD_INPUT);
        assertOneErrorLine("Missing required argument");
    }

    @Test
    void governRefusesAMalformedCallBeforeReadingAnyKey() {
        assertThat(govern("--approve", "admit-jurisdiction", "HK", "HKG")).isEqualTo(ToolFailure.BAD_INPUT);
        assertOneErrorLine("a namespace is two lower-case ASCII letters");
        err.getBuffer().setLength(0);
        assertThat(govern("--approve", "register-operator", "0xnope", "HK")).isEqualTo(ToolFailure.BAD_INPUT);
        assertOneErrorLine("not a 20-byte hex address");
    }

    @Test
    void aChainIdThatIsNotANumberIsAUsageError() {
        assertThat(run("deploy", "--rpc-url", "http://127.0.0.1:8545", "--chain-id", "anvil", "--key-file",
                wallet.toString(), "--password-file", passwordFile.toString(), "--governance", "HK=0x1"))
                .isEqualTo(ToolFailure.BAD_INPUT);
        assertOneErrorLine("--chain-id");
    }

    @Test
    void anRpcUrlThatIsNotHttpIsBadInputAndAnUnansweredOneIsUnreachable() {
        assertThat(run("govern", "--rpc-url", "127.0.0.1:8545", "--chain-id", "4242", "--registry", REGISTRY,
                "--key-file", wallet.toString(), "--password-file", passwordFile.toString(), "--approve",
                "deactivate-operator", DevAccounts.hkOperator().address())).isEqualTo(ToolFailure.BAD_INPUT);
        assertOneErrorLine("--rpc-url 127.0.0.1:8545 is not an http:// or https:// URL");
        err.getBuffer().setLength(0);
        assertThat(run("govern", "--rpc-url", "http://127.0.0.1:1", "--chain-id", "4242", "--registry", REGISTRY,
                "--key-file", wallet.toString(), "--password-file", passwordFile.toString(), "--approve",
                "deactivate-operator", DevAccounts.hkOperator().address())).isEqualTo(ToolFailure.UNREACHABLE);
        assertOneErrorLine("cannot reach the chain at http://127.0.0.1:1");
    }

    @Test
    void setupRefusesMalformedOperatorsAndOneAccountGoverningBothSides() {
        assertThat(setup(wallet, "0xnot-an-account")).isEqualTo(ToolFailure.BAD_INPUT);
        assertOneErrorLine("--sz-operator 0xnot-an-account is not a 20-byte hex address");
        err.getBuffer().setLength(0);
        assertThat(setup(wallet, DevAccounts.szOperator().address())).isEqualTo(ToolFailure.BAD_INPUT);
        assertOneErrorLine("the two governance key files hold the same account");
    }

    private int deploy(String... governance) {
        String[] args = {"deploy", "--rpc-url", "http://127.0.0.1:1", "--chain-id", "4242", "--key-file",
                wallet.toString(), "--password-file", passwordFile.toString()};
        return run(concat(args, governance));
    }

    private int govern(String... call) {
        String[] args = {"govern", "--rpc-url", "http://127.0.0.1:1", "--chain-id", "4242", "--registry", REGISTRY,
                "--key-file", wallet.toString(), "--password-file", passwordFile.toString()};
        return run(concat(args, call));
    }

    private int setup(Path szGovernance, String szOperator) {
        return run("setup", "--rpc-url", "http://127.0.0.1:1", "--chain-id", "4242", "--key-file", wallet.toString(),
                "--hk-governance-key-file", wallet.toString(), "--sz-governance-key-file", szGovernance.toString(),
                "--password-file", passwordFile.toString(), "--hk-operator", DevAccounts.hkOperator().address(),
                "--sz-operator", szOperator);
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private int run(String... args) {
        CommandLine cli = OperatorTool.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private void assertOneErrorLine(String expected) {
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("hashbridge-operator: ").contains(expected);
        assertThat(err.toString()).doesNotContain(PASSWORD).doesNotContain("\tat ");
    }
}
