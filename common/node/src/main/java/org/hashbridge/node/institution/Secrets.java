package org.hashbridge.node.institution;

import java.nio.charset.StandardCharsets;
import org.hashbridge.protocol.DigestAlgorithm;

/**
 * API keys and resident credentials are random 256-bit secrets issued by the operator, not passwords a
 * person chose, so a plain SHA-256 is enough to store them: nothing short enough to guess is behind it,
 * and the lookup by hash stays a single indexed read on every request.
 */
public final class Secrets {

    private Secrets() {
    }

    /** Lower-case hex SHA-256 of the secret's UTF-8 bytes. */
    public static String hash(String secret) {
        return DigestAlgorithm.SHA_256.digest(secret.getBytes(StandardCharsets.UTF_8)).hex();
    }
}
