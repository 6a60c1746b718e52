package org.hashbridge.node.admin.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The overview's figures, read from the node's own tables (never from the chain, so the page is fast). */
@Component
class NodeFigures {

    /** Rows waiting in each outbox, and since when the oldest of them all waits. */
    record Outboxes(long anchors, long batches, long revocations, long consents, long accesses, Instant oldest) {
        long total() {
            return anchors + batches + revocations + consents + accesses;
        }
    }

    record LastBatch(String issuer, String root, int leafCount, String txHash, Long block, Instant anchoredAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    NodeFigures(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Hourly anchorsPerHour() {
        return hourly("select date_trunc('hour', created_at), 'anchors', count(*) from anchor_submission"
                + " where created_at >= ? group by 1", List.of("anchors"));
    }

    Hourly verificationsPerHour() {
        return hourly("select date_trunc('hour', verified_at), verdict, count(*) from verification"
                + " where verified_at >= ? group by 1, 2", List.of("VERIFIED", "REJECTED"));
    }

    Hourly consentsPerHour() {
        return hourly("select date_trunc('hour', issued_at), 'consents', count(*) from consent"
                + " where issued_at >= ? group by 1", List.of("consents"));
    }

    private Hourly hourly(String sql, List<String> names) {
        Instant now = clock.instant();
        Instant since = now.truncatedTo(ChronoUnit.HOURS).minus(Hourly.HOURS - 1, ChronoUnit.HOURS);
        List<Hourly.Row> rows = jdbc.sql(sql).param(Timestamp.from(since))
                .query((rs, n) -> new Hourly.Row(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getLong(3)))
                .list();
        return Hourly.of(now, names, rows);
    }

    Outboxes outboxes() {
        return jdbc.sql("""
                select (select count(*) from anchor_submission where status = 'PENDING' and batch_id is null),
                       (select count(*) from anchor_batch where status = 'SENDING'),
                       (select count(*) from anchor_submission where status = 'REVOKING'),
                       (select count(*) from consent where status in ('PENDING', 'REVOKING')),
                       (select count(*) from verification where access_status = 'PENDING'),
                       least((select min(created_at) from anchor_submission where status in ('PENDING', 'REVOKING')),
                             (select min(created_at) from anchor_batch where status = 'SENDING'),
                             (select min(issued_at) from consent where status in ('PENDING', 'REVOKING')),
                             (select min(verified_at) from verification where access_status = 'PENDING'))
                """).query((rs, n) -> new Outboxes(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), instant(rs.getTimestamp(6))))
                .single();
    }

    Optional<LastBatch> lastBatch() {
        return jdbc.sql("select issuer, root, leaf_count, tx_hash, block_number, anchored_at from anchor_batch"
                        + " where status = 'ANCHORED' order by anchored_at desc nulls last limit 1")
                .query((rs, n) -> new LastBatch(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        (Long) rs.getObject(5), instant(rs.getTimestamp(6))))
                .optional();
    }

    /** When the chain last took a write of this node: a root, a consent or its revocation, an anchor's revocation. */
    Optional<Instant> lastChainWrite() {
        return jdbc.sql("""
                select greatest((select max(anchored_at) from anchor_batch),
                                (select max(authorised_at) from consent where block_number is not null),
                                (select max(revoked_at) from consent where status = 'REVOKED'),
                                (select max(revoked_at) from anchor_submission where status = 'REVOKED'))
                """).query((rs, n) -> Optional.ofNullable(instant(rs.getTimestamp(1)))).single();
    }

    /** Whether the oldest waiting write has waited longer than {@code stuckAfter}. */
    boolean stuck(Outboxes outboxes, Duration stuckAfter) {
        return outboxes.oldest() != null && outboxes.oldest().plus(stuckAfter).isBefore(clock.instant());
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
