package org.hashbridge.node;

/**
 * A request the node understood but will not carry out, with a stable {@link #code()}. Each feature
 * names its own cases through static factories; the API maps {@link Kind} to an HTTP status.
 */
public class NodeException extends RuntimeException {

    /** What kind of refusal this is, independent of any transport. */
    public enum Kind {
        /** no such resource for this caller. */
        NOT_FOUND,
        /** the caller may not do this to this resource. */
        FORBIDDEN,
        /** well formed, but against the rules. */
        UNPROCESSABLE,
        /** the resource is not in a state that allows it. */
        CONFLICT,
        /** a dependency (the chain) could not be reached; nothing was changed, retry later. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String code;
    private final String title;

    public NodeException(Kind kind, String code, String title, String detail) {
        super(detail);
        this.kind = kind;
        this.code = code;
        this.title = title;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** The digest algorithm is a valid one, but this node's profile does not accept it. */
    public static NodeException algorithmNotAccepted(String algorithm) {
        return new NodeException(Kind.UNPROCESSABLE, "ALGORITHM_NOT_ACCEPTED", "Algorithm not accepted",
                "this node does not accept " + algorithm + " digests");
    }

    /** The chain could not be reached; what was asked was not done. */
    public static NodeException chainUnavailable() {
        return new NodeException(Kind.UNAVAILABLE, "CHAIN_UNAVAILABLE", "Chain unavailable",
                "the registry chain could not be reached; nothing was changed, retry later");
    }
}
