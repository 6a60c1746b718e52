package org.hashbridge.sandbox.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * Runs {@code total} numbered calls on a fixed number of client threads, each thread taking the next
 * number as soon as its previous call returns (closed loop), and records each call's latency and outcome.
 */
final class Load {

    /** What a run did: wall time, per-call latencies, and how many calls ended in each outcome. */
    record Result(long wallNanos, Measure.Latencies latencies, Map<String, Long> outcomes) {

        double perSecond() {
            return latencies.sortedNanos().length * 1e9 / wallNanos;
        }

        long count(String outcome) {
            return outcomes.getOrDefault(outcome, 0L);
        }
    }

    private Load() {
    }

    /** @param call gets the call's number, answers its outcome; an exception counts as its class name */
    static Result run(int total, int clients, IntFunction<String> call) {
        long[] nanos = new long[total];
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                for (int i; (i = next.getAndIncrement()) < total; ) {
                    long began = System.nanoTime();
                    String outcome = outcome(call, i);
                    nanos[i] = System.nanoTime() - began;
                    outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                }
            });
        }
        awaitAll(pool);
        long wall = System.nanoTime() - start;
        Map<String, Long> counted = new TreeMap<>();
        outcomes.forEach((k, v) -> counted.put(k, v.sum()));
        return new Result(wall, Measure.Latencies.of(nanos), counted);
    }

    private static String outcome(IntFunction<String> call, int i) {
        try {
            return call.apply(i);
        } catch (RuntimeException e) {
            // counted and shown in the table, so a failing call is never mistaken for a fast one
            return e.getClass().getSimpleName();
        }
    }

    private static void awaitAll(ExecutorService pool) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
                pool.shutdownNow();
                throw new IllegalStateException("the load did not finish within 30 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
