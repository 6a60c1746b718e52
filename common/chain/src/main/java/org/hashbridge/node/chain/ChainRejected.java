package org.hashbridge.node.chain;

import java.util.Objects;
import java.util.Optional;

/**
 * The registry contract refused a write: the transaction reverted, either when the node simulated it
 * before sending (nothing was sent) or once mined (the transaction is on chain with status failure).
 * Retrying the same write will not help; {@link #error()} says which rule refused it.
 */
public final class ChainRejected extends RuntimeException {

    /** The error name when the revert data is missing or matches none of the registry's errors. */
    public static final String UNKNOWN_ERROR = "Unknown";

    private final String error;
    private final String txHash;

    private ChainRejected(String message, String error, String txHash) {
        super(message);
        this.error = error;
        this.txHash = txHash;
    }

    /** A write refused while simulating it: no transaction was sent. */
    public static ChainRejected beforeSending(String function, String error) {
        Objects.requireNonNull(error, "error");
        return new ChainRejected(function + " refused by the registry: " + error, error, null);
    }

    /** A write mined with status failure in transaction {@code txHash}. */
    public static ChainRejected inBlock(String function, String error, String txHash) {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(txHash, "txHash");
        return new ChainRejected(function + " reverted in " + txHash + ": " + error, error, txHash);
    }

    /**
     * The name of the contract's custom error, such as {@code ForeignJurisdiction} or
     * {@code RootAlreadyAnchored}; {@code Error} or {@code Panic} for Solidity's built-in ones;
     * {@link #UNKNOWN_ERROR} when it cannot be told. Never null.
     */
    public String error() {
        return error;
    }

    /** The failed transaction, present only when it was mined. */
    public Optional<String> txHash() {
        return Optional.ofNullable(txHash);
    }
}
