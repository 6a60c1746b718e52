package org.hashbridge.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A request waits for its chain call at most answer-within; a call that takes longer goes on without it. */
class ChainWaitTest {

    private final ChainWait wait = new ChainWait(new OutboxProperties(Duration.ofMillis(300), null, null, null));

    @AfterEach
    void stop() {
        wait.destroy();
    }

    @Test
    void aCallThatEndsInTimeGivesItsResult() {
        assertThat(wait.await(() -> "mined")).contains("mined");
    }

    @Test
    void aSlowCallLeavesTheRequestEmptyHandedAndGoesOnToTheEnd() throws InterruptedException {
        CountDownLatch finished = new CountDownLatch(1);
        long started = System.nanoTime();

        var answer = wait.await(() -> {
            pause(800);
            finished.countDown();
            return "mined later";
        });

        assertThat(answer).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(700));
        assertThat(finished.await(5, TimeUnit.SECONDS)).as("the call went on after the request stopped waiting").isTrue();
    }

    @Test
    void aRefusalWithinTheWaitReachesTheCaller() {
        assertThatThrownBy(() -> wait.await(() -> {
            throw new IllegalStateException("refused by the registry");
        })).isInstanceOf(IllegalStateException.class).hasMessage("refused by the registry");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
