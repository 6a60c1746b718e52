package org.hashbridge.node.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import org.hashbridge.protocol.Hash32;

/** How the registry keys institutions: never by name, only by a hash of the institution id. */
public final class RegistryKeys {

    private RegistryKeys() {
    }

    /**
     * The registry key of an institution: SHA-256 of the UTF-8 bytes of its id, such as
     * {@code "hk.transunion"}.
     *
     * @throws NullPointerException when {@code institutionId} is null
     */
    public static Hash32 institution(String institutionId) {
        Objects.requireNonNull(institutionId, "institutionId");
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return Hash32.of(sha256.digest(institutionId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
