package org.hashbridge.node.chain;

import java.time.Duration;

/**
 * The chain's block period as the timestamps of its latest blocks show it, read again at most once a
 * minute: a QBFT network makes a block every {@code blockperiodseconds}, anvil one per transaction or
 * every {@code --block-time}.
 */
final class BlockPeriod {

    /** How many of the latest block intervals are averaged. */
    static final int SAMPLE = 4;
    private static final Duration REFRESH = Duration.ofMinutes(1);

    private final Rpc rpc;
    private Duration period; // guarded by this
    private long readAt; // guarded by this

    BlockPeriod(Rpc rpc) {
        this.rpc = rpc;
    }

    /**
     * The average time between the latest {@value #SAMPLE} blocks (fewer on a younger chain), zero when the
     * chain has only its genesis block or makes blocks faster than its timestamps' second.
     *
     * @throws ChainUnavailable when the chain cannot be asked
     */
    synchronized Duration current() {
        if (period == null || System.nanoTime() - readAt > REFRESH.toNanos()) {
            period = read();
            readAt = System.nanoTime();
        }
        return period;
    }

    private Duration read() {
        long head = rpc.blockNumber();
        if (head == 0) {
            return Duration.ZERO;
        }
        long from = Math.max(0, head - SAMPLE);
        Duration elapsed = Duration.between(rpc.blockTime(from), rpc.blockTime(head));
        return elapsed.isNegative() ? Duration.ZERO : elapsed.dividedBy(head - from);
    }
}
