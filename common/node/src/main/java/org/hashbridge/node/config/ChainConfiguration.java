package org.hashbridge.node.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.hashbridge.node.chain.AccountKey;
import org.hashbridge.node.chain.ChainSettings;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.Web3jRegistryChain;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Connects the node to the registry with its operator account. */
@Configuration(proxyBeanMethods = false)
class ChainConfiguration {

    @Bean(destroyMethod = "close")
    Web3jRegistryChain registryChain(ChainProperties chain, MeterRegistry meters) {
        ChainSettings settings = new ChainSettings(chain.rpcUrl(), chain.registryAddress(), operatorKey(chain),
                chain.chainId(), chain.confirmations(), chain.pollInterval(), chain.timeout(), chain.transactionType(),
                chain.gasPrice());
        return Web3jRegistryChain.connect(settings, meters);
    }

    /** The key comes from a file or the environment (HASHBRIDGE_CHAIN_OPERATOR_KEY), never from committed YAML. */
    private static AccountKey operatorKey(ChainProperties chain) {
        if (chain.operatorKeyFile() != null) {
            try {
                return AccountKey.fromHex(Files.readString(chain.operatorKeyFile()).trim());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the operator key file " + chain.operatorKeyFile(), e);
            }
        }
        if (chain.operatorKey() == null || chain.operatorKey().isBlank()) {
            throw new IllegalStateException("set hashbridge.chain.operator-key-file or HASHBRIDGE_CHAIN_OPERATOR_KEY");
        }
        return AccountKey.fromHex(chain.operatorKey().trim());
    }
}
