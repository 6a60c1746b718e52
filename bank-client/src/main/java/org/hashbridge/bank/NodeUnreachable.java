package org.hashbridge.bank;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/** No answer came from the node: connection refused, DNS failure, TLS failure, timeout or interruption. */
public final class NodeUnreachable extends RuntimeException {

    private final URI node;

    private NodeUnreachable(URI node, String reason, Throwable cause) {
        super("node " + node + " is unreachable: " + reason, cause);
        this.node = node;
    }

    static NodeUnreachable of(URI node, IOException cause) {
        return new NodeUnreachable(node, reason(cause), cause);
    }

    static NodeUnreachable interrupted(URI node, InterruptedException cause) {
        return new NodeUnreachable(node, "interrupted while waiting for the answer", cause);
    }

    /** The JDK's messages for these are often empty; say what happened in words. */
    private static String reason(IOException cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "connecting timed out";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        if (cause instanceof ConnectException) {
            return causedBy(cause, UnresolvedAddressException.class) ? "unknown host" : "cannot connect";
        }
        if (cause instanceof SSLException) {
            return "TLS failed: " + cause.getMessage();
        }
        return cause.getMessage() == null || cause.getMessage().isBlank()
                ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The base URI of the node that did not answer. */
    public URI node() {
        return node;
    }
}
