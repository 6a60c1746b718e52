package org.hashbridge.node.chain;

/**
 * The well-known development accounts every anvil (and Hardhat) chain funds, derived from the public
 * mnemonic {@value #MNEMONIC}. Their keys are published, so they are for a local chain, tests and the
 * sandbox only, never for a network anyone else can reach.
 */
public final class DevAccounts {

    public static final String MNEMONIC = "test test test test test test test test test test test junk";

    private DevAccounts() {
    }

    /** Account 0 (0xf39F…2266): deploys the registry, and is the Hong Kong governance account. */
    public static AccountKey hkGovernance() {
        return AccountKey.fromHex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    }

    /** Account 4 (0x15d3…6A65): the Shenzhen governance account. */
    public static AccountKey szGovernance() {
        return AccountKey.fromHex("0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a");
    }

    /** Account 1 (0x7099…79C8): the Hong Kong operator. */
    public static AccountKey hkOperator() {
        return AccountKey.fromHex(hkOperatorKeyHex());
    }

    /** Account 2 (0x3C44…93BC): the Shenzhen operator. */
    public static AccountKey szOperator() {
        return AccountKey.fromHex(szOperatorKeyHex());
    }

    /** The Hong Kong operator's private key as hex, for the key file a sandbox node reads. */
    public static String hkOperatorKeyHex() {
        return "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    }

    /** The Shenzhen operator's private key as hex, for the key file a sandbox node reads. */
    public static String szOperatorKeyHex() {
        return "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
    }

    /** Account 5 (0x9965…A4dc): funded, no role until governance admits it (a second Hong Kong account, in tests). */
    public static AccountKey spare() {
        return AccountKey.fromHex("0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba");
    }

    /** Account 3 (0x90F7…b906): funded, but no role in the registry. */
    public static AccountKey outsider() {
        return AccountKey.fromHex("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");
    }
}
