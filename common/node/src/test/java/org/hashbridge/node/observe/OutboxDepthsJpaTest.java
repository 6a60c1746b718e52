package org.hashbridge.node.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.hashbridge.node.database.JpaSliceTest;
import org.hashbridge.node.database.Rows;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox depths on PostgreSQL: each kind counts only the rows its worker still has to write, the oldest
 * one's age grows with the clock between two counts, and a scrape reads the last count without the database.
 */
@JpaSliceTest
class OutboxDepthsJpaTest {

    private static final String TU = "hk.transunion";
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private Rows rows;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void eachKindCountsWhatWaitsForTheChainAndTheOldestAge() {
        rows.institution(TU, "ISSUER");
        submission("PENDING", NOW.minusSeconds(90));
        submission("PENDING", NOW.minusSeconds(30));
        submission("REVOKING", NOW.minusSeconds(600));
        submission("ANCHORED", NOW.minusSeconds(3600));
        OutboxDepths depths = new OutboxDepths(jdbc, Clock.fixed(NOW, ZoneOffset.UTC), meters);

        depths.count();

        assertThat(gauge("hashbridge.outbox.pending", "anchors")).isEqualTo(2);
        assertThat(gauge("hashbridge.outbox.oldest.age", "anchors")).isEqualTo(90);
        assertThat(gauge("hashbridge.outbox.pending", "revocations")).isEqualTo(1);
        assertThat(gauge("hashbridge.outbox.oldest.age", "revocations")).isEqualTo(600);
        assertThat(gauge("hashbridge.outbox.pending", "consents")).isZero();
        assertThat(gauge("hashbridge.outbox.oldest.age", "accesses")).isZero();
        assertThat(depths.health().getStatus()).isEqualTo(Status.UP);
        assertThat(depths.health().getDetails().get("anchors"))
                .isEqualTo(Map.of("pending", 2L, "oldest", NOW.minusSeconds(90).toString(), "oldestAgeSeconds", 90.0));
    }

    @Test
    void aScrapeReadsTheLastCountAndTheAgeGrowsWithTheClock() {
        rows.institution(TU, "ISSUER");
        submission("PENDING", NOW.minusSeconds(10));
        Instant[] now = {NOW};
        OutboxDepths depths = new OutboxDepths(jdbc, new Clock() {
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now[0];
            }
        }, meters);
        assertThat(depths.health().getStatus()).as("not counted yet").isEqualTo(Status.UNKNOWN);

        depths.count();
        submission("PENDING", NOW.minusSeconds(5));
        now[0] = NOW.plusSeconds(20);

        assertThat(gauge("hashbridge.outbox.pending", "anchors")).as("the last count, not the table").isEqualTo(1);
        assertThat(gauge("hashbridge.outbox.oldest.age", "anchors")).isEqualTo(30);
    }

    private void submission(String status, Instant createdAt) {
        jdbc.update("insert into anchor_submission (id, issuer, document_type, algorithm, digest, subject_ref, salt,"
                        + " valid_until, leaf, status, created_at) values (?, ?, 'credit-report', 'sha-256', ?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID(), TU, "ab".repeat(32), "cd".repeat(32), "ef".repeat(16),
                Timestamp.from(NOW.plusSeconds(86_400)), "12".repeat(32), status, Timestamp.from(createdAt));
    }

    private double gauge(String name, String kind) {
        return meters.get(name).tag("kind", kind).gauge().value();
    }
}
