package org.hashbridge.node.chain.follow;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the read model is: the last block followed on one chain and registry.
 *
 * @param block      the last block followed, -1 before the first
 * @param hash       that block's hash, empty before the first
 * @param head       the chain's head when the follower last followed or found nothing to follow
 * @param followedAt when that was
 * @param rollbacks  how many times the follower rolled back a changed branch
 * @param lastRollback the last of them, empty before the first
 */
record Checkpoint(long chainId, String registry, long block, Optional<String> hash, Optional<Long> head,
                  Optional<Instant> followedAt, long rollbacks, Optional<Rollback> lastRollback) {

    Checkpoint {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(followedAt, "followedAt");
        Objects.requireNonNull(lastRollback, "lastRollback");
    }

    /**
     * A rollback: from the block the read model was at, to the fork point.
     */
    record Rollback(long from, long to, Instant at) {
    }

    boolean isOf(long chainId, String registry) {
        return this.chainId == chainId && this.registry.equalsIgnoreCase(registry);
    }

    /** Whether {@code other} names the same block as this one, so nothing was followed or rolled back since. */
    boolean samePlace(Checkpoint other) {
        return isOf(other.chainId, other.registry) && block == other.block && hash.equals(other.hash);
    }
}
