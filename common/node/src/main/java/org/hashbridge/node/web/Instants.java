package org.hashbridge.node.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.ValidUntil;

/** Reads the instants clients send. */
public final class Instants {

    private Instants() {
    }

    /**
     * An ISO-8601 instant ({@code 2027-06-30T23:59:59Z}) or a date ({@code 2027-06-30}), which means
     * the last second of that day, UTC.
     *
     * @throws InvalidInput {@code INVALID_VALID_UNTIL} when missing, unreadable, or outside the protocol's
     *                      range ({@link ValidUntil}: 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z)
     */
    public static Instant parseValidUntil(String value) {
        if (value == null || value.isBlank()) {
            throw InvalidInput.of("INVALID_VALID_UNTIL", "validUntil is required");
        }
        Instant instant;
        try {
            instant = value.length() == 10
                    ? LocalDate.parse(value).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1)
                    : Instant.parse(value);
        } catch (DateTimeException e) {
            throw InvalidInput.of("INVALID_VALID_UNTIL", "validUntil is an ISO-8601 instant or date");
        }
        return ValidUntil.require(instant);
    }
}
