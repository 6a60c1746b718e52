package org.hashbridge.bank;

import java.util.Objects;
import org.hashbridge.protocol.Hash32;

/**
 * The home node's answer to a key registration.
 *
 * @param keyHash the hash of the key registered
 * @param status  {@code BOUND} once the registry has it, {@code PENDING} while the node is still writing it
 */
public record KeyRegistration(Hash32 keyHash, String status) {

    public static final String BOUND = "BOUND";

    public KeyRegistration {
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(status, "status");
    }

    public boolean bound() {
        return BOUND.equals(status);
    }
}
