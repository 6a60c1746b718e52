package org.hashbridge.node.verification;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads of many requests made on one view of the registry: the checks of verifications that arrive together
 * run in one read-only transaction of the read model instead of one each, so what a transaction costs
 * (taking a connection, setting its isolation, reading the checkpoint, committing) is paid once per group.
 * Each caller's reads still run only after it called, on a view that the lag rule let through after it called,
 * so a group never answers from a registry older than a caller alone would have read.
 *
 * <p>{@code groups} reader threads each take what has queued, make one view and run the group's reads on it,
 * in turn; a caller waits for its own answer only, never for a turn at a reader, so that callers whose reads a
 * group made do not file past a lock one by one.
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
    private final BlockingQueue<Job<V, ?>> queue = new LinkedBlockingQueue<>();

    SharedReads(Source<V> source, int groups) {
        this.source = source;
        for (int i = 0; i < groups; i++) {
            Thread reader = new Thread(this::readWhileAsked, "registry-reads-" + i);
            reader.setDaemon(true);
            reader.start();
        }
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
        try {
            return job.result().join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    private void readWhileAsked() {
        List<Job<V, ?>> group = new ArrayList<>();
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(group);
            read(group);
            group.clear();
        }
    }

    private void read(List<Job<V, ?>> group) {
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
