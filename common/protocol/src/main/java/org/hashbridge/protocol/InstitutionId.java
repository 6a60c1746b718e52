package org.hashbridge.protocol;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A registered institution: a two-letter home prefix, a dot and a lower-case name, such as
 * {@code hk.transunion} or {@code cn.abc-shenzhen}. Not personal data; on chain it appears as
 * {@link #key()}.
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

    /** The on-chain key: SHA-256 of the id's UTF-8 bytes. */
    public Hash32 key() {
        return DigestAlgorithm.SHA_256.digest(value.getBytes(StandardCharsets.UTF_8)).value();
    }

    @Override
    public String toString() {
        return value;
    }
}
