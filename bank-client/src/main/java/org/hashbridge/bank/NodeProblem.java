package org.hashbridge.bank;

import java.util.List;
import java.util.OptionalInt;

/**
 * The node answered, but not with what was asked for: an RFC 9457 problem document
 * ({@code application/problem+json}), or an answer the client cannot read.
 *
 * <p>{@link #code()} is the node's stable code (such as {@code CONSENT_REVOKED} or
 * {@code UNAUTHENTICATED}). Two codes are the client's own: {@value #UNEXPECTED_ANSWER} when an error
 * status came without a problem document, {@value #MALFORMED_ANSWER} when a success status came with a
 * body the client cannot read.
 */
public final class NodeProblem extends RuntimeException {

    /** An error status without a readable problem document. */
    public static final String UNEXPECTED_ANSWER = "UNEXPECTED_ANSWER";
    /** A success status whose body is not what the API promises. */
    public static final String MALFORMED_ANSWER = "MALFORMED_ANSWER";

    private final int status;
    private final String code;
    private final String title;
    private final String detail;
    private final List<ItemError> errors;
    private final OptionalInt maxItems;

    private NodeProblem(int status, String code, String title, String detail, List<ItemError> errors, OptionalInt maxItems) {
        super(status + " " + code + (detail.isEmpty() ? "" : ": " + detail));
        this.status = status;
        this.code = code;
        this.title = title;
        this.detail = detail;
        this.errors = List.copyOf(errors);
        this.maxItems = maxItems;
    }

    /** A problem document's fields; missing ones become empty strings, a missing code {@value #UNEXPECTED_ANSWER}. */
    static NodeProblem of(int status, String code, String title, String detail) {
        return of(status, code, title, detail, List.of(), OptionalInt.empty());
    }

    static NodeProblem of(int status, String code, String title, String detail, List<ItemError> errors,
                          OptionalInt maxItems) {
        return new NodeProblem(status, blankTo(code, UNEXPECTED_ANSWER), blankTo(title, ""), blankTo(detail, ""),
                errors, maxItems);
    }

    static NodeProblem unexpected(int status) {
        return of(status, UNEXPECTED_ANSWER, "HTTP " + status, "the node answered " + status + " without a problem document");
    }

    static NodeProblem malformed(int status, String what) {
        return of(status, MALFORMED_ANSWER, "Malformed answer", what);
    }

    /** The HTTP status the node answered with. */
    public int status() {
        return status;
    }

    /** The stable problem code; never null. */
    public String code() {
        return code;
    }

    /** The problem's short title; empty when the node gave none. */
    public String title() {
        return title;
    }

    /** The node's explanation of this occurrence; empty when it gave none. */
    public String detail() {
        return detail;
    }

    /** Every item a refused bulk request got wrong, in the request's order; empty for any other problem. */
    public List<ItemError> errors() {
        return errors;
    }

    /** The most items the node takes in one bulk request, when it said so ({@code TOO_MANY_ITEMS}, {@code NO_ITEMS}). */
    public OptionalInt maxItems() {
        return maxItems;
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
