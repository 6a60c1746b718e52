package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestAlgorithmTest {

    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

    /** FIPS 180-2, appendix B.1. */
    @Test
    void sha256OfAbcIsTheFipsVector() {
        assertThat(DigestAlgorithm.SHA_256.digest(ABC).hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void sha256OfNothingIsTheWellKnownEmptyHash() {
        assertThat(DigestAlgorithm.SHA_256.digest(new byte[0]).hex())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    /** GB/T 32905-2016, appendix A, example 1. */
    @Test
    void sm3OfAbcIsTheStandardVector() {
        assertThat(DigestAlgorithm.SM3.digest(ABC).hex())
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    /** GB/T 32905-2016, appendix A, example 2: "abcd" sixteen times. */
    @Test
    void sm3OfSixtyFourBytesIsTheStandardVector() {
        byte[] abcd16 = "abcd".repeat(16).getBytes(StandardCharsets.US_ASCII);

        assertThat(DigestAlgorithm.SM3.digest(abcd16).hex())
                .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    }

    @Test
    void aDigestNamesItsAlgorithm() {
        assertThat(DigestAlgorithm.SM3.digest(ABC).algorithm()).isEqualTo(DigestAlgorithm.SM3);
        assertThat(DigestAlgorithm.SHA_256.digest(ABC).algorithm()).isEqualTo(DigestAlgorithm.SHA_256);
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void streamDigestEqualsByteDigestAcrossBufferBoundaries(DigestAlgorithm algorithm) throws IOException {
        byte[] content = new byte[200_003];
        new Random(7).nextBytes(content);

        Digest fromStream = algorithm.digest(new TrickleInputStream(content));

        assertThat(fromStream).isEqualTo(algorithm.digest(content));
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void streamDigestOfAnEmptyStreamEqualsDigestOfNoBytes(DigestAlgorithm algorithm) throws IOException {
        assertThat(algorithm.digest(new ByteArrayInputStream(new byte[0]))).isEqualTo(algorithm.digest(new byte[0]));
    }

    @Test
    void streamDigestLeavesTheStreamOpen() throws IOException {
        TrickleInputStream stream = new TrickleInputStream(ABC);

        DigestAlgorithm.SHA_256.digest(stream);

        assertThat(stream.closed).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"sha-256,SHA_256", "SHA-256,SHA_256", "sha256,SHA_256", "' sha-256 ',SHA_256", "sm3,SM3", "SM3,SM3"})
    void parsesProtocolNames(String name, DigestAlgorithm expected) {
        assertThat(DigestAlgorithm.of(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"md5", "sha-1", "sha-512", "sha3-256", "sm2", "sha_256", "sha-256\u0000", "\u0000sm3", "sha-256\n", "\tsm3"})
    void rejectsOtherAlgorithms(String name) {
        assertRejected(() -> DigestAlgorithm.of(name), "UNKNOWN_ALGORITHM");
    }

    @Test
    void protocolIdsAreLowerCase() {
        assertThat(DigestAlgorithm.SHA_256.id()).isEqualTo("sha-256");
        assertThat(DigestAlgorithm.SM3.id()).isEqualTo("sm3");
        assertThat(DigestAlgorithm.SM3).hasToString("sm3");
    }

    /** Hands out at most seven bytes per read, so the digest loop must accumulate correctly. */
    private static final class TrickleInputStream extends InputStream {
        private final byte[] content;
        private int position;
        boolean closed;

        TrickleInputStream(byte[] content) {
            this.content = content;
        }

        @Override
        public int read() {
            return position < content.length ? content[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= content.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, 1 + position % 7), content.length - position);
            System.arraycopy(content, position, buffer, offset, n);
            position += n;
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
