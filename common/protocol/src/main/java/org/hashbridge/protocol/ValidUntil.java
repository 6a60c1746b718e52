package org.hashbridge.protocol;

import java.time.Instant;

/**
 * The range of every {@code validUntil} the protocol carries: in a leaf (an unsigned 64-bit number of
 * seconds), in a consent record (a JSON number, exact only up to 2^53) and in a voucher. Times before
 * the Unix epoch cannot be written as a leaf; times after year 9999 cannot be written as ISO-8601
 * without a sign and are far beyond anything a document or a consent means.
 */
public final class ValidUntil {

    /** 1970-01-01T00:00:00Z. */
    public static final Instant MIN = Instant.EPOCH;
    /** 9999-12-31T23:59:59Z. */
    public static final Instant MAX = Instant.ofEpochSecond(253_402_300_799L);

    private ValidUntil() {
    }

    /** True when {@code instant} lies from {@link #MIN} to {@link #MAX}, both included. */
    public static boolean inRange(Instant instant) {
        return instant != null && !instant.isBefore(MIN) && !instant.isAfter(MAX);
    }

    /** @throws InvalidInput {@code INVALID_VALID_UNTIL} when {@code instant} is missing or out of range */
    public static Instant require(Instant instant) {
        if (!inRange(instant)) {
            throw InvalidInput.of("INVALID_VALID_UNTIL",
                    "validUntil lies from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z");
        }
        return instant;
    }
}
