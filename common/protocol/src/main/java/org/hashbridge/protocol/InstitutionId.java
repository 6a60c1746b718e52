package org.hashbridge.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A registered institution: a two-letter namespace, a dot and a lower-case name, such as
 * {@code hk.transunion} or {@code cn.abc-shenzhen}. The namespace names the jurisdiction the institution
 * belongs to; the registry admits one namespace per jurisdiction. Not personal data; on chain it
 * appears as {@link #key()}.
 */
public record InstitutionId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[a-z]{2}\\.[a-z0-9][a-z0-9-]{0,62}");

    /** @throws InvalidInput {@code INVALID_INSTITUTION} when {@code value} does not match the format */
    public InstitutionId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw InvalidInput.of("INVALID_INSTITUTION",
                    "an institution id looks like 'hk.transunion': two letters, a dot, a lower-case name");
        }
    }

    /** The two letters before the dot: the namespace of the institution's jurisdiction. */
    public String namespace() {
        return value.substring(0, 2);
    }

    /** SHA-256 of the id's UTF-8 bytes: what an operator hands the registry when it registers the id. */
    public Hash32 idHash() {
        return DigestAlgorithm.SHA_256.digest(value.getBytes(StandardCharsets.UTF_8)).value();
    }

    /**
     * The on-chain key: SHA-256(namespace || SHA-256(id)), the namespace as its two ASCII bytes. The
     * registry derives the same key from the registering operator's own namespace, so a key of the
     * {@code hk} namespace can only ever be registered by an operator of the jurisdiction that owns it.
     */
    public Hash32 key() {
        byte[] input = ByteBuffer.allocate(2 + 32)
                .put(namespace().getBytes(StandardCharsets.US_ASCII))
                .put(idHash().bytes())
                .array();
        return DigestAlgorithm.SHA_256.digest(input).value();
    }

    @Override
    public String toString() {
        return value;
    }
}
