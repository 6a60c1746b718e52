package org.hashbridge.node.chain.follow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.hashbridge.node.chain.RegistryFeed;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read model's checkpoint and rows. Every change is one short transaction that first locks the
 * checkpoint and checks that it still names the block the caller followed from and that the caller holds
 * the lease: so two instances on one database never apply a range twice, and a rollback never races a range.
 */
final class ReadModelStore {

    private static final String CHECKPOINT = "select chain_id, registry, block_number, block_hash, head, followed_at,"
            + " rollbacks, last_rollback_from, last_rollback_to, last_rollback_at from chain_checkpoint where id = 1";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    ReadModelStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** The checkpoint, created for this chain and registry (nothing followed) when there is none yet. */
    Checkpoint checkpoint(long chainId, String registry) {
        jdbc.update("insert into chain_checkpoint (id, chain_id, registry, block_number) values (1, ?, ?, -1)"
                + " on conflict (id) do nothing", chainId, registry);
        return checkpoint().orElseThrow();
    }

    /** The checkpoint as committed, empty before the follower's first round. */
    Optional<Checkpoint> checkpoint() {
        return jdbc.query(CHECKPOINT, CHECKPOINTS).stream().findFirst();
    }

    /**
     * Takes or renews the lease for {@code owner} unless another owner holds it, without waiting for an
     * instance that has the checkpoint locked; creates the checkpoint (nothing followed) for this chain and
     * registry when there is none yet.
     *
     * @return the checkpoint, empty when another instance follows
     */
    Optional<Checkpoint> claim(String owner, long chainId, String registry, Instant now, Duration lease) {
        checkpoint(chainId, registry);
        return transactions.execute(status -> {
            List<Checkpoint> free = jdbc.query(CHECKPOINT + " and (lease_owner = ? or lease_until is null or lease_until < ?)"
                    + " for update skip locked", CHECKPOINTS, owner, Projection.time(now));
            if (free.isEmpty()) {
                return Optional.empty();
            }
            jdbc.update("update chain_checkpoint set lease_owner = ?, lease_until = ? where id = 1", owner,
                    Projection.time(now.plus(lease)));
            return Optional.of(free.get(0));
        });
    }

    /** Lets another instance follow at once. */
    void release(String owner) {
        jdbc.update("update chain_checkpoint set lease_until = null where id = 1 and lease_owner = ?", owner);
    }

    /**
     * Applies {@code range}, the blocks right after {@code from}, and moves the checkpoint to its last block.
     *
     * @return false, applying nothing, when the checkpoint moved since {@code from} or {@code owner} lost the lease
     */
    boolean apply(String owner, Checkpoint from, RegistryFeed.Range range, long head, Instant now) {
        Projection rows = Projection.of(range.events());
        return Boolean.TRUE.equals(transactions.execute(status -> {
            if (!holds(owner, from)) {
                return false;
            }
            rows.insert(jdbc);
            jdbc.update("update chain_checkpoint set block_number = ?, block_hash = ?, head = ?, followed_at = ? where id = 1",
                    range.last().number(), range.last().hash(), head, Projection.time(now));
            return true;
        }));
    }

    /** Records that the read model is at the chain's head {@code head} (minus the confirmations). */
    boolean caughtUp(String owner, Checkpoint at, long head, Instant now) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            if (!holds(owner, at)) {
                return false;
            }
            jdbc.update("update chain_checkpoint set head = ?, followed_at = ? where id = 1", head, Projection.time(now));
            return true;
        }));
    }

    /**
     * Deletes every row derived from a block after {@code fork} and moves the checkpoint back to it.
     *
     * @param forkHash the hash of block {@code fork}, empty for -1 (nothing followed)
     * @return false, changing nothing, when the checkpoint moved since {@code from} or {@code owner} lost the lease
     */
    boolean rollBack(String owner, Checkpoint from, long fork, Optional<String> forkHash, Instant now) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            if (!holds(owner, from)) {
                return false;
            }
            deleteAfter(fork);
            jdbc.update("update chain_checkpoint set block_number = ?, block_hash = ?, rollbacks = rollbacks + 1,"
                    + " last_rollback_from = ?, last_rollback_to = ?, last_rollback_at = ? where id = 1",
                    fork, forkHash.orElse(null), from.block(), fork, Projection.time(now));
            return true;
        }));
    }

    /** Deletes every row and starts again from nothing, for another chain or registry than {@code from}'s. */
    boolean restart(String owner, Checkpoint from, long chainId, String registry) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            if (!holds(owner, from)) {
                return false;
            }
            deleteAfter(-1);
            jdbc.update("update chain_checkpoint set chain_id = ?, registry = ?, block_number = -1, block_hash = null,"
                    + " head = null, followed_at = null where id = 1", chainId, registry);
            return true;
        }));
    }

    /** The newest block stored (one that held an event) in {@code (above, atMost]}. */
    Optional<Stored> newestIn(long above, long atMost) {
        return jdbc.query("select block_number, block_hash from chain_block where block_number > ? and block_number <= ?"
                + " order by block_number desc limit 1", STORED, above, atMost).stream().findFirst();
    }

    /** The oldest block stored in {@code (above, below)}. */
    Optional<Stored> oldestIn(long above, long below) {
        return jdbc.query("select block_number, block_hash from chain_block where block_number > ? and block_number < ?"
                + " order by block_number limit 1", STORED, above, below).stream().findFirst();
    }

    /** A followed block that held an event, as it was followed. */
    record Stored(long number, String hash) {
    }

    private void deleteAfter(long fork) {
        for (String table : Projection.TABLES) {
            jdbc.update("delete from " + table + " where block_number > ?", fork);
        }
        jdbc.update("delete from chain_block where block_number > ?", fork);
    }

    /** Locks the checkpoint; true when it is where {@code expected} is and {@code owner} holds the lease. */
    private boolean holds(String owner, Checkpoint expected) {
        List<Checkpoint> locked = jdbc.query(CHECKPOINT + " and lease_owner = ? for update", CHECKPOINTS, owner);
        return !locked.isEmpty() && locked.get(0).samePlace(expected);
    }

    private static final RowMapper<Stored> STORED = (rs, row) -> new Stored(rs.getLong(1), rs.getString(2));

    private static final RowMapper<Checkpoint> CHECKPOINTS = ReadModelStore::checkpoint;

    private static Checkpoint checkpoint(ResultSet rs, int row) throws SQLException {
        Optional<Instant> rolledBackAt = instant(rs, "last_rollback_at");
        Optional<Checkpoint.Rollback> lastRollback = rolledBackAt.isEmpty() ? Optional.empty() : Optional.of(
                new Checkpoint.Rollback(rs.getLong("last_rollback_from"), rs.getLong("last_rollback_to"), rolledBackAt.get()));
        return new Checkpoint(rs.getLong("chain_id"), rs.getString("registry"), rs.getLong("block_number"),
                Optional.ofNullable(rs.getString("block_hash")), Optional.ofNullable(rs.getObject("head", Long.class)),
                instant(rs, "followed_at"), rs.getLong("rollbacks"), lastRollback);
    }

    static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }
}
