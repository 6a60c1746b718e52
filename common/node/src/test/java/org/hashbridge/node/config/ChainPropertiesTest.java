package org.hashbridge.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.hashbridge.node.chain.TransactionType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** How the transaction settings of {@code hashbridge.chain} read from configuration. */
class ChainPropertiesTest {

    @Test
    void writesAreAutomaticAtTheNodesPriceUnlessSet() {
        ChainProperties chain = bind(Map.of());

        assertThat(chain.transactionType()).isEqualTo(TransactionType.AUTO);
        assertThat(chain.gasPrice()).isNull();
    }

    @Test
    void aZeroGasNetworkSetsTheTypeAndAPriceOfZero() {
        ChainProperties chain = bind(Map.of("hashbridge.chain.transaction-type", "legacy",
                "hashbridge.chain.gas-price", "0"));

        assertThat(chain.transactionType()).isEqualTo(TransactionType.LEGACY);
        assertThat(chain.gasPrice()).isEqualTo(BigInteger.ZERO);
        assertThat(bind(Map.of("hashbridge.chain.transaction-type", "eip1559")).transactionType())
                .isEqualTo(TransactionType.EIP1559);
    }

    @Test
    void anUnknownTransactionTypeIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("hashbridge.chain.transaction-type", "eip4844")))
                .isInstanceOf(BindException.class);
    }

    private static ChainProperties bind(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("hashbridge.chain.rpc-url", "http://127.0.0.1:8545");
        all.put("hashbridge.chain.registry-address", "0x5FbDB2315678afecb367f032d93F642f64180aa3");
        return new Binder(new MapConfigurationPropertySource(all)).bind("hashbridge.chain", ChainProperties.class).get();
    }
}
