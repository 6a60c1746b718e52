package org.hashbridge.node.chain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.hashbridge.protocol.Hash32;

/**
 * A resident's key as the registry holds it in one home jurisdiction, under the resident's binding id: the hash
 * of the bound P-256 key ({@code ResidentKey.hash()}), never the key.
 *
 * @param keyHash       the bound key's hash
 * @param nonce         how many changes the binding has seen (1 once bound); the key's next approval of a change
 *                      signs this value, so each approval is usable once
 * @param pendingKey    the key a recovery started by the home operator binds once due, empty when none is pending
 * @param recoverableAt when that recovery may complete, present exactly when {@code pendingKey} is
 * @param changedAt     the timestamp of the block that bound the current key
 * @param how           how it was bound: {@link #BOUND} by the home operator, {@link #REPLACED} with the old
 *                      key's approval, {@link #RECOVERED} by the home operator after the recovery delay
 */
public record ResidentKeyOnChain(Hash32 keyHash, long nonce, Optional<Hash32> pendingKey,
        Optional<Instant> recoverableAt, Instant changedAt, int how) {

    public static final int BOUND = 1;
    public static final int REPLACED = 2;
    public static final int RECOVERED = 3;

    public ResidentKeyOnChain {
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(pendingKey, "pendingKey");
        Objects.requireNonNull(recoverableAt, "recoverableAt");
        Objects.requireNonNull(changedAt, "changedAt");
        if (nonce < 1) {
            throw new IllegalArgumentException("a bound key has seen at least one change");
        }
        if (pendingKey.isPresent() != recoverableAt.isPresent()) {
            throw new IllegalArgumentException("a pending recovery has both a key and a time");
        }
        if (how < BOUND || how > RECOVERED) {
            throw new IllegalArgumentException("a key is bound, replaced or recovered, not " + how);
        }
    }
}
