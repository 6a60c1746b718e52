package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FreeTextTest {

    @Test
    void keepsPrintableTextOfAnyScriptWithoutItsSurroundingSpace() {
        assertThat(FreeText.strip("  consumer loan application \u3000", 200, "INVALID_PURPOSE", "a purpose"))
                .isEqualTo("consumer loan application");
        assertThat(FreeText.strip("按揭申請 (住宅)", 200, "INVALID_PURPOSE", "a purpose")).isEqualTo("按揭申請 (住宅)");
        assertThat(FreeText.strip("family 👨\u200D👩\u200D👧", 200, "INVALID_PURPOSE", "a purpose"))
                .isEqualTo("family 👨\u200D👩\u200D👧");
    }

    @ParameterizedTest
    @ValueSource(strings = {"loan\u0000", "loan\napplication", "loan\r\nFORGED", "a\tb", "bell\u0007", "del\u007F",
            "next\u0085line", "c1\u009B31m", "line\u2028separator", "para\u2029graph", "bidi\u202Eevil",
            "zero\u200Bwidth", "bom\uFEFF", "lone\uD800surrogate", "lone\uDC00low",
            "loan\n", "\tloan", "superseded\u2028", "\u0000 loan", "loan \r\n"})
    void refusesTextThatIsNotPrintable(String text) {
        assertRejected(() -> FreeText.strip(text, 200, "INVALID_REASON", "a reason"), "INVALID_REASON");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\u3000 "})
    void refusesMissingOrBlankText(String text) {
        assertRejected(() -> FreeText.strip(text, 200, "INVALID_PURPOSE", "a purpose"), "INVALID_PURPOSE");
    }

    /** PostgreSQL's VARCHAR(200) counts characters, not UTF-16 units: 200 emoji fit, 201 letters do not. */
    @Test
    void countsCharactersAsTheDatabaseColumnDoes() {
        String twoHundredEmoji = "😀".repeat(200);

        assertThat(FreeText.strip(twoHundredEmoji, 200, "INVALID_PURPOSE", "a purpose")).isEqualTo(twoHundredEmoji);
        assertRejected(() -> FreeText.strip("p".repeat(201), 200, "INVALID_PURPOSE", "a purpose"), "INVALID_PURPOSE");
    }

    @Test
    void requireKeepsTheTextExactlyAsGiven() {
        assertThat(FreeText.require(" p ", 3, "INVALID_PURPOSE", "a purpose")).isEqualTo(" p ");
        assertRejected(() -> FreeText.require(" p  ", 3, "INVALID_PURPOSE", "a purpose"), "INVALID_PURPOSE");
    }
}
