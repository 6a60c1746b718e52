package org.hashbridge.node.chain.follow;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.hashbridge.node.chain.RegistryFeed;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A node's read model on {@code database}, following {@code feed} as the node wires it: its store, its
 * follower (whose thread runs only once {@link #start()}ed) and the {@link ReadModel} verification reads.
 */
public final class TestReadModel implements AutoCloseable {

    final FollowSettings settings;
    final JdbcTemplate jdbc;
    final ReadModelStore store;
    final ChainFollower follower;
    private final ReadModel readModel;

    private TestReadModel(RegistryFeed feed, DataSource database, FollowSettings settings) {
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(database);
        this.settings = settings;
        this.jdbc = new JdbcTemplate(database);
        this.store = new ReadModelStore(jdbc, transactions);
        this.follower = new ChainFollower(feed, store, settings, Clock.systemUTC());
        this.readModel = new ReadModel(feed, store, follower, settings, jdbc, transactions);
    }

    public static TestReadModel on(RegistryFeed feed, DataSource database, FollowSettings settings) {
        return new TestReadModel(feed, database, settings);
    }

    /** The node's defaults, with {@code confirmations} and {@code maxLag}: 100 ms rounds, a wait of 5 s. */
    public static FollowSettings settings(int confirmations, long maxLag) {
        return new FollowSettings(confirmations, 2000, Duration.ofMillis(100), Duration.ofSeconds(10), maxLag,
                Duration.ofSeconds(5));
    }

    public ReadModel readModel() {
        return readModel;
    }

    /** Starts following on a thread of its own, as a running node does. */
    public TestReadModel start() {
        follower.start();
        return this;
    }

    /** Stops following, releasing the lease. */
    public void stop() {
        follower.stop();
    }

    /** Follows until the read model holds every final block (or the chain cannot be read). */
    ChainFollower.Round catchUp() {
        ChainFollower.Round round;
        do {
            round = follower.followOnce();
        } while (round == ChainFollower.Round.BEHIND || round == ChainFollower.Round.ROLLED_BACK
                || round == ChainFollower.Round.RESTARTED);
        return round;
    }

    /** Follows until the read model holds every final block; on this thread, as one instance's rounds would. */
    public void followToHead() {
        catchUp();
    }

    /** The read model's block now. */
    public long block() {
        return store.checkpoint().map(Checkpoint::block).orElse(-1L);
    }

    /** The hash of the read model's block, empty before the first. */
    public java.util.Optional<String> blockHash() {
        return store.checkpoint().flatMap(Checkpoint::hash);
    }

    /** How many times the follower rolled back a changed branch. */
    public long rollbacks() {
        return store.checkpoint().map(Checkpoint::rollbacks).orElse(0L);
    }

    @Override
    public void close() {
        follower.stop();
        readModel.close();
    }
}
