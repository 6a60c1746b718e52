package org.hashbridge.protocol;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Random bytes mixed into a leaf or a consent commitment so that a short or guessable document cannot
 * be found from its hash on chain. At least 16 bytes (128 bits), at most 64.
 */
public final class Salt {

    public static final int MIN_LENGTH = 16;
    public static final int DEFAULT_LENGTH = 32;
    private static final int MAX_LENGTH = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;

    private Salt(byte[] bytes) {
        this.bytes = bytes;
    }

    /** 32 fresh bytes from a {@link SecureRandom}. */
    public static Salt random() {
        byte[] bytes = new byte[DEFAULT_LENGTH];
        RANDOM.nextBytes(bytes);
        return new Salt(bytes);
    }

    /** @throws InvalidInput {@code INVALID_SALT} when shorter than 16 or longer than 64 bytes */
    public static Salt of(byte[] bytes) {
        if (bytes == null || bytes.length < MIN_LENGTH || bytes.length > MAX_LENGTH) {
            throw InvalidInput.of("INVALID_SALT", "a salt must be 16 to 64 bytes");
        }
        return new Salt(bytes.clone());
    }

    /** @throws InvalidInput {@code INVALID_SALT} when not an even-length hex string of 16 to 64 bytes */
    public static Salt fromHex(String hex) {
        if (hex == null || hex.length() % 2 != 0 || !hex.chars().allMatch(HexFormat::isHexDigit)) {
            throw InvalidInput.of("INVALID_SALT", "a salt must be hexadecimal");
        }
        return of(HexFormat.of().parseHex(hex));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Salt that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Salt[" + bytes.length + " bytes]";
    }
}
