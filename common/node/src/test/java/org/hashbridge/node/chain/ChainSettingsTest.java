package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChainSettingsTest {

    private static final String REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    @Test
    void anvilDefaultsPollFastAndNeedNoConfirmations() {
        ChainSettings settings = ChainSettings.anvil("http://127.0.0.1:8545", REGISTRY, DevAccounts.hkOperator());

        assertThat(settings.chainId()).isEqualTo(31337);
        assertThat(settings.confirmations()).isZero();
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.withConfirmations(2).confirmations()).isEqualTo(2);
        assertThat(settings.transactionType()).isEqualTo(TransactionType.AUTO);
        assertThat(settings.gasPrice()).isNull();
    }

    @Test
    void aGasPriceOfZeroIsAcceptedANegativeOneIsNot() {
        ChainSettings valid = ChainSettings.anvil("http://127.0.0.1:8545", REGISTRY, DevAccounts.hkOperator());

        assertThat(valid.withFees(TransactionType.LEGACY, BigInteger.ZERO).gasPrice()).isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> valid.withFees(TransactionType.EIP1559, BigInteger.ONE.negate()));
        assertThatNullPointerException().isThrownBy(() -> valid.withFees(null, null));
    }

    @Test
    void refusesNonsense() {
        ChainSettings valid = ChainSettings.anvil("http://127.0.0.1:8545", REGISTRY, DevAccounts.hkOperator());

        assertThatIllegalArgumentException().isThrownBy(() -> valid.withConfirmations(-1));
        assertThatIllegalArgumentException().isThrownBy(() -> new ChainSettings(valid.rpcUrl(), "0x1234",
                valid.operatorKey(), 31337, 0, valid.pollInterval(), valid.timeout()));
        assertThatIllegalArgumentException().isThrownBy(() -> new ChainSettings(valid.rpcUrl(), REGISTRY,
                valid.operatorKey(), 0, 0, valid.pollInterval(), valid.timeout()));
        assertThatIllegalArgumentException().isThrownBy(() -> new ChainSettings(valid.rpcUrl(), REGISTRY,
                valid.operatorKey(), 31337, 0, Duration.ZERO, valid.timeout()));
    }
}
