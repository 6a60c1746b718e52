package org.hashbridge.protocol;

/**
 * Input that breaks the HashBridge protocol: a malformed digest, voucher or consent token, an unknown
 * algorithm. The {@link #code()} is stable and is what APIs report to callers; the message never
 * contains secret material.
 */
public class InvalidInput extends RuntimeException {

    private final String code;

    protected InvalidInput(String code, String message) {
        super(message);
        this.code = code;
    }

    public static InvalidInput of(String code, String message) {
        return new InvalidInput(code, message);
    }

    /** A stable, upper-case identifier such as {@code INVALID_DIGEST}. */
    public String code() {
        return code;
    }
}
