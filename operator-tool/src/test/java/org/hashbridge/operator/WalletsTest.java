package org.hashbridge.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalletsTest {

    @TempDir
    Path dir;

    @Test
    void aCreatedWalletOpensWithItsPasswordOnlyAndHoldsTheAccountPrinted() throws Exception {
        Path wallet = dir.resolve("keys/operator.json");
        String address = Wallets.create(wallet, "pass phrase");

        assertThat(Wallets.load(wallet, "pass phrase").address()).isEqualTo(address);
        assertThat(Files.readString(wallet)).doesNotContain("pass phrase");
        assertThatThrownBy(() -> Wallets.load(wallet, "pass phrase ")).isInstanceOf(ToolFailure.class)
                .hasMessage("the password does not open the key file " + wallet);
    }

    @Test
    void thePasswordIsTheFirstLineWithoutItsLineBreak() throws Exception {
        Path file = Files.writeString(dir.resolve("password"), "  spaced out  \r\nsecond line\n");
        assertThat(Wallets.password(file)).isEqualTo("  spaced out  ");
    }
}
