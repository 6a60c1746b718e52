package org.hashbridge.bank;

import java.net.URI;

/** No answer came from the node: connection refused, DNS failure, TLS failure, timeout or interruption. */
public final class NodeUnreachable extends RuntimeException {

    private final URI node;

    private NodeUnreachable(URI node, String reason, Throwable cause) {
        super("node " + node + " is unreachable: " + reason, cause);
        this.node = node;
    }

    static NodeUnreachable of(URI node, Throwable cause) {
        String reason = cause.getMessage() == null || cause.getMessage().isBlank()
                ? cause.getClass().getSimpleName() : cause.getMessage();
        return new NodeUnreachable(node, reason, cause);
    }

    static NodeUnreachable interrupted(URI node, InterruptedException cause) {
        return new NodeUnreachable(node, "interrupted while waiting for the answer", cause);
    }

    /** The base URI of the node that did not answer. */
    public URI node() {
        return node;
    }
}
