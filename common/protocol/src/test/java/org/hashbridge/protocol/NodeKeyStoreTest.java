package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NodeKeyStoreTest {

    private static final char[] PASSWORD = "correct horse battery".toCharArray();

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(value = ReceiptAlgorithm.class, names = {"EDDSA", "SM2"})
    void aStoreLoadsTheKeysItWasCreatedWith(ReceiptAlgorithm algorithm) {
        Path file = directory.resolve("node.p12");
        NodeKeyStore created = NodeKeyStore.create(algorithm, PASSWORD, file);

        NodeKeyStore loaded = NodeKeyStore.load(file, PASSWORD);

        assertThat(loaded.receiptSigner().algorithm()).isEqualTo(algorithm);
        assertThat(loaded.receiptSigner().keyId()).isEqualTo(created.receiptSigner().keyId());
        assertThat(loaded.receiptSigner().privateJwkJson()).isEqualTo(created.receiptSigner().privateJwkJson());
        assertThat(loaded.subjectKey()).hasSize(32).isEqualTo(created.subjectKey());
        String jws = loaded.receiptSigner().sign(Fixtures.receipt());
        assertThat(ReceiptVerifier.of(created.receiptSigner().publicKeys()).verify(jws)).isEqualTo(Fixtures.receipt());
    }

    @ParameterizedTest
    @EnumSource(value = ReceiptAlgorithm.class, names = {"EDDSA", "SM2"})
    void aWrongPasswordIsRefusedWithoutShowingEitherPassword(ReceiptAlgorithm algorithm) {
        Path file = directory.resolve("node.p12");
        NodeKeyStore.create(algorithm, PASSWORD, file);

        assertThatThrownBy(() -> NodeKeyStore.load(file, "wrong-guess".toCharArray()))
                .isInstanceOf(NodeKeyStore.KeyStoreProblem.class)
                .hasMessageContaining("password of the key store " + file + " is wrong")
                .hasMessageNotContaining("wrong-guess").hasMessageNotContaining("correct horse");
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = directory.resolve("absent.p12");
        assertThatThrownBy(() -> NodeKeyStore.load(file, PASSWORD))
                .isInstanceOf(NodeKeyStore.KeyStoreProblem.class).hasMessageContaining(file.toString());
    }

    @Test
    void toStringShowsNoKey() {
        NodeKeyStore store = NodeKeyStore.create(ReceiptAlgorithm.EDDSA, PASSWORD, directory.resolve("node.p12"));
        String d = store.receiptSigner().privateJwkJson().replaceAll(".*\"d\":\"([^\"]+)\".*", "$1");

        assertThat(store.toString()).contains(store.receiptSigner().keyId()).doesNotContain(d)
                .doesNotContain(java.util.HexFormat.of().formatHex(store.subjectKey()));
    }

    @Test
    void aStoreMadeWithKeytoolLoads() throws Exception {
        Path file = directory.resolve("keytool.p12");
        keytool("-genkeypair", "-alias", "receipt", "-keyalg", "Ed25519", "-dname", "CN=sz receipts", "-keystore", file);
        keytool("-genseckey", "-alias", "subject", "-keyalg", "HmacSHA256", "-keysize", "256", "-keystore", file);

        NodeKeyStore store = NodeKeyStore.load(file, PASSWORD);

        assertThat(store.receiptSigner().algorithm()).isEqualTo(ReceiptAlgorithm.EDDSA);
        assertThat(store.subjectKey()).hasSize(32);
        String jws = store.receiptSigner().sign(Fixtures.receipt());
        assertThat(ReceiptVerifier.of(store.receiptSigner().publicKeys()).verify(jws)).isEqualTo(Fixtures.receipt());
    }

    @Test
    void aStoreWhoseAliasesAreNamedOtherwiseIsRefusedNamingTheAlias() throws Exception {
        Path file = directory.resolve("keytool.p12");
        keytool("-genkeypair", "-alias", "signing", "-keyalg", "Ed25519", "-dname", "CN=sz receipts", "-keystore", file);
        keytool("-genseckey", "-alias", "subject", "-keyalg", "HmacSHA256", "-keysize", "256", "-keystore", file);

        assertThatThrownBy(() -> NodeKeyStore.load(file, PASSWORD))
                .isInstanceOf(NodeKeyStore.KeyStoreProblem.class).hasMessageContaining("no alias 'receipt'");
    }

    private static void keytool(Object... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)));
        for (Object argument : arguments) {
            command.add(argument.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
    }
}
