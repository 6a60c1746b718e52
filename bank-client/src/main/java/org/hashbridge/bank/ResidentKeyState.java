package org.hashbridge.bank;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.hashbridge.protocol.Hash32;

/**
 * What the resident's home node says of their key binding ({@code GET /api/v1/residents/me/key}): enough to make the
 * approvals a key registration and a key replacement need.
 *
 * @param binding       the resident's binding id in the registry
 * @param keyHash       the hash of the key bound now; empty when none is
 * @param nonce         how many times the binding changed; a replacement is signed over it, so it counts once
 * @param pendingKey    the key hash a recovery started by the home operator would bind; empty when none is pending
 * @param recoverableAt when that recovery may complete
 * @param chainId       the chain of the registry
 * @param registry      the registry's address, {@code 0x}-prefixed hex
 * @param jurisdiction  the home node's jurisdiction, such as {@code HK}
 */
public record ResidentKeyState(Hash32 binding, Optional<Hash32> keyHash, long nonce, Optional<Hash32> pendingKey,
                               Optional<Instant> recoverableAt, long chainId, String registry, String jurisdiction) {

    public ResidentKeyState {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(pendingKey, "pendingKey");
        Objects.requireNonNull(recoverableAt, "recoverableAt");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
    }
}
