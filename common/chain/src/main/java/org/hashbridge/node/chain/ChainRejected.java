package org.hashbridge.node.chain;

import java.util.Objects;
import java.util.Optional;

/**
 * The registry contract refused a write: the transaction reverted, either when the node simulated it
 * before sending (nothing was sent) or once mined (the transaction is on chain with status failure); or
 * the network refused the operator account itself ({@link #ACCOUNT_NOT_PERMITTED}, nothing was sent).
 * Retrying the same write will not help; {@link #error()} says which rule refused it.
 */
public final class ChainRejected extends RuntimeException {

    /** The error name when the revert data is missing or matches none of the registry's errors. */
    public static final String UNKNOWN_ERROR = "Unknown";

    /**
     * The error when the network does not let the operator account send transactions: it is not on the
     * account allowlist of a permissioned network (Besu: "Sender account not authorized to send transactions").
     */
    public static final String ACCOUNT_NOT_PERMITTED = "ACCOUNT_NOT_PERMITTED";

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

    /** The chain node refused {@code account} as a sender of {@code action}: nothing was sent. */
    public static ChainRejected accountNotPermitted(String action, String account) {
        Objects.requireNonNull(account, "account");
        return new ChainRejected(action + " refused by the chain node: account " + account + " is not permitted to"
                + " send transactions on this network; its operators must add it to the account allowlist ("
                + ACCOUNT_NOT_PERMITTED + ")", ACCOUNT_NOT_PERMITTED, null);
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
     * {@link #UNKNOWN_ERROR} when it cannot be told; {@link #ACCOUNT_NOT_PERMITTED} when the network refused the
     * account. Never null.
     */
    public String error() {
        return error;
    }

    /** The failed transaction, present only when it was mined. */
    public Optional<String> txHash() {
        return Optional.ofNullable(txHash);
    }
}
