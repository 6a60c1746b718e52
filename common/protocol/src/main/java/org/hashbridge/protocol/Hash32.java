package org.hashbridge.protocol;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 32-byte hash value: a document digest, a leaf, a Merkle root, a commitment or an on-chain key.
 * Immutable; a value that is not exactly 32 bytes cannot be constructed.
 */
public final class Hash32 {

    public static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private Hash32(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @throws InvalidInput with code {@code INVALID_HASH} when {@code bytes} is null or not 32 bytes
     */
    public static Hash32 of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw InvalidInput.of("INVALID_HASH", "a hash must be exactly 32 bytes");
        }
        return new Hash32(bytes.clone());
    }

    /**
     * Parses 64 hexadecimal characters, either case, with or without a {@code 0x} prefix.
     *
     * @throws InvalidInput with code {@code INVALID_HASH} when {@code hex} is not 64 hex characters
     */
    public static Hash32 fromHex(String hex) {
        if (hex == null) {
            throw InvalidInput.of("INVALID_HASH", "a hash must be 64 hexadecimal characters");
        }
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (digits.length() != 2 * LENGTH || !digits.chars().allMatch(HexFormat::isHexDigit)) {
            throw InvalidInput.of("INVALID_HASH", "a hash must be 64 hexadecimal characters");
        }
        return new Hash32(HEX.parseHex(digits));
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lower-case hex, no prefix. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    /** Lower-case hex with the {@code 0x} prefix chains use. */
    public String prefixedHex() {
        return "0x" + hex();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Hash32 that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
