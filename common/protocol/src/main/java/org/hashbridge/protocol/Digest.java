package org.hashbridge.protocol;

import java.util.Objects;

/** A document digest together with the algorithm that produced it. */
public record Digest(DigestAlgorithm algorithm, Hash32 value) {

    public Digest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses an API pair such as {@code ("sha-256", "9f86d0...")}.
     *
     * @throws InvalidInput {@code UNKNOWN_ALGORITHM} or {@code INVALID_DIGEST}
     */
    public static Digest parse(String algorithm, String hex) {
        DigestAlgorithm alg = DigestAlgorithm.of(algorithm);
        try {
            return new Digest(alg, Hash32.fromHex(hex));
        } catch (InvalidInput e) {
            throw InvalidInput.of("INVALID_DIGEST", "digest must be 64 hexadecimal characters");
        }
    }

    public String hex() {
        return value.hex();
    }
}
