package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"HK-A1234567", "hk-a1234567", " Hk-A1234567  ", "\u3000HK-A1234567 ",
            "ＨＫ－Ａ１２３４５６７", "ｈｋ－ａ１２３４５６７"})
    void everySpellingOfOneIdentifierHasOneNormalForm(String written) {
        assertThat(SubjectId.of(written).value()).isEqualTo("HK-A1234567");
    }

    @Test
    void keepsWhatTellsResidentsApart() {
        assertThat(SubjectId.of("cn-44030419900101123x").value()).isEqualTo("CN-44030419900101123X");
        assertThat(SubjectId.of("A123456(7)")).isNotEqualTo(SubjectId.of("A1234567"));
        assertThat(SubjectId.of("HK A1234567")).isNotEqualTo(SubjectId.of("HK-A1234567"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\u3000", "HK\u0000A1234567", "HK-A1234567\n", "HK-A\r\n1234567", "HK\u202EA1234567",
            "HK\u2028A1234567", "\uD800HK"})
    void refusesWhatIsNoIdentifier(String written) {
        assertRejected(() -> SubjectId.of(written), "INVALID_SUBJECT");
    }

    @Test
    void isAtMost128CharactersOnceNormalised() {
        assertThat(SubjectId.of(" " + "x".repeat(128) + " ").value()).isEqualTo("X".repeat(128));
        assertRejected(() -> SubjectId.of("x".repeat(129)), "INVALID_SUBJECT");
    }

    @Test
    void theConstructorTakesOnlyTheNormalForm() {
        assertThat(new SubjectId("HK-A1234567").value()).isEqualTo("HK-A1234567");
        assertRejected(() -> new SubjectId("hk-a1234567"), "INVALID_SUBJECT");
        assertRejected(() -> new SubjectId(" HK-A1234567"), "INVALID_SUBJECT");
    }

    /** Normalising twice changes nothing, for every printable character of the Basic Multilingual Plane. */
    @Test
    void theNormalFormIsStable() {
        for (int c = 0; c <= 0xFFFF; c++) {
            String written = "A" + (char) c + "b";
            if (FreeText.isPrintable(written)) {
                String normal = SubjectId.of(written).value();
                assertThat(SubjectId.of(normal).value()).as("U+%04X", c).isEqualTo(normal);
            }
        }
    }
}
