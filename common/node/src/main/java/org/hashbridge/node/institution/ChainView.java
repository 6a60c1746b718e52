package org.hashbridge.node.institution;

import java.util.Objects;
import java.util.Optional;

/**
 * What the registry holds for one of this node's institutions, next to what the node wants.
 *
 * @param state          as read from the chain's final state, or as just written there
 * @param writtenInBlock the block of the write this node just made to get there, empty when it wrote nothing
 * @param reason         why the chain is not in the wanted state (unreachable, or the registry's error), or empty
 */
public record ChainView(State state, Optional<Long> writtenInBlock, Optional<String> reason) {

    /** An institution's state on chain. */
    public enum State {
        ACTIVE, SUSPENDED, NOT_REGISTERED,
        /** the chain could not be read */
        UNKNOWN
    }

    public ChainView {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(writtenInBlock, "writtenInBlock");
        Objects.requireNonNull(reason, "reason");
    }

    static ChainView read(State state) {
        return new ChainView(state, Optional.empty(), Optional.empty());
    }

    static ChainView written(State state, long block) {
        return new ChainView(state, Optional.of(block), Optional.empty());
    }

    static ChainView notReached(State state, String reason) {
        return new ChainView(state, Optional.empty(), Optional.of(reason));
    }

    static State of(boolean active) {
        return active ? State.ACTIVE : State.SUSPENDED;
    }

    /**
     * True when the chain holds what the node wants: registered and active, or, for a suspended institution,
     * suspended or never registered (either way the other side refuses it).
     */
    public boolean agrees(boolean wantedActive) {
        return wantedActive ? state == State.ACTIVE : state == State.SUSPENDED || state == State.NOT_REGISTERED;
    }
}
