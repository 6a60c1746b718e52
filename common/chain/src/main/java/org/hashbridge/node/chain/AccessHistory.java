package org.hashbridge.node.chain;

import java.util.List;
import java.util.Objects;

/**
 * Some of the accesses recorded for one consent commitment, oldest first.
 *
 * @param accesses the accesses asked for
 * @param total    how many accesses the commitment has in all
 */
public record AccessHistory(List<AccessOnChain> accesses, int total) {

    public AccessHistory {
        accesses = List.copyOf(Objects.requireNonNull(accesses, "accesses"));
        if (total < accesses.size()) {
            throw new IllegalArgumentException("total must count at least the accesses given");
        }
    }
}
