package org.hashbridge.sandbox.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.IntFunction;

/** Single-threaded rates after warm-up, and latency percentiles. */
final class Measure {

    private static final long WARM_UP_NANOS = 1_000_000_000L;
    private static final long ROUND_NANOS = 500_000_000L;
    private static final int ROUNDS = 3;
    private static final long CPU_WARM_UP_NANOS = 3_000_000_000L;
    private static final long MAX_WARM_UP_NANOS = 60_000_000_000L;
    private static final int CPU_ROUNDS = 5;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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
        return rounds(op, ROUNDS).perSecond();
    }

    /**
     * Operations per second of {@code op} on this thread, per second of wall-clock time and per second of
     * this thread's own CPU time: what one core does, whatever else the machine runs. The warm-up lasts
     * until this thread has had three seconds of CPU (at most a minute), so that on a busy machine the JIT
     * is done before the rounds start; then the median of five half-second rounds of each.
     */
    static Rates rates(IntFunction<Object> op) {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        do {
            runFor(op, ROUND_NANOS);
        } while (THREADS.getCurrentThreadCpuTime() - cpuStart < CPU_WARM_UP_NANOS && System.nanoTime() - start < MAX_WARM_UP_NANOS);
        return rounds(op, CPU_ROUNDS);
    }

    private static Rates rounds(IntFunction<Object> op, int count) {
        double[] wall = new double[count];
        double[] cpu = new double[count];
        for (int r = 0; r < count; r++) {
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            int calls = runFor(op, ROUND_NANOS);
            wall[r] = calls * 1e9 / (System.nanoTime() - start);
            cpu[r] = calls * 1e9 / Math.max(1, THREADS.getCurrentThreadCpuTime() - cpuStart);
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new Rates(wall[count / 2], cpu[count / 2]);
    }

    /** Calls {@code op} until {@code nanos} have passed; answers how many calls it made. */
    private static int runFor(IntFunction<Object> op, long nanos) {
        int calls = 0;
        int h = 0;
        long start = System.nanoTime();
        do {
            h += op.apply(calls++).hashCode();
        } while (System.nanoTime() - start < nanos);
        sink += h;
        return calls;
    }

    /** Operations per second of wall-clock time and per second of the measuring thread's CPU time. */
    record Rates(double perSecond, double perCpuSecond) {
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

        String millis(double p) {
            return Table.number(percentileMillis(p), 1) + " ms";
        }
    }
}
