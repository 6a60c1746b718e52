package org.hashbridge.node.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import org.hashbridge.node.chain.TransactionType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * How the node reaches the registry, and how it follows the registry's events into its read model.
 *
 * @param rpcUrl          JSON-RPC endpoint of a chain node
 * @param registryAddress the deployed HashBridgeRegistry
 * @param operatorKey     this operator's account private key, hex: for the sandbox and tests only (a warning is
 *                        logged at start); a production node reads {@code operatorKeyFile}
 * @param operatorKeyFile a web3j wallet file (Ethereum V3 key store JSON) holding that key, or, from the sandbox, the
 *                        key in hex
 * @param operatorKeyPassword     the wallet file's password
 * @param operatorKeyPasswordFile a file holding it, such as a Docker secret
 * @param chainId         the chain's id, required: checked against {@code eth_chainId} at start
 * @param confirmations   blocks that must follow a block before its state is read as final (and followed)
 * @param pollInterval    how often to poll for a transaction receipt
 * @param timeout         how long to wait for a receipt or an answer
 * @param maxLag          how many final blocks the read model may be behind the chain's head and still answer
 *                        a verification; further behind, the checks that read the registry are UNAVAILABLE
 *                        ({@code READ_MODEL_BEHIND}). 0: every final block the chain had when the bank asked
 * @param logRange        the most blocks the follower asks for in one {@code eth_getLogs}
 * @param followInterval  how often the follower looks for new blocks when no verification asks it sooner
 * @param followLease     how long one instance follows before another instance on the same database may take over
 * @param readModelWait   how long a verification waits for the chain's head and for the read model to follow it
 * @param transactionType {@code legacy}, {@code eip1559} or {@code auto} (the default: EIP-1559 when the latest
 *                        block has a base fee)
 * @param gasPrice        the price per gas (wei) every write offers, 0 on a zero-gas network; unset: the node's
 */
@Validated
@ConfigurationProperties("hashbridge.chain")
public record ChainProperties(
        @NotBlank String rpcUrl,
        @NotBlank String registryAddress,
        String operatorKey,
        Path operatorKeyFile,
        String operatorKeyPassword,
        Path operatorKeyPasswordFile,
        @Min(1) long chainId,
        @Min(0) int confirmations,
        Duration pollInterval,
        Duration timeout,
        @Min(0) long maxLag,
        @Min(0) int logRange,
        Duration followInterval,
        Duration followLease,
        Duration readModelWait,
        TransactionType transactionType,
        @Min(0) BigInteger gasPrice) {

    @ConstructorBinding
    public ChainProperties {
        pollInterval = pollInterval == null ? Duration.ofMillis(100) : pollInterval;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        logRange = logRange == 0 ? 2000 : logRange;
        followInterval = followInterval == null ? Duration.ofMillis(250) : followInterval;
        followLease = followLease == null ? Duration.ofSeconds(10) : followLease;
        readModelWait = readModelWait == null ? Duration.ofSeconds(5) : readModelWait;
        transactionType = transactionType == null ? TransactionType.AUTO : transactionType;
    }

    /** The settings of a node that reaches the registry, with the read model's defaults. */
    public ChainProperties(String rpcUrl, String registryAddress, String operatorKey, Path operatorKeyFile, long chainId,
                           int confirmations, Duration pollInterval, Duration timeout) {
        this(rpcUrl, registryAddress, operatorKey, operatorKeyFile, null, null, chainId, confirmations, pollInterval,
                timeout, 0, 0, null, null, null, null, null);
    }

    /** Every setting but the operator key and its password, which must reach no log. */
    @Override
    public String toString() {
        return "ChainProperties[rpcUrl=" + rpcUrl + ", registryAddress=" + registryAddress + ", chainId=" + chainId
                + ", operatorKeyFile=" + operatorKeyFile + ", operatorKeyPasswordFile=" + operatorKeyPasswordFile
                + ", confirmations=" + confirmations + ", pollInterval=" + pollInterval + ", timeout=" + timeout
                + ", transactionType=" + transactionType + ", gasPrice=" + gasPrice + "]";
    }
}
