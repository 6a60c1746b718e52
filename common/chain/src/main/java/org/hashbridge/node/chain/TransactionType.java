package org.hashbridge.node.chain;

/**
 * The kind of transaction the operator account sends ({@code hashbridge.chain.transaction-type}).
 */
public enum TransactionType {

    /** Type 0, priced with {@code gasPrice}: what a chain without EIP-1559 (no base fee) takes. */
    LEGACY,

    /** Type 2, priced with {@code maxFeePerGas} and {@code maxPriorityFeePerGas}. */
    EIP1559,

    /** {@link #EIP1559} when the chain's latest block has a {@code baseFeePerGas}, {@link #LEGACY} otherwise. */
    AUTO
}
