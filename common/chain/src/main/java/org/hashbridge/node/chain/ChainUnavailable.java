package org.hashbridge.node.chain;

import java.io.IOException;
import java.time.Duration;

/**
 * The chain could not be asked or did not answer in time: a network or I/O failure, a timeout, a
 * JSON-RPC error that is not a contract revert, or an answer that makes no sense for the registry.
 * The outcome of a write that fails this way is unknown (it may still be mined), so a caller retries
 * it and treats the registry's "already done" errors as success. The message is for logs, not users.
 */
public final class ChainUnavailable extends RuntimeException {

    private ChainUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    public static ChainUnavailable io(String action, IOException cause) {
        return new ChainUnavailable(action + " failed: chain unreachable", cause);
    }

    public static ChainUnavailable timedOut(String action, Duration after) {
        return new ChainUnavailable(action + " timed out after " + after.toMillis() + " ms", null);
    }

    public static ChainUnavailable interrupted(String action) {
        return new ChainUnavailable(action + " was interrupted", null);
    }

    /** The node answered with a JSON-RPC error other than a revert. */
    public static ChainUnavailable refused(String action, int code, String message) {
        return new ChainUnavailable(action + " refused by the chain node (" + code + "): " + message, null);
    }

    /** The node answered, but not with what the registry would answer. */
    public static ChainUnavailable unexpectedAnswer(String action, String what) {
        return new ChainUnavailable(action + ": unexpected answer, " + what, null);
    }

    /** An answer the client library could not read; {@code cause} is kept for the log. */
    public static ChainUnavailable unexpectedAnswer(String action, Exception cause) {
        return new ChainUnavailable(action + ": unexpected answer, " + cause.getClass().getSimpleName(), cause);
    }
}
