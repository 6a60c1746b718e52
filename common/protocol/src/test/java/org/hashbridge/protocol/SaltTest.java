package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SaltTest {

    @ParameterizedTest
    @ValueSource(ints = {16, 32, 64})
    void acceptsSixteenToSixtyFourBytes(int length) {
        assertThat(Salt.of(new byte[length]).bytes()).hasSize(length);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 65, 128})
    void rejectsOtherLengths(int length) {
        assertRejected(() -> Salt.of(new byte[length]), "INVALID_SALT");
    }

    @Test
    void rejectsNull() {
        assertRejected(() -> Salt.of(null), "INVALID_SALT");
    }

    @Test
    void parsesHexInEitherCase() {
        String hex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

        assertThat(Salt.fromHex(hex.toUpperCase())).isEqualTo(Fixtures.leafSalt());
        assertThat(Salt.fromHex(hex).hex()).isEqualTo(hex);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"000102030405060708090a0b0c0d0e0", "000102030405060708090a0b0c0d0e",
            "0x000102030405060708090a0b0c0d0e0f", "000102030405060708090a0b0c0d0e0g",
            "00 0102030405060708090a0b0c0d0e0f"})
    void rejectsHexThatIsNotSixteenToSixtyFourBytes(String hex) {
        assertRejected(() -> Salt.fromHex(hex), "INVALID_SALT");
    }

    @Test
    void rejectsHexOfSixtyFiveBytes() {
        assertRejected(() -> Salt.fromHex("ab".repeat(65)), "INVALID_SALT");
    }

    @Test
    void randomSaltsAreThirtyTwoFreshBytes() {
        Salt a = Salt.random();
        Salt b = Salt.random();

        assertThat(a.bytes()).hasSize(Salt.DEFAULT_LENGTH);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void toStringDoesNotRevealTheBytes() {
        Salt salt = Fixtures.leafSalt();

        assertThat(salt.toString()).isEqualTo("Salt[32 bytes]").doesNotContain(salt.hex().substring(0, 8));
    }

    @Test
    void cannotBeChangedThroughTheArraysItWasBuiltFromOrHandsOut() {
        byte[] input = HexFormat.of().parseHex("00".repeat(16));
        Salt salt = Salt.of(input);

        input[0] = 1;
        salt.bytes()[1] = 1;

        assertThat(salt.hex()).isEqualTo("00".repeat(16));
    }
}
