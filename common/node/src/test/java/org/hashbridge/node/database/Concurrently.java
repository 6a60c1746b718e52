package org.hashbridge.node.database;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two real transactions at once, each on its own thread and its own connection, as two node instances
 * sharing one database run them. The first is held open until the second is done, or until the
 * database shows the second waiting for a lock the first holds.
 */
public final class Concurrently {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /** What each transaction returned. */
    public record Both<A, B>(A first, B second) {
    }

    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;

    Concurrently(PlatformTransactionManager transactionManager, JdbcTemplate jdbc) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
    }

    /** Runs {@code work} in a transaction of its own and commits it. */
    public <T> T committed(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    /** Runs {@code second} while {@code first}'s transaction is open; {@code second} must not wait for it. */
    public <A, B> Both<A, B> whileHeld(Supplier<A> first, Supplier<B> second) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch release = new CountDownLatch(1);
        try {
            Future<A> a = hold(threads, first, release);
            Future<B> b = threads.submit(() -> transactions.execute(status -> second.get()));
            B secondResult;
            try {
                secondResult = b.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("the second transaction waited for the first one: it did not skip what the first holds");
            }
            release.countDown();
            return new Both<>(a.get(PATIENCE.toSeconds(), TimeUnit.SECONDS), secondResult);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    /**
     * Starts {@code second} while {@code first}'s transaction is open, waits until the database shows it
     * waiting for a lock, then commits {@code first}; {@code second} then goes on and ends.
     *
     * @return what both returned; the future of {@code second} throws what it threw
     */
    public <A, B> Both<A, Future<B>> waitingFor(Supplier<A> first, Supplier<B> second) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch release = new CountDownLatch(1);
        try {
            Future<A> a = hold(threads, first, release);
            long waitingBefore = backendsWaitingForALock();
            Future<B> b = threads.submit(() -> transactions.execute(status -> second.get()));
            awaitWaiting(waitingBefore + 1, b);
            release.countDown();
            A firstResult = a.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            try {
                b.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // the caller reads it from the future
            }
            return new Both<>(firstResult, b);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    /** Runs {@code first} in a transaction on one of {@code threads}, returning once it is done but not committed. */
    private <A> Future<A> hold(ExecutorService threads, Supplier<A> first, CountDownLatch release) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Future<A> a = threads.submit(() -> transactions.execute(status -> {
            A result = first.get();
            done.countDown();
            await(release);
            return result;
        }));
        await(done, a);
        return a;
    }

    private long backendsWaitingForALock() {
        return jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock'", Long.class);
    }

    private void awaitWaiting(long backends, Future<?> second) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (backendsWaitingForALock() < backends) {
            if (second.isDone()) {
                second.get();
                throw new AssertionError("the second transaction ended without waiting for the first one's lock");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the second transaction never waited for a lock");
            }
            Thread.sleep(20);
        }
    }

    private static void await(CountDownLatch latch, Future<?> first) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!latch.await(20, TimeUnit.MILLISECONDS)) {
            if (first.isDone()) {
                first.get();
                throw new AssertionError("the first transaction ended before it was held");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the first transaction did not get going");
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("held for longer than " + PATIENCE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
