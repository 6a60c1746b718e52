package org.hashbridge.node.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.hashbridge.node.admin.Listing;
import org.hashbridge.node.database.JpaSliceTest;
import org.hashbridge.node.database.Rows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dashboard's figures, read from the node's tables on PostgreSQL: counts per hour, what waits in the
 * outboxes and since when (the stuck-write alert), and searches that narrow by institution, verdict, days and
 * id and never match personal data.
 */
@JpaSliceTest
@Import({NodeFigures.class, Records.class, DashboardFiguresJpaTest.FixedClock.class})
class DashboardFiguresJpaTest {

    static final Instant NOW = Instant.parse("2026-03-02T09:40:00Z");

    @Autowired
    private NodeFigures figures;
    @Autowired
    private Records records;
    @Autowired
    private Rows rows;
    @Autowired
    private JdbcTemplate jdbc;

    @BeforeEach
    void institutions() {
        rows.institution("hk.transunion", "ISSUER").institution("cn.abc-shenzhen", "VERIFIER")
                .institution("cn.other-bank", "VERIFIER");
    }

    @Test
    void verificationsAreCountedPerHourByVerdictOverTheLastDay() {
        verification("cn.abc-shenzhen", "VERIFIED", NOW.minus(Duration.ofMinutes(5)));
        verification("cn.abc-shenzhen", "REJECTED", NOW.minus(Duration.ofMinutes(10)));
        verification("cn.abc-shenzhen", "VERIFIED", NOW.minus(Duration.ofHours(3)));
        verification("cn.abc-shenzhen", "VERIFIED", NOW.minus(Duration.ofHours(25)));

        Hourly hourly = figures.verificationsPerHour();

        assertThat(hourly.hours()).hasSize(24).last().isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
        assertThat(hourly.series().get("VERIFIED")[23]).isEqualTo(1);
        assertThat(hourly.series().get("REJECTED")[23]).isEqualTo(1);
        assertThat(hourly.series().get("VERIFIED")[20]).isEqualTo(1);
        assertThat(hourly.total()).as("a day and an hour ago is outside the chart").isEqualTo(3);
    }

    @Test
    void aWriteWaitingLongerThanTheThresholdIsStuck() {
        assertThat(figures.outboxes().total()).isZero();
        assertThat(figures.stuck(figures.outboxes(), Duration.ofMinutes(5))).isFalse();

        anchor(UUID.randomUUID(), "PENDING", NOW.minus(Duration.ofMinutes(10)));
        anchor(UUID.randomUUID(), "ANCHORED", NOW.minus(Duration.ofHours(2)));
        NodeFigures.Outboxes outboxes = figures.outboxes();

        assertThat(outboxes.anchors()).isEqualTo(1);
        assertThat(outboxes.oldest()).isEqualTo(NOW.minus(Duration.ofMinutes(10)));
        assertThat(figures.stuck(outboxes, Duration.ofMinutes(5))).isTrue();
        assertThat(figures.stuck(outboxes, Duration.ofMinutes(15))).isFalse();
    }

    @Test
    void aSearchNarrowsByInstitutionVerdictDaysAndId() {
        UUID wanted = verification("cn.abc-shenzhen", "REJECTED", Instant.parse("2026-03-01T23:59:00Z"));
        verification("cn.abc-shenzhen", "VERIFIED", Instant.parse("2026-03-01T12:00:00Z"));
        verification("cn.other-bank", "REJECTED", Instant.parse("2026-03-01T12:00:00Z"));
        verification("cn.abc-shenzhen", "REJECTED", Instant.parse("2026-03-02T00:00:00Z"));

        Search search = new Search();
        search.setInstitution("cn.abc-shenzhen");
        search.setStatus("REJECTED");
        search.setFrom(LocalDate.parse("2026-03-01"));
        search.setTo(LocalDate.parse("2026-03-01"));
        assertThat(records.verifications(search, 10).rows()).extracting(Records.VerificationRow::id).containsExactly(wanted);

        Search byIssuer = new Search();
        byIssuer.setInstitution("hk.transunion");
        assertThat(records.verifications(byIssuer, 10).rows()).as("an issuer finds the verifications of its documents").hasSize(4);

        Search byId = new Search();
        byId.setId(wanted);
        assertThat(records.verifications(byId, 10).rows()).singleElement().extracting(Records.VerificationRow::verdict)
                .isEqualTo("REJECTED");
    }

    @Test
    void aSearchNeverMatchesADigestOrASubject() {
        anchor(UUID.randomUUID(), "ANCHORED", NOW);
        Search search = new Search();
        search.setInstitution("ab".repeat(32));
        assertThat(records.anchors(search, 10).rows()).as("the digest is no institution").isEmpty();
        search.setInstitution("subject-ref-of-a-resident");
        assertThat(records.anchors(search, 10).rows()).isEmpty();
    }

    @Test
    void pagesFollowEachOtherNewestFirst() {
        for (int i = 0; i < 5; i++) {
            anchor(UUID.randomUUID(), "ANCHORED", NOW.minus(Duration.ofMinutes(i)));
        }
        Search first = new Search();
        Listing<Records.AnchorRow> page0 = records.anchors(first, 2);
        Search third = new Search();
        third.setPage(2);
        Listing<Records.AnchorRow> page2 = records.anchors(third, 2);

        assertThat(page0.rows()).extracting(Records.AnchorRow::createdAt).containsExactly(NOW, NOW.minus(Duration.ofMinutes(1)));
        assertThat(page0.hasNext()).isTrue();
        assertThat(page2.rows()).extracting(Records.AnchorRow::createdAt).containsExactly(NOW.minus(Duration.ofMinutes(4)));
        assertThat(page2.hasNext()).isFalse();
    }

    private UUID verification(String verifier, String verdict, Instant at) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into verification (id, verifier, algorithm, digest, issuer, document_type, root, leaf,"
                        + " consent_commitment, verdict, checks, receipt, verified_at, access_status)"
                        + " values (?, ?, 'sha-256', ?, 'hk.transunion', 'credit-report', ?, ?, ?, ?, '[]', 'a.b.c', ?, 'PENDING')",
                id, verifier, "ab".repeat(32), "cd".repeat(32), "ef".repeat(32), "01".repeat(32), verdict, Timestamp.from(at));
        return id;
    }

    private void anchor(UUID id, String status, Instant at) {
        jdbc.update("insert into anchor_submission (id, issuer, document_type, algorithm, digest, subject_ref, salt,"
                        + " valid_until, leaf, status, created_at) values (?, 'hk.transunion', 'credit-report', 'sha-256', ?,"
                        + " 'subject-ref-of-a-resident', 'salt', ?, ?, ?, ?)",
                id, "ab".repeat(32), Timestamp.from(NOW.plus(Duration.ofDays(365))), "cd".repeat(32), status, Timestamp.from(at));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }
}
