package org.hashbridge.node.chain;

import java.time.Instant;
import java.util.Objects;

/**
 * One block of the chain as a follower remembers it.
 *
 * @param number the block number
 * @param hash   its hash, {@code 0x} and 64 lower-case hex digits: a block of that number with another
 *               hash is on another branch
 * @param time   its timestamp
 */
public record BlockRef(long number, String hash, Instant time) {

    public BlockRef {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(time, "time");
        if (number < 0) {
            throw new IllegalArgumentException("a block number is not negative");
        }
    }
}
