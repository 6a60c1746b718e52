package org.hashbridge.node.observe;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jakarta.annotation.PreDestroy;
import org.hashbridge.node.chain.RegistryFeed;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the node can read the chain's head now: {@code chain} on {@code /actuator/health}, and part of
 * readiness, since a node that cannot read the head refuses to verify ({@code CHAIN_UNAVAILABLE}). The head is
 * read on a thread of its own and waited for at most {@link #WAIT}, so that a chain that hangs makes the probe
 * answer DOWN in time instead of hanging with it; a read still under way is joined, never doubled.
 */
@Component("chain")
class ChainHealth implements HealthIndicator {

    static final Duration WAIT = Duration.ofSeconds(2);

    private final RegistryFeed feed;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "chain-health");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Long> reading; // guarded by this

    ChainHealth(RegistryFeed feed) {
        this.feed = feed;
    }

    @Override
    public Health health() {
        Health.Builder health;
        try {
            long head = head().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            health = Health.up().withDetail("head", head);
        } catch (ExecutionException e) {
            health = Health.down().withDetail("reason", "the chain's head cannot be read: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            health = Health.down().withDetail("reason", "the chain did not answer within " + WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            health = Health.unknown().withDetail("reason", "interrupted");
        }
        return health.withDetail("chainId", feed.chainId()).withDetail("registry", feed.registryAddress()).build();
    }

    private synchronized CompletableFuture<Long> head() {
        if (reading == null || reading.isDone()) {
            reading = CompletableFuture.supplyAsync(feed::head, reader);
        }
        return reading;
    }

    @PreDestroy
    void close() {
        reader.shutdownNow();
    }
}
