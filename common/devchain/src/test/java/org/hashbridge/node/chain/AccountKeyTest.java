package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class AccountKeyTest {

    private static final String KEY_0 = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    @Test
    void derivesTheChecksummedAddress() {
        assertThat(AccountKey.fromHex("0x" + KEY_0).address())
                .isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        assertThat(AccountKey.fromHex(KEY_0).address())
                .isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    }

    @Test
    void neverShowsTheKey() {
        AccountKey key = AccountKey.fromHex(KEY_0);

        assertThat(key.toString()).doesNotContain(KEY_0).contains(key.address());
        assertThat(ChainSettings.anvil("http://127.0.0.1:8545", key.address(), key).toString())
                .doesNotContain(KEY_0);
    }

    @Test
    void refusesMalformedKeysWithoutRepeatingThem() {
        String tooShort = KEY_0.substring(2);
        assertThatIllegalArgumentException().isThrownBy(() -> AccountKey.fromHex(tooShort))
                .withMessageNotContaining(tooShort);
        assertThatIllegalArgumentException().isThrownBy(() -> AccountKey.fromHex("zz" + tooShort));
        assertThatIllegalArgumentException().isThrownBy(() -> AccountKey.fromHex("00".repeat(32)));
        assertThatIllegalArgumentException().isThrownBy(() -> AccountKey.fromHex("ff".repeat(32)));
    }

    @Test
    void devAccountsAreTheMnemonicsFirstFour() {
        assertThat(DevAccounts.hkGovernance().address()).isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        assertThat(DevAccounts.hkOperator().address()).isEqualTo("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        assertThat(DevAccounts.szOperator().address()).isEqualTo("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
        assertThat(DevAccounts.outsider().address()).isEqualTo("0x90F79bf6EB2c4f870365E785982E1f101E93b906");
        assertThat(DevAccounts.szGovernance().address()).isEqualTo("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65");
    }
}
