package org.hashbridge.node.chain.follow;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The chain's head, read fresh for whoever asks but shared: at most one read is under way, and every caller
 * that arrives meanwhile gets the next one, which starts after it arrived. So a burst of verifications costs
 * one {@code eth_blockNumber} per round trip, not one each, and each still sees a head read after it began.
 * Close it to stop its thread.
 */
final class ChainHead implements AutoCloseable {

    private final LongSupplier read;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "chain-head");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Long> next;
    private boolean reading;

    /** @param read reads the head; throws when the chain cannot be read */
    ChainHead(LongSupplier read) {
        this.read = read;
    }

    /**
     * A head read that started after this call, waiting for it at most {@code wait}.
     *
     * @return empty when the chain could not be read, or not within {@code wait}
     */
    OptionalLong fresh(Duration wait) {
        CompletableFuture<Long> head;
        synchronized (this) {
            if (next == null) {
                next = new CompletableFuture<>();
            }
            head = next;
            if (!reading) {
                reading = true;
                reader.execute(this::readWhileAsked);
            }
        }
        try {
            return OptionalLong.of(head.get(wait.toNanos(), TimeUnit.NANOSECONDS));
        } catch (ExecutionException | TimeoutException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    private void readWhileAsked() {
        while (true) {
            CompletableFuture<Long> head;
            synchronized (this) {
                head = next;
                next = null;
                if (head == null) {
                    reading = false;
                    return;
                }
            }
            try {
                head.complete(read.getAsLong());
            } catch (RuntimeException e) {
                head.completeExceptionally(e);
            }
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
