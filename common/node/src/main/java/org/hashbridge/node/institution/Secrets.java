package org.hashbridge.node.institution;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.hashbridge.protocol.DigestAlgorithm;

/**
 * API keys and resident credentials are random 256-bit secrets issued by the operator, not passwords a
 * person chose, so a plain SHA-256 is enough to store them: nothing short enough to guess is behind it,
 * and the lookup by hash stays a single indexed read on every request.
 */
public final class Secrets {

    /** What every API key starts with, so that one found in a log or a repository is recognised as such. */
    public static final String API_KEY_PREFIX = "hbk_";
    /** What every resident credential starts with. */
    public static final String CREDENTIAL_PREFIX = "hbr_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** Lower-case hex SHA-256 of the secret's UTF-8 bytes. */
    public static String hash(String secret) {
        return DigestAlgorithm.SHA_256.digest(secret.getBytes(StandardCharsets.UTF_8)).hex();
    }

    /** A new secret: {@code prefix} and 256 random bits, base64url without padding (43 characters). */
    static String newSecret(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * A secret's hash as a provisioning file lists it.
     *
     * @throws IllegalStateException unless it is 64 lower-case hexadecimal characters
     */
    static String requireHash(String sha256, String of) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalStateException("the provisioning file lists no SHA-256 (64 lower-case hex characters) for " + of);
        }
        return sha256;
    }
}
