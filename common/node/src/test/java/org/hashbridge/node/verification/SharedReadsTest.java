package org.hashbridge.node.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reads of many callers on one view: the first view is held open until every other caller waits, so that
 * they are all read together in the next one.
 */
class SharedReadsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final AtomicInteger views = new AtomicInteger();
    private final CountDownLatch firstHeld = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private final List<Thread> waiting = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    /** Views numbered 1, 2, ...; the first one waits for {@link #releaseFirst}. */
    private void view(Consumer<Integer> reads) {
        int view = views.incrementAndGet();
        if (view == 1) {
            firstHeld.countDown();
            await(releaseFirst);
        }
        reads.accept(view);
    }

    @Test
    void callersThatArriveWhileAViewIsReadAreReadTogetherInTheNextEachGettingItsOwnAnswer() throws Exception {
        SharedReads<Integer> reads = new SharedReads<>(this::view, 1);
        Future<String> first = callers.submit(() -> reads.read(view -> "first in view " + view));
        assertThat(firstHeld.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        List<Future<String>> others = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            int caller = i;
            others.add(callers.submit(() -> {
                waiting.add(Thread.currentThread());
                return reads.read(view -> "caller " + caller + " in view " + view);
            }));
        }
        awaitAllWaiting(64);
        releaseFirst.countDown();

        assertThat(first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("first in view 1");
        for (int i = 0; i < 64; i++) {
            assertThat(others.get(i).get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("caller " + i + " in view 2");
        }
        assertThat(views).hasValue(2);
    }

    @Test
    void aViewThatCannotBeMadeFailsEveryCallerOfItsGroupAndTheNextGroupIsRead() throws Exception {
        IllegalStateException down = new IllegalStateException("the database is down");
        SharedReads<Integer> reads = new SharedReads<>(r -> {
            int view = views.incrementAndGet();
            if (view == 2) {
                throw down;
            }
            r.accept(view);
        }, 1);
        // the first caller holds view 1 with a read that waits
        Future<String> first = callers.submit(() -> reads.read(view -> {
            firstHeld.countDown();
            await(releaseFirst);
            return "first";
        }));
        assertThat(firstHeld.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        List<Future<String>> failed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            failed.add(callers.submit(() -> {
                waiting.add(Thread.currentThread());
                return reads.read(view -> "read in view " + view);
            }));
        }
        awaitAllWaiting(3);
        releaseFirst.countDown();

        assertThat(first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("first");
        for (Future<String> caller : failed) {
            assertThatThrownBy(() -> caller.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).cause().isSameAs(down);
        }
        String next = reads.read(view -> "read in view " + view);
        assertThat(next).isEqualTo("read in view 3");
    }

    @Test
    void aCallersOwnFailureIsThrownToItAloneAndTheOthersOfItsViewGetTheirAnswers() throws Exception {
        SharedReads<Integer> reads = new SharedReads<>(this::view, 1);
        Future<String> first = callers.submit(() -> reads.read(view -> "first"));
        assertThat(firstHeld.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        IllegalArgumentException own = new IllegalArgumentException("not a 32-byte hash");
        Future<String> failing = callers.submit(() -> {
            waiting.add(Thread.currentThread());
            return reads.read(view -> {
                throw own;
            });
        });
        Future<String> other = callers.submit(() -> {
            waiting.add(Thread.currentThread());
            return reads.read(view -> "other in view " + view);
        });
        awaitAllWaiting(2);
        releaseFirst.countDown();

        first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThatThrownBy(() -> failing.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).cause().isSameAs(own);
        assertThat(other.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("other in view 2");
    }

    @Test
    void aSecondViewIsReadWhileTheFirstIsHeldUpToTheLimit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        SharedReads<Integer> reads = new SharedReads<>(r -> r.accept(views.incrementAndGet()), 2);
        Future<String> held = callers.submit(() -> reads.read(view -> {
            firstHeld.countDown();
            await(release);
            return "held in view " + view;
        }));
        assertThat(firstHeld.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        String meanwhile = reads.read(view -> "read in view " + view);

        assertThat(meanwhile).as("read while the first view is held").isEqualTo("read in view 2");
        release.countDown();
        assertThat(held.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("held in view 1");
    }

    /** Every caller started blocks: it waits for a view, its reads queued. */
    private void awaitAllWaiting(int callers) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (waiting.size() < callers || !waiting.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the callers did not all wait");
            }
            Thread.sleep(10);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("released within " + PATIENCE).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
