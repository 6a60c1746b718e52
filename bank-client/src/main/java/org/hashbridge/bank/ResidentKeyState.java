package org.hashbridge.bank;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.ResidentChallenges;

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

    /** @throws IllegalArgumentException when {@code registry} is not 20 bytes of hex */
    public ResidentKeyState {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(pendingKey, "pendingKey");
        Objects.requireNonNull(recoverableAt, "recoverableAt");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        if (!registry.matches("(0x)?[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("a registry address is 20 bytes of hex");
        }
        ResidentChallenges.jurisdiction(jurisdiction);
    }

    /** The registry's 20-byte address, as a replacement or a cancellation is signed over it. */
    public byte[] registryAddress() {
        String digits = registry.startsWith("0x") ? registry.substring(2) : registry;
        return HexFormat.of().parseHex(digits);
    }

    /** The jurisdiction as the registry keeps it: ASCII, left-aligned in 32 bytes. */
    public byte[] jurisdictionWord() {
        return ResidentChallenges.jurisdiction(jurisdiction);
    }
}
