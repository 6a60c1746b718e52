package org.hashbridge.node.anchoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hashbridge.node.anchoring.Anchors.SUBMITTED;
import static org.hashbridge.node.anchoring.Anchors.anchored;
import static org.hashbridge.node.anchoring.Anchors.anchoredBatch;
import static org.hashbridge.node.anchoring.Anchors.sending;
import static org.hashbridge.node.anchoring.Anchors.submission;

import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.hashbridge.node.Documents;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.database.Concurrently;
import org.hashbridge.node.database.JpaSliceTest;
import org.hashbridge.node.database.Rows;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The anchoring outbox's submissions, their issuers' references, and the queries that find, batch and revoke
 * them, on PostgreSQL.
 */
@JpaSliceTest
class AnchorRepositoryJpaTest {

    private static final String TRANSUNION = "hk.transunion";
    private static final String EQUIFAX = "hk.equifax";
    private static final Instant NOW = SUBMITTED.plus(Duration.ofHours(1));
    private static final Duration LEASE = Duration.ofSeconds(75);
    /** The most items {@code hashbridge.anchoring.max-bulk-items} may allow in one request. */
    private static final int MOST_BULK_ITEMS = 100_000;

    @Autowired
    private AnchorRepository anchors;
    @Autowired
    private AnchorBatchRepository batches;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private Rows rows;
    @Autowired
    private Concurrently concurrently;
    @Autowired
    private EntityManagerFactory entities;

    private static AnchorSubmission submitted(String issuer, String document, int minutesAfterFirst) {
        return submission(issuer, document, SUBMITTED.plus(Duration.ofMinutes(minutesAfterFirst)));
    }

    @Test
    void anIssuerFindsOnlyItsOwnAnchors() {
        rows.institution(TRANSUNION, "ISSUER").institution(EQUIFAX, "ISSUER");
        AnchorSubmission own = anchors.save(submitted(TRANSUNION, "report 1", 0));
        AnchorSubmission someoneElses = anchors.saveAndFlush(submitted(EQUIFAX, "report 2", 0));

        assertThat(anchors.findByIdAndIssuer(own.id(), TRANSUNION)).isPresent();
        assertThat(anchors.findByIdAndIssuer(someoneElses.id(), TRANSUNION)).isEmpty();
    }

    @Test
    void onlyAnInstitutionOfThisNodeAnchors() {
        assertThatThrownBy(() -> anchors.saveAndFlush(submitted("hk.nobody", "report", 0)))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aReferenceIsHeldOnceByItsIssuerExactlyAsWrittenAndTwoIssuersMayEachUseIt() {
        rows.institution(TRANSUNION, "ISSUER").institution(EQUIFAX, "ISSUER");
        anchors.saveAndFlush(submission(TRANSUNION, "TU-1", "report 1", SUBMITTED));
        anchors.saveAndFlush(submission(EQUIFAX, "TU-1", "report 1", SUBMITTED));
        anchors.saveAndFlush(submission(TRANSUNION, "tu-1", "report 2", SUBMITTED));
        anchors.saveAndFlush(submitted(TRANSUNION, "report 3", 1));
        anchors.saveAndFlush(submitted(TRANSUNION, "report 3", 2));

        assertThat(rows.count("anchor_submission")).as("submissions without a reference share none").isEqualTo(5);
        assertThatThrownBy(() -> anchors.saveAndFlush(submission(TRANSUNION, "TU-1", "report 4", SUBMITTED)))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void ofTwoSubmissionsUnderOneReferenceAtOnceTheSecondWaitsForTheFirstAndIsRefused() throws Exception {
        concurrently.committed(() -> rows.institution(TRANSUNION, "ISSUER"));

        Concurrently.Both<UUID, Future<UUID>> both = concurrently.waitingFor(
                () -> anchors.saveAndFlush(submission(TRANSUNION, "TU-1", "report", SUBMITTED)).id(),
                () -> anchors.saveAndFlush(submission(TRANSUNION, "TU-1", "report", SUBMITTED.plusSeconds(1))).id());

        assertThatThrownBy(() -> both.second().get()).isInstanceOf(ExecutionException.class)
                .cause().as("the intake then reads the references again and answers the first one's anchor")
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(concurrently.committed(() -> ids(anchors.findByIssuerAndReferenceIn(TRANSUNION, List.of("TU-1")))))
                .containsExactly(both.first());
    }

    @Test
    void theReferencesAnIssuerStoredAreFoundInOneQueryForAsManyAsARequestMayHold() {
        rows.institution(TRANSUNION, "ISSUER").institution(EQUIFAX, "ISSUER");
        AnchorSubmission first = anchors.save(submission(TRANSUNION, "TU-1", "report 1", SUBMITTED));
        AnchorSubmission second = anchors.save(submission(TRANSUNION, "TU-2", "report 2", SUBMITTED));
        anchors.save(submission(EQUIFAX, "TU-3", "report 3", SUBMITTED));
        anchors.save(submitted(TRANSUNION, "report 4", 0));
        anchors.flush();
        List<String> asked = new ArrayList<>(IntStream.range(0, MOST_BULK_ITEMS).mapToObj(i -> "TU-new-" + i).toList());
        asked.addAll(List.of("TU-2", "TU-3", "tu-1", "TU-1"));

        Statistics statistics = entities.unwrap(SessionFactory.class).getStatistics();
        statistics.clear();
        statistics.setStatisticsEnabled(true);
        try {
            assertThat(anchors.findByIssuerAndReferenceIn(TRANSUNION, asked)).extracting(AnchorSubmission::id)
                    .containsExactlyInAnyOrder(first.id(), second.id());
            assertThat(statistics.getPrepareStatementCount()).as("statements sent").isEqualTo(1);
        } finally {
            statistics.setStatisticsEnabled(false);
        }
    }

    @Test
    void anIssuersAnchorsAreFoundByIdOnlyItsOwnAndListedOldestFirst() {
        rows.institution(TRANSUNION, "ISSUER").institution(EQUIFAX, "ISSUER");
        AnchorSubmission later = anchors.save(submitted(TRANSUNION, "report 1", 5));
        AnchorSubmission earlier = anchors.save(submitted(TRANSUNION, "report 2", 1));
        AnchorSubmission someoneElses = anchors.save(submitted(EQUIFAX, "report 3", 0));
        anchors.flush();

        assertThat(ids(anchors.findByIssuerAndIdIn(TRANSUNION, List.of(later.id(), someoneElses.id(), UUID.randomUUID()))))
                .containsExactly(later.id());
        assertThat(anchors.findByIssuer(TRANSUNION, PageRequest.of(0, 1, Sort.by("createdAt", "id"))))
                .extracting(AnchorSubmission::id).containsExactly(earlier.id());
        assertThat(anchors.findByIssuer(TRANSUNION, PageRequest.of(1, 1, Sort.by("createdAt", "id"))).getTotalElements())
                .isEqualTo(2);
    }

    @Test
    void everyStatusOfTheEntityIsOneTheTableAccepts() {
        rows.institution(TRANSUNION, "ISSUER");
        UUID id = anchors.saveAndFlush(submitted(TRANSUNION, "report", 0)).id();

        rows.setEach("anchor_submission", "status", id, Arrays.stream(AnchorStatus.values()).map(Enum::name).toList());
        assertThatThrownBy(() -> rows.setEach("anchor_submission", "status", id, List.of("LOST")))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void theIssuersWithSubmissionsWaitingForABatchAreEachNamedOnce() {
        rows.institution(TRANSUNION, "ISSUER").institution(EQUIFAX, "ISSUER").institution("hk.experian", "ISSUER");
        anchors.save(submitted(TRANSUNION, "report 1", 0));
        anchors.save(submitted(TRANSUNION, "report 2", 1));
        // stored first: inserts are ordered by table, and a batch id is a plain column, not an association
        AnchorBatch batch = batches.saveAndFlush(sending(EQUIFAX, SUBMITTED));
        AnchorSubmission batched = submitted(EQUIFAX, "report 3", 2);
        batched.assignTo(batch.id(), 0);
        anchors.save(batched);
        AnchorSubmission revoked = submitted("hk.experian", "report 4", 3);
        revoked.requestRevocation("issued in error", NOW);
        anchors.save(revoked);
        anchors.flush();

        assertThat(anchors.findIssuersWithUnbatched()).containsExactly(TRANSUNION);
        assertThat(anchors.countByStatus(AnchorStatus.PENDING)).isEqualTo(3);
        assertThat(anchors.countByStatus(AnchorStatus.REVOKED)).isEqualTo(1);
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void twoInstancesFormingBatchesAtOnceNeverTakeTheSameSubmission() throws Exception {
        List<UUID> waiting = concurrently.committed(() -> {
            rows.institution(TRANSUNION, "ISSUER").institution(EQUIFAX, "ISSUER");
            anchors.save(submitted(EQUIFAX, "another issuer's", -10));
            return List.of(0, 1, 2, 3).stream().map(minute -> anchors.save(submitted(TRANSUNION, "report " + minute, minute)).id())
                    .toList();
        });

        Concurrently.Both<List<UUID>, List<UUID>> claims = concurrently.whileHeld(
                () -> claimedIds(TRANSUNION, 2), () -> claimedIds(TRANSUNION, 10));

        assertThat(claims.first()).as("the oldest two of that issuer").containsExactly(waiting.get(0), waiting.get(1));
        assertThat(claims.second()).as("the others, skipping the rows the first holds")
                .containsExactly(waiting.get(2), waiting.get(3));
    }

    @Test
    void aRevocationLocksEveryCopyOfTheDocumentByThatIssuerOldestFirst() {
        rows.institution(TRANSUNION, "ISSUER").institution(EQUIFAX, "ISSUER");
        AnchorSubmission second = anchors.save(submitted(TRANSUNION, "report", 5));
        AnchorSubmission first = anchors.save(submitted(TRANSUNION, "report", 1));
        anchors.save(submitted(TRANSUNION, "another report", 0));
        anchors.save(submitted(EQUIFAX, "report", 0));
        anchors.flush();

        assertThat(anchors.lockCopies(TRANSUNION, "sha-256", first.digestHex())).extracting(AnchorSubmission::id)
                .containsExactly(first.id(), second.id());
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void twoRevocationsOfOneDocumentGoOneAfterTheOtherAndTheSecondIsRefused() throws Exception {
        AnchorSubmission copy = concurrently.committed(() -> {
            rows.institution(TRANSUNION, "ISSUER");
            anchors.save(submitted(TRANSUNION, "report", 0));
            return anchors.save(submitted(TRANSUNION, "report", 1));
        });

        Concurrently.Both<AnchorStatus, Future<AnchorStatus>> revocations = concurrently.waitingFor(
                () -> revoke(copy), () -> revoke(copy));

        assertThat(revocations.first()).isEqualTo(AnchorStatus.REVOKED);
        assertThatThrownBy(() -> revocations.second().get()).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(NodeException.class,
                        refused -> assertThat(refused.code()).isEqualTo("ANCHOR_ALREADY_REVOKED"));
        assertThat(concurrently.committed(() -> anchors.countByStatus(AnchorStatus.REVOKED))).as("both copies").isEqualTo(2);
    }

    /** As the anchoring service revokes: every copy of the document, locked; one revoked already is refused. */
    private AnchorStatus revoke(AnchorSubmission target) {
        List<AnchorSubmission> copies = anchors.lockCopies(TRANSUNION, "sha-256", target.digestHex());
        copies.forEach(copy -> copy.requestRevocation("issued in error", NOW));
        return copies.stream().filter(c -> c.id().equals(target.id())).findFirst().orElseThrow().status();
    }

    @Test
    void aBatchsMembersComeInTreeOrder() {
        rows.institution(TRANSUNION, "ISSUER");
        AnchorBatch batch = batches.save(sending(TRANSUNION, SUBMITTED));
        AnchorSubmission leaf0 = submitted(TRANSUNION, "report 0", 2);
        AnchorSubmission leaf1 = submitted(TRANSUNION, "report 1", 1);
        AnchorSubmission leaf2 = submitted(TRANSUNION, "report 2", 0);
        leaf2.assignTo(batch.id(), 2);
        leaf0.assignTo(batch.id(), 0);
        leaf1.assignTo(batch.id(), 1);
        anchors.saveAll(List.of(leaf2, leaf0, leaf1));
        anchors.save(submitted(TRANSUNION, "report 3", 3));
        anchors.flush();

        assertThat(anchors.findByBatchIdOrderByBatchIndexAsc(batch.id())).extracting(AnchorSubmission::id)
                .containsExactly(leaf0.id(), leaf1.id(), leaf2.id());
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void revocationsToWriteAreThoseWithAVoucherWhoseRootIsOnChainAndTwoInstancesNeverTakeTheSame() throws Exception {
        List<UUID> toWrite = concurrently.committed(() -> {
            rows.institution(TRANSUNION, "ISSUER");
            AnchorBatch onChain = batches.save(anchoredBatch(TRANSUNION, Documents.CHAIN_ID, Documents.REGISTRY, 5));
            AnchorBatch lost = anchoredBatch(TRANSUNION, Documents.CHAIN_ID, Documents.REGISTRY, 6);
            lost.lost(NOW);
            batches.save(lost);
            AnchorBatch onTheWay = batches.save(sending(TRANSUNION, SUBMITTED));
            List<UUID> ids = List.of(0, 1, 2).stream()
                    .map(i -> anchors.save(revoking(anchored(submitted(TRANSUNION, "report " + i, i), onChain, i, 5))).id())
                    .toList();
            anchors.save(revoking(anchored(submitted(TRANSUNION, "root lost", 3), lost, 0, 6)));
            AnchorSubmission noVoucherYet = submitted(TRANSUNION, "batch on the way", 4);
            noVoucherYet.assignTo(onTheWay.id(), 0);
            anchors.save(revoking(noVoucherYet));
            AnchorSubmission leased = revoking(anchored(submitted(TRANSUNION, "leased elsewhere", 5), onChain, 3, 5));
            leased.lease(NOW.plusSeconds(30));
            anchors.save(leased);
            anchors.save(anchored(submitted(TRANSUNION, "not revoked", 6), onChain, 4, 5));
            return ids;
        });

        Concurrently.Both<List<UUID>, List<UUID>> claims = concurrently.whileHeld(() -> claimRevocations(1),
                () -> claimRevocations(10));

        assertThat(claims.first()).containsExactly(toWrite.get(0));
        assertThat(claims.second()).containsExactly(toWrite.get(1), toWrite.get(2));
        assertThat(concurrently.committed(() -> claimRevocations(10))).as("all leased now").isEmpty();
        assertThat(concurrently.committed(() -> ids(anchors.claimRevocations(NOW.plus(LEASE).plusSeconds(1), 10))))
                .as("once the leases ran out, the one leased elsewhere too").hasSize(4);
    }

    private static AnchorSubmission revoking(AnchorSubmission submission) {
        assertThat(submission.requestRevocation("issued in error", NOW)).isTrue();
        return submission;
    }

    private List<UUID> claimRevocations(int limit) {
        List<AnchorSubmission> claimed = anchors.claimRevocations(NOW, limit);
        claimed.forEach(submission -> submission.lease(NOW.plus(LEASE)));
        return ids(claimed);
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void aChangeMadeToAStaleCopyIsAConcurrencyFailureAndChangesNothing() {
        UUID id = concurrently.committed(() -> {
            rows.institution(TRANSUNION, "ISSUER");
            AnchorBatch batch = batches.save(anchoredBatch(TRANSUNION, Documents.CHAIN_ID, Documents.REGISTRY, 5));
            return anchors.save(anchored(submitted(TRANSUNION, "report", 0), batch, 0, 5)).id();
        });
        AnchorSubmission stale = concurrently.committed(() -> anchors.findById(id).orElseThrow());
        concurrently.committed(() -> anchors.findById(id).orElseThrow().requestRevocation("superseded", NOW));

        stale.requestRevocation("issued in error", NOW);
        assertThatThrownBy(() -> concurrently.committed(() -> anchors.save(stale)))
                .as("the web layer answers it 409 CONCURRENT_CHANGE").isInstanceOf(ConcurrencyFailureException.class);
        assertThat(concurrently.committed(() -> jdbc.queryForObject(
                "select revocation_reason from anchor_submission where id = ?", String.class, id))).isEqualTo("superseded");
    }

    private List<UUID> claimedIds(String issuer, int limit) {
        return anchors.claimUnbatched(issuer, limit).stream().map(AnchorRepository.Unbatched::getId).toList();
    }

    private static List<UUID> ids(List<AnchorSubmission> submissions) {
        return submissions.stream().map(AnchorSubmission::id).toList();
    }
}
