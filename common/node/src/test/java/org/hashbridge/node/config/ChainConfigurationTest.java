package org.hashbridge.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hashbridge.node.chain.DevAccounts;
import org.hashbridge.node.startup.StartRefused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Wallet;

/** The operator key from its wallet file, and each way a wallet file can fail, named without its password. */
class ChainConfigurationTest {

    private static final String PASSWORD = "wallet password for tests";

    @TempDir
    Path directory;

    @Test
    void aWalletFileAndItsPasswordFileGiveTheOperatorsAccount() throws Exception {
        Path wallet = wallet(PASSWORD);

        assertThat(ChainConfiguration.operatorKey(chain(wallet, passwordFile(PASSWORD + "\n"))).address())
                .isEqualTo(DevAccounts.szOperator().address());
    }

    @Test
    void aWrongPasswordIsNamedWithTheFileNeverThePassword() throws Exception {
        Path wallet = wallet("the real one");

        assertThatThrownBy(() -> ChainConfiguration.operatorKey(chain(wallet, passwordFile(PASSWORD))))
                .isInstanceOf(StartRefused.class)
                .hasMessageContaining("hashbridge.chain.operator-key-file " + wallet)
                .hasMessageContaining("is not opened by its password")
                .hasMessageNotContaining(PASSWORD).hasMessageNotContaining("the real one");
    }

    @Test
    void aMissingOrForeignFileIsNamed() throws IOException {
        Path missing = directory.resolve("absent.json");
        assertThatThrownBy(() -> ChainConfiguration.operatorKey(chain(missing, passwordFile(PASSWORD))))
                .isInstanceOf(StartRefused.class).hasMessageContaining(missing + " does not exist");

        Path hex = directory.resolve("operator.key");
        Files.writeString(hex, DevAccounts.szOperatorKeyHex());
        assertThatThrownBy(() -> ChainConfiguration.operatorKey(chain(hex, passwordFile(PASSWORD))))
                .isInstanceOf(StartRefused.class).hasMessageContaining("is not a web3j wallet file")
                .hasMessageNotContaining(DevAccounts.szOperatorKeyHex().substring(2, 18));
    }

    @Test
    void aWalletFileWithoutAPasswordIsAMissingSetting() {
        assertThatThrownBy(() -> ChainConfiguration.operatorKey(chain(directory.resolve("w.json"), null)))
                .isInstanceOf(StartRefused.class).hasMessageContaining("hashbridge.chain.operator-key-password or "
                        + "hashbridge.chain.operator-key-password-file");
    }

    private ChainProperties chain(Path wallet, Path passwordFile) {
        return new ChainProperties("http://127.0.0.1:8545", "0x5FbDB2315678afecb367f032d93F642f64180aa3", null, wallet,
                null, passwordFile, 31337, 0, null, null, 0, 0, null, null, null, null, null);
    }

    private Path wallet(String password) throws Exception {
        Path file = directory.resolve("operator.json");
        ECKeyPair pair = ECKeyPair.create(new BigInteger(DevAccounts.szOperatorKeyHex().replaceFirst("^0x", ""), 16));
        Files.writeString(file, new ObjectMapper().writeValueAsString(Wallet.createLight(password, pair)));
        return file;
    }

    private Path passwordFile(String content) throws IOException {
        Path file = directory.resolve("password");
        Files.writeString(file, content);
        return file;
    }
}
