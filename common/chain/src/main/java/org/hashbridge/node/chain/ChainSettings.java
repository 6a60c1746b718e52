package org.hashbridge.node.chain;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import org.web3j.crypto.WalletUtils;

/**
 * How a node reaches the registry.
 *
 * @param rpcUrl          the JSON-RPC endpoint of a chain node, such as {@code http://127.0.0.1:8545}
 * @param registryAddress the deployed HashBridgeRegistry
 * @param operatorKey     the node's operator account, which signs every write (a secret)
 * @param chainId         the chain id transactions are signed for (EIP-155); anvil uses 31337
 * @param confirmations   how many blocks must follow a block before reads see it; 0 for anvil, whose
 *                        blocks are final when mined (so is a QBFT block once it is committed)
 * @param pollInterval    the shortest pause between two polls for a receipt; the pause grows to a tenth of the
 *                        chain's observed block period, at most a second ({@link ReceiptWatcher})
 * @param timeout         the bound on each JSON-RPC call and on the wait for a receipt
 * @param transactionType the kind of transaction writes are sent as; {@link TransactionType#AUTO} by default
 * @param gasPrice        the price per gas (wei) every write offers, 0 on a zero-gas network; null (the default) to
 *                        ask the node ({@code eth_gasPrice}, or the base fee and {@code eth_maxPriorityFeePerGas})
 */
public record ChainSettings(String rpcUrl, String registryAddress, AccountKey operatorKey, long chainId,
        int confirmations, Duration pollInterval, Duration timeout, TransactionType transactionType,
        BigInteger gasPrice) {

    public static final long ANVIL_CHAIN_ID = 31337;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @throws NullPointerException     when any reference is null
     * @throws IllegalArgumentException when the address is malformed, the chain id is not positive,
     *                                  confirmations are negative, the durations are not positive or the gas
     *                                  price is negative
     */
    public ChainSettings {
        Objects.requireNonNull(rpcUrl, "rpcUrl");
        Objects.requireNonNull(transactionType, "transactionType");
        Objects.requireNonNull(registryAddress, "registryAddress");
        Objects.requireNonNull(operatorKey, "operatorKey");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(timeout, "timeout");
        if (!WalletUtils.isValidAddress(registryAddress)) {
            throw new IllegalArgumentException("registryAddress must be a 20-byte hex address");
        }
        if (chainId <= 0 || confirmations < 0) {
            throw new IllegalArgumentException("chainId must be positive and confirmations not negative");
        }
        if (pollInterval.isNegative() || pollInterval.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("pollInterval and timeout must be positive");
        }
        if (gasPrice != null && gasPrice.signum() < 0) {
            throw new IllegalArgumentException("gasPrice must not be negative");
        }
    }

    /** Settings whose writes are of the {@link TransactionType#AUTO automatic} type, at the price the node asks. */
    public ChainSettings(String rpcUrl, String registryAddress, AccountKey operatorKey, long chainId,
                         int confirmations, Duration pollInterval, Duration timeout) {
        this(rpcUrl, registryAddress, operatorKey, chainId, confirmations, pollInterval, timeout,
                TransactionType.AUTO, null);
    }

    /** Settings for a local anvil chain: chain id 31337, no confirmations, 100 ms polls, 30 s timeout. */
    public static ChainSettings anvil(String rpcUrl, String registryAddress, AccountKey operatorKey) {
        return new ChainSettings(rpcUrl, registryAddress, operatorKey, ANVIL_CHAIN_ID, 0,
                DEFAULT_POLL_INTERVAL, DEFAULT_TIMEOUT);
    }

    /** These settings with another number of confirmations. */
    public ChainSettings withConfirmations(int blocks) {
        return new ChainSettings(rpcUrl, registryAddress, operatorKey, chainId, blocks, pollInterval, timeout,
                transactionType, gasPrice);
    }

    /** These settings with another transaction type and gas price (null: the node's). */
    public ChainSettings withFees(TransactionType type, BigInteger price) {
        return new ChainSettings(rpcUrl, registryAddress, operatorKey, chainId, confirmations, pollInterval, timeout,
                type, price);
    }

    /** These settings with another bound on each call and on the wait for a receipt. */
    public ChainSettings withTimeout(Duration bound) {
        return new ChainSettings(rpcUrl, registryAddress, operatorKey, chainId, confirmations, pollInterval, bound,
                transactionType, gasPrice);
    }

    /** These settings with another receipt poll interval. */
    public ChainSettings withPollInterval(Duration interval) {
        return new ChainSettings(rpcUrl, registryAddress, operatorKey, chainId, confirmations, interval, timeout,
                transactionType, gasPrice);
    }
}
