package org.hashbridge.node.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the node reaches the registry.
 *
 * @param rpcUrl          JSON-RPC endpoint of a chain node
 * @param registryAddress the deployed HashBridgeRegistry
 * @param operatorKey     this operator's account private key, hex; prefer {@code operatorKeyFile} or the
 *                        {@code HASHBRIDGE_CHAIN_OPERATOR_KEY} environment variable, never committed YAML
 * @param operatorKeyFile a file holding that key
 * @param confirmations   blocks that must follow a block before its state is read as final
 * @param pollInterval    how often to poll for a transaction receipt
 * @param timeout         how long to wait for a receipt or an answer
 */
@Validated
@ConfigurationProperties("hashbridge.chain")
public record ChainProperties(
        @NotBlank String rpcUrl,
        @NotBlank String registryAddress,
        String operatorKey,
        Path operatorKeyFile,
        @Min(1) long chainId,
        @Min(0) int confirmations,
        Duration pollInterval,
        Duration timeout) {

    public ChainProperties {
        chainId = chainId == 0 ? 31337 : chainId;
        pollInterval = pollInterval == null ? Duration.ofMillis(100) : pollInterval;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    }
}
