package org.hashbridge.node.chain.follow;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.hashbridge.node.chain.RegistryFeed;
import org.hashbridge.node.chain.RegistrySnapshot;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The registry as this node's read model holds it, for verification: read from the database, never from
 * the chain, once the read model has followed every block the chain had final when the reader asked.
 *
 * <p>The lag rule: a reader first learns the chain's head (one {@code eth_blockNumber}, shared by every
 * reader that arrives while it is under way) and waits, at most {@code readModelWait}, for the follower to
 * reach that head minus the confirmations. The read model may then still be at most {@code maxLag} blocks
 * behind it; further behind, the reader gets {@code READ_MODEL_BEHIND} instead of the registry. While the
 * head cannot be read, how far behind the read model is cannot be told, and the reader gets
 * {@code CHAIN_UNAVAILABLE}: a revocation the chain holds after the read model's block is never overlooked
 * for want of asking. On {@code /actuator/health} as {@code readModel}.
 */
public final class ReadModel implements HealthIndicator, AutoCloseable {

    /** Stable codes of a registry that may not be read. */
    public static final String CHAIN_UNAVAILABLE = "CHAIN_UNAVAILABLE";
    public static final String READ_MODEL_BEHIND = "READ_MODEL_BEHIND";

    private static final Duration POLL = Duration.ofMillis(25);

    private final RegistryFeed feed;
    private final ReadModelStore store;
    private final ChainFollower follower;
    private final ChainHead head;
    private final FollowSettings settings;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshots;

    ReadModel(RegistryFeed feed, ReadModelStore store, ChainFollower follower, FollowSettings settings, JdbcTemplate jdbc,
              PlatformTransactionManager transactionManager) {
        this.feed = feed;
        this.store = store;
        this.follower = follower;
        this.head = new ChainHead(feed::head);
        this.settings = settings;
        this.jdbc = jdbc;
        this.snapshots = new TransactionTemplate(transactionManager);
        snapshots.setReadOnly(true);
        snapshots.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /**
     * What a reader sees: the registry as of the read model's block, or why it may not read it.
     *
     * @param registry the registry's records, empty when they may not be read
     * @param code     {@link #CHAIN_UNAVAILABLE} or {@link #READ_MODEL_BEHIND} when they may not, else null
     * @param reason   why, for a person; null when they may
     */
    public record View(Optional<RegistrySnapshot> registry, String code, String reason) {

        public View {
            Objects.requireNonNull(registry, "registry");
        }

        /** The read model's block, 0 when the registry may not be read. */
        public long block() {
            return registry.map(RegistrySnapshot::block).orElse(0L);
        }

        static View of(RegistrySnapshot registry) {
            return new View(Optional.of(registry), null, null);
        }

        static View unavailable(String code, String reason) {
            return new View(Optional.empty(), code, reason);
        }
    }

    /**
     * Runs {@code reads} on the read model once it is fresh enough by the lag rule, all of them in one
     * read-only transaction that sees one block; or, when it is not, on a view that says why.
     *
     * @throws org.springframework.dao.DataAccessException when the database fails
     */
    public <T> T read(Function<View, T> reads) {
        long deadline = System.nanoTime() + settings.readModelWait().toNanos();
        OptionalLong chainHead = head.fresh(settings.readModelWait());
        if (chainHead.isEmpty()) {
            return reads.apply(View.unavailable(CHAIN_UNAVAILABLE,
                    "the chain's head could not be read, so how far behind it this node's copy of the registry is cannot be told"));
        }
        long target = chainHead.getAsLong() - settings.confirmations();
        while (true) {
            boolean lastTry = System.nanoTime() - deadline >= 0;
            Answer<T> answer = snapshots.execute(status -> {
                Optional<Checkpoint> checkpoint = store.checkpoint();
                // rows of another chain or registry are never read: the follower is about to delete them
                boolean ours = checkpoint.map(c -> c.isOf(feed.chainId(), feed.registryAddress())).orElse(true);
                long block = ours ? checkpoint.map(Checkpoint::block).orElse(-1L) : -1;
                long lag = target - block;
                if (lag > 0 && !lastTry) {
                    return null;
                }
                return new Answer<>(reads.apply(!ours || lag > settings.maxLag()
                        ? View.unavailable(READ_MODEL_BEHIND, "this node's copy of the registry is " + lag
                                + " blocks behind the chain's final block " + target + " (at most " + settings.maxLag() + " allowed)")
                        : View.of(new SnapshotReads(jdbc, block))));
            });
            if (answer != null) {
                return answer.value();
            }
            follower.wake();
            try {
                follower.awaitProgress(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                deadline = System.nanoTime();
            }
        }
    }

    /** What the reads answered; none while waiting for the follower. */
    private record Answer<T>(T value) {
    }

    @Override
    public Health health() {
        Optional<Checkpoint> followed = store.checkpoint();
        if (followed.isEmpty()) {
            return Health.unknown().withDetail("reason", follower.unavailable().orElse("nothing followed yet")).build();
        }
        Checkpoint checkpoint = followed.get();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("block", checkpoint.block());
        checkpoint.hash().ifPresent(hash -> details.put("blockHash", hash));
        checkpoint.head().ifPresent(head -> details.put("head", head));
        details.put("confirmations", settings.confirmations());
        details.put("maxLag", settings.maxLag());
        checkpoint.followedAt().ifPresent(at -> details.put("followedAt", at.toString()));
        details.put("rollbacks", checkpoint.rollbacks());
        checkpoint.lastRollback().ifPresent(rollback -> details.put("lastRollback",
                Map.of("from", rollback.from(), "to", rollback.to(), "at", rollback.at().toString())));
        Optional<String> unreadable = follower.unavailable();
        if (unreadable.isPresent() || checkpoint.head().isEmpty()) {
            return Health.unknown().withDetail("reason", unreadable.orElse("nothing followed yet")).withDetails(details).build();
        }
        long lag = Math.max(0, checkpoint.head().get() - settings.confirmations() - checkpoint.block());
        details.put("lag", lag);
        if (lag > settings.maxLag()) {
            return Health.outOfService().withDetail("reason", "the read model is " + lag
                    + " blocks behind the chain: verifications are not VERIFIED until it catches up").withDetails(details).build();
        }
        return Health.up().withDetails(details).build();
    }

    @Override
    public void close() {
        head.close();
    }
}
