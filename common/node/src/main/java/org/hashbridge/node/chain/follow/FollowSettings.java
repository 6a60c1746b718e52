package org.hashbridge.node.chain.follow;

import java.time.Duration;
import java.util.Objects;

/**
 * How a node follows the registry into its read model, and how fresh the read model must be to answer.
 *
 * @param confirmations  blocks that must follow a block before it is followed (0 for a chain with immediate
 *                       finality, such as QBFT)
 * @param logRange       the most blocks one {@code eth_getLogs} asks for
 * @param followInterval how often the follower looks for new blocks (and for a changed branch) when nobody
 *                       asks it sooner
 * @param lease          how long one instance follows before another instance on the same database may take
 *                       over; renewed every round
 * @param maxLag         the most final blocks the read model may be behind the chain and still answer; past it,
 *                       the checks that read the registry are UNAVAILABLE ({@code READ_MODEL_BEHIND})
 * @param readModelWait  how long a verification waits for the chain's head and for the read model to follow it
 */
public record FollowSettings(int confirmations, int logRange, Duration followInterval, Duration lease, long maxLag,
                             Duration readModelWait) {

    /**
     * @throws IllegalArgumentException when a number is negative, the range is not positive, or a duration is
     *                                  not positive
     */
    public FollowSettings {
        Objects.requireNonNull(followInterval, "followInterval");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(readModelWait, "readModelWait");
        if (confirmations < 0 || logRange < 1 || maxLag < 0) {
            throw new IllegalArgumentException("confirmations and maxLag must not be negative, logRange must be positive");
        }
        if (!positive(followInterval) || !positive(lease) || !positive(readModelWait)) {
            throw new IllegalArgumentException("followInterval, lease and readModelWait must be positive");
        }
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
