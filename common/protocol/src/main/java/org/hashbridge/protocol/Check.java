package org.hashbridge.protocol;

import java.util.Objects;

/** One typed check of a verification, with a stable {@code code} and a human message. */
public record Check(CheckType type, CheckStatus status, String code, String message) {

    public Check {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(code, "code");
    }

    public static Check valid(CheckType type, String message) {
        return new Check(type, CheckStatus.VALID, "OK", message);
    }

    public static Check invalid(CheckType type, String code, String message) {
        return new Check(type, CheckStatus.INVALID, code, message);
    }

    public static Check unavailable(CheckType type, String code, String message) {
        return new Check(type, CheckStatus.UNAVAILABLE, code, message);
    }

    public boolean passed() {
        return status == CheckStatus.VALID;
    }
}
