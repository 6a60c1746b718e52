package org.hashbridge.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Builds the exact bytes that are hashed into a leaf or a commitment: an ASCII domain tag, a zero byte,
 * then fields, each variable-length field prefixed with its length as a big-endian u16.
 * docs/protocol.md gives the layouts; the tags keep one kind of hash from ever equalling another.
 */
final class Preimage {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    private Preimage(String tag) {
        out.writeBytes(tag.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
    }

    static Preimage tagged(String tag) {
        return new Preimage(tag);
    }

    Preimage text(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    Preimage bytes(byte[] value) {
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("field longer than 65535 bytes");
        }
        out.write(value.length >>> 8);
        out.write(value.length & 0xFF);
        out.writeBytes(value);
        return this;
    }

    Preimage hash(Hash32 value) {
        out.writeBytes(value.bytes());
        return this;
    }

    Preimage u64(long value) {
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    Hash32 sha256() {
        MessageDigest md = DigestAlgorithm.SHA_256.newMessageDigest();
        return Hash32.of(md.digest(out.toByteArray()));
    }
}
