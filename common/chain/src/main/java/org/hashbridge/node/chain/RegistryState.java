package org.hashbridge.node.chain;

import org.hashbridge.protocol.Hash32;

/**
 * The registry's state as of one block, read from the chain by {@link RegistryChain#finalState()}: every
 * read sees that same block. Reads throw {@link ChainUnavailable} when the chain cannot be read. No
 * argument may be null.
 */
public interface RegistryState extends RegistrySnapshot {

    /** The block these reads see: the latest minus the configured confirmations. */
    @Override
    long block();

    /** The registry's {@code VERSION}: the rules it enforces. */
    long version();

    /** Whether {@code verifier}'s access with the receipt hash {@code receipt} is recorded as of that block. */
    boolean accessRecorded(Hash32 verifier, Hash32 receipt);
}
