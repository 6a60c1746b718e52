package org.hashbridge.node.chain.follow;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.hashbridge.node.chain.BlockRef;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.RegistryFeed;
import org.hashbridge.node.chain.RegistryMismatch;
import org.hashbridge.node.OutageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;

/**
 * Follows the registry's events into the read model, from its checkpoint, a bounded range at a time and
 * only past the configured confirmations. Each round first checks that the chain still holds the block
 * the checkpoint names; when it does not (a reorganisation deeper than the confirmations, or a chain that
 * was reset), it finds the newest followed block the chain still holds and rolls the read model back to
 * it, then follows again from there. One instance of a node follows at a time: the one holding the
 * checkpoint's lease. Runs on a thread of its own while the application runs.
 */
final class ChainFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChainFollower.class);

    /** What one round did. */
    enum Round {
        /** another instance holds the lease */
        NOT_LEASED,
        /** the read model holds every final block */
        CAUGHT_UP,
        /** a range was followed, and more final blocks are waiting */
        BEHIND,
        /** the chain changed branch below the checkpoint: rolled back to the fork point */
        ROLLED_BACK,
        /** the checkpoint was of another chain or registry: started again from nothing */
        RESTARTED,
        /** another instance moved the checkpoint meanwhile: nothing applied */
        RACED,
        /** the chain could not be read, or is not the configured one */
        UNAVAILABLE
    }

    private final OutageLog outage = new OutageLog(log, "following the registry");
    private final RegistryFeed feed;
    private final ReadModelStore store;
    private final FollowSettings settings;
    private final Clock clock;
    private final String owner = "follower-" + UUID.randomUUID();
    private final Semaphore wakeups = new Semaphore(0);
    private final Object progress = new Object();
    private volatile Long lastHead;
    private volatile String unavailable = "the chain's head has not been read yet";
    private volatile Thread thread;

    ChainFollower(RegistryFeed feed, ReadModelStore store, FollowSettings settings, Clock clock) {
        this.feed = feed;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** One round: see {@link Round}. */
    Round followOnce() {
        try {
            long head = feed.head();
            lastHead = head;
            unavailable = null;
            outage.available();
            Optional<Checkpoint> claimed = store.claim(owner, feed.chainId(), feed.registryAddress(), clock.instant(),
                    settings.lease());
            return claimed.isEmpty() ? Round.NOT_LEASED : follow(claimed.get(), head);
        } catch (ChainUnavailable e) {
            unavailable = e.getMessage();
            outage.unavailable(e.getMessage());
            return Round.UNAVAILABLE;
        } catch (RegistryMismatch e) {
            unavailable = e.getMessage();
            log.error("registry not followed: {}", e.getMessage());
            return Round.UNAVAILABLE;
        }
    }

    private Round follow(Checkpoint checkpoint, long head) {
        if (!checkpoint.isOf(feed.chainId(), feed.registryAddress())) {
            return store.restart(owner, checkpoint, feed.chainId(), feed.registryAddress()) ? announce(Round.RESTARTED) : Round.RACED;
        }
        if (checkpoint.block() >= 0 && !feed.block(checkpoint.block()).map(BlockRef::hash).equals(checkpoint.hash())) {
            return rollBack(checkpoint);
        }
        long target = head - settings.confirmations();
        if (target <= checkpoint.block()) {
            return store.caughtUp(owner, checkpoint, head, clock.instant()) ? Round.CAUGHT_UP : Round.RACED;
        }
        feed.requireRegistry();
        long to = Math.min(target, checkpoint.block() + settings.logRange());
        RegistryFeed.Range range = feed.events(checkpoint.block() + 1, to);
        if (!store.apply(owner, checkpoint, range, head, clock.instant())) {
            return Round.RACED;
        }
        return announce(to == target ? Round.CAUGHT_UP : Round.BEHIND);
    }

    private Round rollBack(Checkpoint checkpoint) {
        ReadModelStore.Stored fork = forkPoint(checkpoint);
        Optional<String> hash = fork.number() < 0 ? Optional.empty() : Optional.of(fork.hash());
        if (!store.rollBack(owner, checkpoint, fork.number(), hash, clock.instant())) {
            return Round.RACED;
        }
        log.warn("the chain no longer holds block {} as followed: the read model is rolled back to block {} and follows again",
                checkpoint.block(), fork.number());
        return announce(Round.ROLLED_BACK);
    }

    /**
     * The newest followed block the chain still holds, -1 when none: a binary search over the stored blocks,
     * since a block the chain still holds has every block before it still held too.
     */
    private ReadModelStore.Stored forkPoint(Checkpoint checkpoint) {
        ReadModelStore.Stored held = new ReadModelStore.Stored(-1, "");
        long notHeld = checkpoint.block();
        while (true) {
            long middle = held.number() + (notHeld - held.number()) / 2;
            long below = notHeld;
            Optional<ReadModelStore.Stored> probe = store.newestIn(held.number(), middle)
                    .or(() -> store.oldestIn(middle, below));
            if (probe.isEmpty()) {
                return held;
            }
            ReadModelStore.Stored block = probe.get();
            if (feed.block(block.number()).map(BlockRef::hash).equals(Optional.of(block.hash()))) {
                held = block;
            } else {
                notHeld = block.number();
            }
        }
    }

    private Round announce(Round round) {
        synchronized (progress) {
            progress.notifyAll();
        }
        return round;
    }

    /** Asks for a round now rather than at the next interval. */
    void wake() {
        wakeups.release();
    }

    /** Waits at most {@code wait} for this instance to apply or roll back something. */
    void awaitProgress(Duration wait) throws InterruptedException {
        synchronized (progress) {
            progress.wait(Math.max(1, wait.toMillis()));
        }
    }

    /** The head this instance read last, empty while the chain cannot be read. */
    Optional<Long> lastHead() {
        return unavailable == null ? Optional.ofNullable(lastHead) : Optional.empty();
    }

    /** Why the chain could not be read at the last round, empty when it could. */
    Optional<String> unavailable() {
        return Optional.ofNullable(unavailable);
    }

    @Override
    public synchronized void start() {
        if (thread == null) {
            thread = new Thread(this::run, "chain-follower");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Stops the thread, then releases the lease so that another instance follows at once. */
    @Override
    public void stop() {
        Thread running;
        synchronized (this) {
            running = thread;
            thread = null;
        }
        try {
            if (running != null) {
                running.interrupt();
                running.join(settings.followInterval().toMillis() + 5_000);
            }
            store.release(owner);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (DataAccessException e) {
            log.warn("the read model's lease was not released; another instance takes over when it runs out");
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void run() {
        while (thread == Thread.currentThread()) {
            Round round;
            try {
                round = followOnce();
            } catch (DataAccessException e) {
                log.warn("registry not followed, the database failed: {}", e.getMessage());
                round = Round.UNAVAILABLE;
            } catch (RuntimeException e) {
                log.error("registry not followed", e); // the next round tries again
                round = Round.UNAVAILABLE;
            }
            if (round == Round.BEHIND || round == Round.ROLLED_BACK || round == Round.RESTARTED) {
                continue;
            }
            try {
                wakeups.tryAcquire(settings.followInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
