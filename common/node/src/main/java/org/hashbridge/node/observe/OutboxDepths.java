package org.hashbridge.node.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How many chain writes wait in each outbox, and since when the oldest waits: {@code outbox} on
 * {@code /actuator/health} and the gauges {@code hashbridge.outbox.pending} and
 * {@code hashbridge.outbox.oldest.age} (seconds), tagged {@code kind}. Each kind is counted on the partial index
 * that its worker reads from, every {@value #INTERVAL_SECONDS} seconds on a scheduler thread; a scrape or
 * a health check reads the last count and never touches the database, so a table of millions costs one indexed
 * count every few seconds, whatever the monitoring does. The age keeps growing between two counts.
 */
@Component("outbox")
class OutboxDepths implements HealthIndicator {

    static final long INTERVAL_SECONDS = 5;

    private static final Logger log = LoggerFactory.getLogger(OutboxDepths.class);

    /** Each kind of pending write, and the count of its outbox on the index its worker uses. */
    enum Kind {
        ANCHORS("SELECT count(*), min(created_at) FROM anchor_submission WHERE status = 'PENDING'"),
        REVOCATIONS("SELECT count(*), min(created_at) FROM anchor_submission WHERE status = 'REVOKING'"),
        CONSENTS("SELECT count(*), min(issued_at) FROM consent WHERE status IN ('PENDING', 'REVOKING')"),
        ACCESSES("SELECT count(*), min(verified_at) FROM verification WHERE access_status = 'PENDING'");

        private final String count;

        Kind(String count) {
            this.count = count;
        }

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One outbox as last counted. */
    record Depth(long pending, Optional<Instant> oldest) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Map<Kind, Depth> depths = Map.of();
    private volatile Instant countedAt;
    private volatile String failure = "not counted yet";

    OutboxDepths(JdbcTemplate jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        for (Kind kind : Kind.values()) {
            Gauge.builder("hashbridge.outbox.pending", this, o -> o.depth(kind).map(Depth::pending).orElse(0L))
                    .tag("kind", kind.tag()).description("chain writes waiting in the outbox").register(meters);
            Gauge.builder("hashbridge.outbox.oldest.age", this, o -> o.ageSeconds(kind))
                    .tag("kind", kind.tag()).baseUnit("seconds")
                    .description("how long the oldest write of the outbox has waited, 0 when none does").register(meters);
        }
    }

    @Scheduled(initialDelay = 0, fixedDelay = INTERVAL_SECONDS, timeUnit = TimeUnit.SECONDS)
    void count() {
        Map<Kind, Depth> counted = new LinkedHashMap<>();
        try {
            for (Kind kind : Kind.values()) {
                counted.put(kind, jdbc.queryForObject(kind.count, (row, n) -> {
                    Timestamp oldest = row.getTimestamp(2);
                    return new Depth(row.getLong(1), Optional.ofNullable(oldest).map(Timestamp::toInstant));
                }));
            }
        } catch (DataAccessException e) {
            failure = "the outboxes could not be counted (" + e.getClass().getSimpleName() + ")";
            log.warn("{}", failure);
            return;
        }
        depths = Map.copyOf(counted);
        countedAt = clock.instant();
        failure = null;
    }

    Optional<Depth> depth(Kind kind) {
        return Optional.ofNullable(depths.get(kind));
    }

    double ageSeconds(Kind kind) {
        return depth(kind).flatMap(Depth::oldest)
                .map(oldest -> Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0)).orElse(0.0);
    }

    @Override
    public Health health() {
        if (countedAt == null) {
            return Health.unknown().withDetail("reason", failure).build();
        }
        Health.Builder health = Health.up();
        for (Kind kind : Kind.values()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            depth(kind).ifPresent(depth -> {
                detail.put("pending", depth.pending());
                depth.oldest().ifPresent(oldest -> detail.put("oldest", oldest.toString()));
            });
            detail.put("oldestAgeSeconds", ageSeconds(kind));
            health.withDetail(kind.tag(), detail);
        }
        health.withDetail("countedAt", countedAt.toString());
        if (failure != null) {
            health.withDetail("reason", failure);
        }
        return health.build();
    }
}
