package org.hashbridge.node;

import java.util.Map;

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
        /** malformed: the request itself must change. */
        INVALID,
        /** more than the node takes in one request; smaller requests are fine. */
        TOO_LARGE,
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
    private final Map<String, Object> properties;

    public NodeException(Kind kind, String code, String title, String detail) {
        this(kind, code, title, detail, Map.of());
    }

    /** @param properties further members of the problem the API answers, such as the items a request got wrong */
    public NodeException(Kind kind, String code, String title, String detail, Map<String, Object> properties) {
        super(detail);
        this.kind = kind;
        this.code = code;
        this.title = title;
        this.properties = Map.copyOf(properties);
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

    /** Members the problem carries besides {@code type}, {@code title}, {@code status}, {@code detail}, {@code code}. */
    public Map<String, Object> properties() {
        return properties;
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
