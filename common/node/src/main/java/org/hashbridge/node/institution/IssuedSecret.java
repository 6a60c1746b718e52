package org.hashbridge.node.institution;

import java.util.Objects;
import java.util.UUID;

/**
 * A secret the node just generated, to be shown once to the operator who asked for it and then forgotten: the node
 * keeps only its SHA-256. {@link #toString()} never shows it, so it cannot reach a log by accident.
 *
 * @param owner  the institution id or resident it belongs to
 * @param keyId  the API key's id, null for a resident's credential
 * @param secret the bearer secret itself
 */
public record IssuedSecret(String owner, UUID keyId, String secret) {

    public IssuedSecret {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "IssuedSecret[keyId=" + keyId + ", owner and secret hidden]";
    }
}
