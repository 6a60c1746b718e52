package org.hashbridge.node.verification;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads of many requests made on one view of the registry: the checks of verifications that arrive together
 * run in one read-only transaction of the read model instead of one each, so what a transaction costs
 * (taking a connection, setting its isolation, reading the checkpoint, committing) is paid once per group.
 * Each caller's reads still run only after it called, on a view that the lag rule let through after it called,
 * so a group never answers from a registry older than a caller alone would have read.
 *
 * <p>At most {@code groups} views are read at once. A caller that finds none free waits; when one frees up,
 * it finds its reads made by the group before it, or makes them itself with everything queued meanwhile.
 *
 * @param <V> the view the reads take
 */
final class SharedReads<V> {

    /** Makes one view and hands it to {@code reads}, returning once they are done. */
    @FunctionalInterface
    interface Source<V> {
        void read(Consumer<V> reads);
    }

    private record Job<V, T>(Function<V, T> reads, CompletableFuture<T> result) {

        void run(V view) {
            try {
                result.complete(reads.apply(view));
            } catch (RuntimeException e) {
                // the caller's own failure, thrown again on its thread
                result.completeExceptionally(e);
            }
        }
    }

    private final Source<V> source;
    private final Queue<Job<V, ?>> queue = new ConcurrentLinkedQueue<>();
    private final Semaphore views;

    SharedReads(Source<V> source, int groups) {
        this.source = source;
        this.views = new Semaphore(groups, true);
    }

    /**
     * Runs {@code reads} on a view made after this call, alone or with the reads of other callers.
     *
     * @return what {@code reads} returned
     * @throws RuntimeException what {@code reads} threw, or what making the view threw
     */
    <T> T read(Function<V, T> reads) {
        Job<V, T> job = new Job<>(reads, new CompletableFuture<>());
        queue.add(job);
        views.acquireUninterruptibly();
        try {
            if (!job.result().isDone()) {
                readQueued();
            }
        } finally {
            views.release();
        }
        try {
            return job.result().join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    private void readQueued() {
        List<Job<V, ?>> group = new ArrayList<>();
        for (Job<V, ?> next = queue.poll(); next != null; next = queue.poll()) {
            group.add(next);
        }
        try {
            source.read(view -> group.forEach(job -> job.run(view)));
        } catch (RuntimeException e) {
            group.forEach(job -> job.result().completeExceptionally(e));
        } finally {
            // no caller waits for ever, whatever ended the read (does nothing to those that have their answer)
            group.forEach(job -> job.result().completeExceptionally(new IllegalStateException("the view was not read")));
        }
    }
}
