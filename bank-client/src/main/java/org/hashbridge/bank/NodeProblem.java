package org.hashbridge.bank;

import java.util.List;
import java.util.OptionalInt;

/**
 * The node answered, but not with what was asked for: an RFC 9457 problem document
 * ({@code application/problem+json}), or an answer the client cannot read.
 *
 * <p>{@link #code()} is the node's stable code (such as {@code CONSENT_REVOKED} or
 * {@code UNAUTHENTICATED}). Four codes are the client's own: {@value #UNEXPECTED_ANSWER} when an error
 * status came without a problem document, {@value #MALFORMED_ANSWER} when a success status came with a
 * body the client cannot read, and, for a resident's client, {@value #UNEXPECTED_CONSENT} and
 * {@value #UNEXPECTED_CHALLENGE} when the node asked the resident's key to sign something other than what the
 * resident asked for.
 */
public final class NodeProblem extends RuntimeException {

    /** An error status without a readable problem document. */
    public static final String UNEXPECTED_ANSWER = "UNEXPECTED_ANSWER";
    /** A success status whose body is not what the API promises. */
    public static final String MALFORMED_ANSWER = "MALFORMED_ANSWER";
    /** The consent the node wrote for approval is not the one the resident asked for. */
    public static final String UNEXPECTED_CONSENT = "UNEXPECTED_CONSENT";
    /** The node asked the resident's key to sign a challenge other than the one of the consent asked for. */
    public static final String UNEXPECTED_CHALLENGE = "UNEXPECTED_CHALLENGE";

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

    static NodeProblem unexpectedConsent(int status, String difference) {
        return of(status, UNEXPECTED_CONSENT, "Not the consent asked for",
                "the node's record is not the consent asked for: " + difference + "; nothing was signed");
    }

    static NodeProblem unexpectedChallenge(int status, String what) {
        return of(status, UNEXPECTED_CHALLENGE, "Not the challenge of this consent",
                "the node asked the key to sign something other than " + what + "; nothing was signed");
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
