package org.hashbridge.protocol;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A pseudonym for a resident: HMAC-SHA256 of the resident's identifier under the secret of the
 * issuer's home node. The same reference is bound into the resident's leaves and consents, so a
 * verifying node can tell they belong to the same person without learning who it is.
 */
public record SubjectReference(Hash32 value) {

    private static final String TAG = "HashBridge/subject/v1";
    private static final int MIN_KEY_LENGTH = 32;

    public SubjectReference {
        java.util.Objects.requireNonNull(value, "value");
    }

    /**
     * The reference of the identifier as written, once normalised ({@link SubjectId#of}): the same
     * resident gets the same reference however the identifier was spelt.
     *
     * @param key the node's subject key, at least 32 bytes
     * @throws InvalidInput {@code INVALID_SUBJECT} when {@code subjectId} is not an identifier
     */
    public static SubjectReference derive(byte[] key, String subjectId) {
        return derive(key, SubjectId.of(subjectId));
    }

    /**
     * Computes HMAC-SHA256(key, "HashBridge/subject/v1" || 0x00 || UTF-8(subject)).
     *
     * @param key the node's subject key, at least 32 bytes
     */
    public static SubjectReference derive(byte[] key, SubjectId subject) {
        java.util.Objects.requireNonNull(subject, "subject");
        if (key == null || key.length < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("a subject key must be at least 32 bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(TAG.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 0);
            return new SubjectReference(Hash32.of(mac.doFinal(subject.value().getBytes(StandardCharsets.UTF_8))));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is mandatory in every JDK", e);
        }
    }

    public static SubjectReference fromHex(String hex) {
        return new SubjectReference(Hash32.fromHex(hex));
    }

    public String hex() {
        return value.hex();
    }
}
