package org.hashbridge.node.admin.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The consents this node collected, by their id and commitment only: never the resident they belong to. */
@Component
class ConsentFigures {

    static final Duration EXPIRING_WITHIN = Duration.ofDays(7);
    static final List<String> STATUSES = List.of("PENDING", "AUTHORISED", "REVOKING", "REVOKED", "FAILED");

    record ConsentRow(UUID id, String commitment, String issuer, String verifier, String documentType,
                      String status, Instant validUntil, Instant revokedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ConsentFigures(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Consents by status, every status listed (zero when none), an authorised one past its end counted as such. */
    Map<String, Long> byStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        STATUSES.forEach(status -> counts.put(status, 0L));
        counts.put("EXPIRED", 0L);
        jdbc.sql("select case when status = 'AUTHORISED' and valid_until <= ? then 'EXPIRED' else status end, count(*)"
                        + " from consent group by 1")
                .param(Timestamp.from(clock.instant()))
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list().forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    List<ConsentRow> expiringSoon(int limit) {
        Instant now = clock.instant();
        return jdbc.sql("select " + COLUMNS + " from consent where status = 'AUTHORISED' and valid_until > ?"
                        + " and valid_until <= ? order by valid_until, id limit ?")
                .params(Timestamp.from(now), Timestamp.from(now.plus(EXPIRING_WITHIN)), limit)
                .query((rs, n) -> row(rs)).list();
    }

    List<ConsentRow> recentRevocations(int limit) {
        return jdbc.sql("select " + COLUMNS + " from consent where status in ('REVOKING', 'REVOKED')"
                        + " order by revoked_at desc nulls last, id limit ?")
                .param(limit)
                .query((rs, n) -> row(rs)).list();
    }

    private static final String COLUMNS = "id, commitment, issuer, verifier, document_type, status, valid_until, revoked_at";

    private static ConsentRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ConsentRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), NodeFigures.instant(rs.getTimestamp(7)),
                NodeFigures.instant(rs.getTimestamp(8)));
    }
}
