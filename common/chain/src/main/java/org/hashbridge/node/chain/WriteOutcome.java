package org.hashbridge.node.chain;

import java.util.Objects;

/**
 * What became of one of several writes sent together ({@link RegistryChain#anchorRoots},
 * {@link RegistryChain#recordAccessBatches}): mined with the
 * event it must emit, refused by the registry, or not known to be on chain. Each write of such a call has
 * its own outcome, so one refused or lost write leaves the others as they are.
 */
public final class WriteOutcome {

    private final ChainWrite write;
    private final RuntimeException failure;

    private WriteOutcome(ChainWrite write, RuntimeException failure) {
        this.write = write;
        this.failure = failure;
    }

    public static WriteOutcome written(ChainWrite write) {
        return new WriteOutcome(Objects.requireNonNull(write, "write"), null);
    }

    public static WriteOutcome failed(RuntimeException failure) {
        if (!(failure instanceof ChainRejected) && !(failure instanceof ChainUnavailable)) {
            throw new IllegalArgumentException("a write fails with ChainRejected or ChainUnavailable", failure);
        }
        return new WriteOutcome(null, failure);
    }

    /**
     * The write, as a single write returns it.
     *
     * @throws ChainRejected    when the registry refused it
     * @throws ChainUnavailable when it is not known to be on chain: not sent, or sent and not mined in time
     *                          (it may be mined later), or mined without its event
     */
    public ChainWrite get() {
        if (failure != null) {
            throw failure;
        }
        return write;
    }
}
