package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JurisdictionsTest {

    @Test
    void encodesTheAsciiCodeRightPaddedWithZeroBytes() {
        assertThat(HexFormat.of().formatHex(Jurisdictions.encode("HK")))
                .isEqualTo("484b" + "00".repeat(30));
    }

    @Test
    void decodesWhatItEncodes() {
        assertThat(Jurisdictions.decode(Jurisdictions.encode("SZ"))).isEqualTo("SZ");
    }

    @Test
    void decodesThirtyTwoZeroBytesAsNoJurisdiction() {
        assertThat(Jurisdictions.decode(new byte[32])).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hk", "H K", "HK\u0000", "ÄÖ", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"})
    void refusesWhatIsNotAnUpperCaseCodeOfAtMost32Characters(String code) {
        assertThatIllegalArgumentException().isThrownBy(() -> Jurisdictions.encode(code));
    }

    @Test
    void refusesToDecodeBytesThatAreNotAPaddedCode() {
        byte[] gap = Jurisdictions.encode("HK");
        gap[5] = 'X';
        assertThatIllegalArgumentException().isThrownBy(() -> Jurisdictions.decode(gap));
        assertThatIllegalArgumentException().isThrownBy(() -> Jurisdictions.decode(new byte[31]));
    }
}
