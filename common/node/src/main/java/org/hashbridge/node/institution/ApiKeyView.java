package org.hashbridge.node.institution;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An API key as an operator may see it: never its secret, nor the secret's hash. */
public record ApiKeyView(UUID id, Instant createdAt, Optional<Instant> revokedAt) {

    static ApiKeyView of(ApiKey key) {
        return new ApiKeyView(key.id(), key.createdAt(), key.revokedAt());
    }
}
