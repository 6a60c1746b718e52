package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ValidUntilTest {

    @Test
    void spansTheUnixEpochToTheLastSecondOfYear9999() {
        assertThat(ValidUntil.require(Instant.parse("1970-01-01T00:00:00Z"))).isEqualTo(Instant.EPOCH);
        assertThat(ValidUntil.require(Instant.parse("9999-12-31T23:59:59Z"))).isEqualTo(ValidUntil.MAX);
        assertThat(ValidUntil.MAX.getEpochSecond()).isEqualTo(ConsentRecord.MAX_SECONDS);
    }

    @Test
    void refusesAnythingOutside() {
        assertRejected(() -> ValidUntil.require(Instant.parse("1969-12-31T23:59:59Z")), "INVALID_VALID_UNTIL");
        assertRejected(() -> ValidUntil.require(Instant.parse("+10000-01-01T00:00:00Z")), "INVALID_VALID_UNTIL");
        assertRejected(() -> ValidUntil.require(Instant.MAX), "INVALID_VALID_UNTIL");
        assertRejected(() -> ValidUntil.require(Instant.MIN), "INVALID_VALID_UNTIL");
        assertRejected(() -> ValidUntil.require(null), "INVALID_VALID_UNTIL");
    }
}
