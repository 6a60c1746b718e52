package org.hashbridge.node.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.hashbridge.protocol.InvalidInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class InstantsTest {

    @ParameterizedTest
    @CsvSource({"2027-06-30, 2027-06-30T23:59:59Z", "2027-06-30T12:00:00Z, 2027-06-30T12:00:00Z",
            "1970-01-01T00:00:00Z, 1970-01-01T00:00:00Z", "9999-12-31, 9999-12-31T23:59:59Z",
            "9999-12-31T23:59:59Z, 9999-12-31T23:59:59Z"})
    void readsInstantsAndDatesFrom1970ToYear9999(String written, Instant expected) {
        assertThat(Instants.parseValidUntil(written)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "soon", "+294277-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "10000-01-01",
            "1969-12-31T23:59:59Z", "1969-12-31", "-1000000000-01-01T00:00:00Z", "+1000000001-01-01T00:00:00Z",
            "2027-02-30", "2027-06-30T24:00:01Z", "-1", "1e308", "2027-06-30\n"})
    void refusesAnythingElseWithOneCode(String written) {
        assertThatThrownBy(() -> Instants.parseValidUntil(written))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("INVALID_VALID_UNTIL"));
    }
}
