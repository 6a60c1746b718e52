package org.hashbridge.sandbox.bench;

import java.util.Arrays;
import java.util.function.IntFunction;

/** Single-threaded rates after warm-up, and latency percentiles. */
final class Measure {

    private static final long WARM_UP_NANOS = 1_000_000_000L;
    private static final long ROUND_NANOS = 500_000_000L;
    private static final int ROUNDS = 3;

    /** Defeats dead-code elimination: every result feeds this. */
    private static volatile int sink;

    private Measure() {
    }

    /**
     * Operations per second of {@code op} on this thread: one second of warm-up, then the median of
     * three half-second rounds. {@code op} gets the call's sequence number and returns anything.
     */
    static double perSecond(IntFunction<Object> op) {
        runFor(op, WARM_UP_NANOS);
        double[] rounds = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            rounds[r] = runFor(op, ROUND_NANOS);
        }
        Arrays.sort(rounds);
        return rounds[ROUNDS / 2];
    }

    private static double runFor(IntFunction<Object> op, long nanos) {
        int calls = 0;
        int h = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            h += op.apply(calls++).hashCode();
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        sink += h;
        return calls * 1e9 / elapsed;
    }

    /** Percentiles of a set of durations in nanoseconds, as milliseconds. */
    record Latencies(long[] sortedNanos) {

        static Latencies of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Latencies(sorted);
        }

        double percentileMillis(double p) {
            int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
            return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
        }

        String summary() {
            return "p50 " + millis(50) + ", p95 " + millis(95) + ", p99 " + millis(99) + ", max " + millis(100);
        }

        String millis(double p) {
            return Table.number(percentileMillis(p), 1) + " ms";
        }
    }
}
