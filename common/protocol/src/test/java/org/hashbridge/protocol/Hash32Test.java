package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class Hash32Test {

    private static final String HEX = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void parsesLowerUpperAndPrefixedHexToTheSameValue() {
        Hash32 plain = Hash32.fromHex(HEX);

        assertThat(Hash32.fromHex(HEX.toUpperCase())).isEqualTo(plain);
        assertThat(Hash32.fromHex("0x" + HEX)).isEqualTo(plain);
        assertThat(Hash32.fromHex("0X" + HEX)).isEqualTo(plain);
        assertThat(plain.hex()).isEqualTo(HEX);
        assertThat(plain.prefixedHex()).isEqualTo("0x" + HEX);
        assertThat(plain.bytes()).hasSize(32).startsWith((byte) 0xba, (byte) 0x78).endsWith((byte) 0xad);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "0x", HEX + "0", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a",
            "ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            " ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a",
            "0x0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f200"})
    void rejectsAnythingButSixtyFourHexDigits(String hex) {
        assertRejected(() -> Hash32.fromHex(hex), "INVALID_HASH");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 31, 33, 64})
    void rejectsByteArraysThatAreNotThirtyTwoBytes(int length) {
        assertRejected(() -> Hash32.of(new byte[length]), "INVALID_HASH");
    }

    @Test
    void rejectsNullBytes() {
        assertRejected(() -> Hash32.of(null), "INVALID_HASH");
    }

    @Test
    void cannotBeChangedThroughTheArraysItWasBuiltFromOrHandsOut() {
        byte[] input = new byte[32];
        Hash32 hash = Hash32.of(input);

        input[0] = 1;
        hash.bytes()[1] = 1;

        assertThat(hash).isEqualTo(Hash32.of(new byte[32]));
    }

    @Test
    void equalityFollowsTheBytes() {
        Hash32 a = Hash32.fromHex(HEX);
        byte[] changed = a.bytes();
        changed[31] ^= 1;

        assertThat(a).isEqualTo(Hash32.fromHex(HEX)).hasSameHashCodeAs(Hash32.fromHex(HEX));
        assertThat(a).isNotEqualTo(Hash32.of(changed));
        assertThat(a).hasToString(HEX);
    }
}
