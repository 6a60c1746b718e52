package org.hashbridge.node.config;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs a chain call a request makes (a write, or the reads that check one beforehand) on a thread of its
 * own and waits for it at most {@code hashbridge.outbox.answer-within}, so a request never holds its caller
 * (nor a database connection) longer than that while the chain is slow. A write still running when the wait
 * ends goes on and completes its outbox step itself; one that finds no free thread is left to the outbox
 * worker once its lease runs out.
 */
@Component
public class ChainWait implements DisposableBean {

    private static final int THREADS = 32;
    private static final int QUEUED = 256;

    private final Duration wait;
    private final ThreadPoolExecutor pool;

    ChainWait(OutboxProperties outbox) {
        this.wait = outbox.answerWithin();
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED),
                task -> {
                    Thread thread = new Thread(task, "chain-call-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.pool.allowCoreThreadTimeOut(true);
    }

    /**
     * The call's result when it ends within the wait, empty when it is still running (or could not start).
     *
     * @throws RuntimeException whatever the call threw within the wait
     */
    public <T> Optional<T> await(Supplier<T> call) {
        Future<T> running;
        try {
            running = pool.submit(call::get);
        } catch (RejectedExecutionException e) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(running.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
