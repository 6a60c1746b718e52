package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {

    private static final String HEX = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0";

    @Test
    void parsesAnApiPair() {
        Digest digest = Digest.parse("sm3", HEX.toUpperCase());

        assertThat(digest.algorithm()).isEqualTo(DigestAlgorithm.SM3);
        assertThat(digest.hex()).isEqualTo(HEX);
        assertThat(digest).isEqualTo(new Digest(DigestAlgorithm.SM3, Hash32.fromHex(HEX)));
    }

    @Test
    void theSameBytesUnderAnotherAlgorithmAreAnotherDigest() {
        assertThat(Digest.parse("sm3", HEX)).isNotEqualTo(Digest.parse("sha-256", HEX));
    }

    @Test
    void anUnknownAlgorithmIsReportedBeforeTheHex() {
        assertRejected(() -> Digest.parse("md5", "not hex"), "UNKNOWN_ALGORITHM");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"abc", HEX + "00", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e",
            "z6c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"})
    void aMalformedValueIsAnInvalidDigest(String hex) {
        assertRejected(() -> Digest.parse("sha-256", hex), "INVALID_DIGEST");
    }

    @Test
    void bothPartsAreRequired() {
        assertThatNullPointerException().isThrownBy(() -> new Digest(null, Hash32.fromHex(HEX)));
        assertThatNullPointerException().isThrownBy(() -> new Digest(DigestAlgorithm.SM3, null));
    }
}
