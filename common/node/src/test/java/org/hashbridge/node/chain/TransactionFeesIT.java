package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hashbridge.node.chain.TestRegistry.HK_ISSUER;
import static org.hashbridge.node.chain.TestRegistry.randomHash;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hashbridge.protocol.Hash32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.web3j.protocol.core.methods.response.Transaction;

/**
 * The transactions a write is sent as, on real anvils: one that charges for gas (a base fee, as anvil by
 * default), and one where gas costs nothing ({@code --base-fee 0 --gas-price 0}), as on a QBFT network of
 * Besu nodes with {@code --min-gas-price=0} and {@code zeroBaseFee}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TransactionFeesIT {

    private static TestRegistry charging;
    private static TestRegistry free;

    @BeforeAll
    static void startAChargingAndAFreeChain() {
        charging = TestRegistry.start();
        free = TestRegistry.start(LocalChain.start(LocalChain.findAnvil(Path.of("")), 0, null, null,
                ChainSettings.ANVIL_CHAIN_ID, List.of("--base-fee", "0", "--gas-price", "0")));
    }

    @AfterAll
    static void stopChains() {
        for (TestRegistry registry : new TestRegistry[] {charging, free}) {
            if (registry != null) {
                registry.close();
            }
        }
    }

    @Test
    void legacyWritesAreType0AtAPriceTheNodeAsks() throws IOException {
        Transaction sent = anchorWith(charging, TransactionType.LEGACY, null);

        assertThat(sent.getType()).isEqualTo("0x0");
        assertThat(sent.getGasPrice()).isPositive();
    }

    @Test
    void eip1559WritesAreType2CappedAboveTheBaseFee() throws IOException {
        Transaction sent = anchorWith(charging, TransactionType.EIP1559, null);

        assertThat(sent.getType()).isEqualTo("0x2");
        assertThat(sent.getMaxPriorityFeePerGas()).isPositive();
        assertThat(sent.getMaxFeePerGas()).isGreaterThan(sent.getMaxPriorityFeePerGas());
    }

    @Test
    void automaticWritesAreEip1559OnAChainWithABaseFee() throws IOException {
        assertThat(anchorWith(charging, TransactionType.AUTO, null).getType()).isEqualTo("0x2");
    }

    @Test
    void aPriceOfZeroIsRefusedByAChainThatChargesAndNothingIsWritten() {
        Hash32 root = randomHash();
        try (Web3jRegistryChain client = Web3jRegistryChain.connect(charging.hkSettings
                .withFees(TransactionType.LEGACY, BigInteger.ZERO))) {
            assertThatThrownBy(() -> client.anchorRoot(HK_ISSUER, root, 1)).isInstanceOf(ChainUnavailable.class);
        }
        assertThat(charging.hk.finalState().anchor(HK_ISSUER, root)).isEmpty();
    }

    @Test
    void onAZeroGasChainWritesOfEitherTypeAtPriceZeroCostNothing() throws IOException {
        BigInteger before = free.anvil.balance(free.hk.operatorAddress());

        Transaction legacy = anchorWith(free, TransactionType.LEGACY, BigInteger.ZERO);
        Transaction eip1559 = anchorWith(free, TransactionType.EIP1559, BigInteger.ZERO);
        Transaction automatic = anchorWith(free, TransactionType.AUTO, BigInteger.ZERO);

        assertThat(legacy.getType()).isEqualTo("0x0");
        assertThat(legacy.getGasPrice()).isZero();
        assertThat(eip1559.getType()).isEqualTo("0x2");
        assertThat(eip1559.getMaxFeePerGas()).isZero();
        assertThat(automatic.getType()).isEqualTo("0x2");
        assertThat(free.anvil.balance(free.hk.operatorAddress())).isEqualTo(before);
    }

    /** Anchors a new root as the HK operator with these fees, and reads the transaction back from the chain. */
    private static Transaction anchorWith(TestRegistry registry, TransactionType type, BigInteger gasPrice)
            throws IOException {
        Hash32 root = randomHash();
        try (Web3jRegistryChain client = Web3jRegistryChain.connect(registry.hkSettings.withFees(type, gasPrice))) {
            ChainWrite write = client.anchorRoot(HK_ISSUER, root, 1);
            assertThat(registry.sz.finalState().anchor(HK_ISSUER, root)).isPresent();
            return registry.anvil.transaction(write.txHash());
        }
    }
}
