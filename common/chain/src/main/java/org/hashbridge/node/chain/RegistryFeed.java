package org.hashbridge.node.chain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry's events block by block, for a node that follows them into its own database. Every call
 * throws {@link ChainUnavailable} when the chain cannot be read or answers what makes no sense.
 */
public interface RegistryFeed {

    long chainId();

    /** The registry contract, EIP-55 checksummed. */
    String registryAddress();

    /** The number of the latest block. */
    long head();

    /** The block of that number on the chain as it is now, empty when the chain has none (yet, or any more). */
    Optional<BlockRef> block(long number);

    /**
     * The registry's events in blocks {@code from} to {@code to}, both included, in chain order, read so that
     * they all belong to the branch that holds {@code to}.
     *
     * @throws ChainUnavailable         also when the chain changed branch while they were read: read again
     * @throws IllegalArgumentException when {@code from} is negative or after {@code to}
     */
    Range events(long from, long to);

    /**
     * Checks that the chain answers with the configured chain id and that the configured address holds a
     * registry of {@link RegistryChain#REGISTRY_VERSION}; see {@link RegistryChain#requireRegistry()}.
     */
    void requireRegistry();

    /**
     * An event and where it is.
     *
     * @param block    the block that holds it
     * @param logIndex its position among the block's logs
     */
    record Logged(BlockRef block, int logIndex, RegistryEvent event) {

        public Logged {
            Objects.requireNonNull(block, "block");
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * The events of a range of blocks.
     *
     * @param last   the range's last block
     * @param events its events, in chain order
     */
    record Range(BlockRef last, List<Logged> events) {

        public Range {
            Objects.requireNonNull(last, "last");
            events = List.copyOf(events);
        }
    }
}
