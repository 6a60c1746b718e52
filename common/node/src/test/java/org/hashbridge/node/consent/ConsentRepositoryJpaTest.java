package org.hashbridge.node.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.hashbridge.node.Documents;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.database.Concurrently;
import org.hashbridge.node.database.JpaSliceTest;
import org.hashbridge.node.database.Rows;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The consents table and the queries of the consent outbox, its locks and its audit, on PostgreSQL. */
@JpaSliceTest
class ConsentRepositoryJpaTest {

    private static final String RESIDENT = "HK-A1234567";
    private static final String OTHER_RESIDENT = "HK-Z9999999";
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(75);
    private static final List<ConsentStatus> ON_CHAIN = List.of(ConsentStatus.AUTHORISED, ConsentStatus.REVOKED);

    @Autowired
    private ConsentRepository consents;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private Rows rows;
    @Autowired
    private Concurrently concurrently;

    /** A pending consent of {@code subject} issued {@code minutesAgo} before {@link #NOW}, leased to nobody. */
    private static Consent pending(String subject, int minutesAgo) {
        Instant issued = NOW.minus(Duration.ofMinutes(minutesAgo));
        return new Consent(subject, Documents.consentToken(subject, "hk.transunion", "cn.abc-shenzhen", issued,
                issued.plus(Duration.ofDays(30))), null);
    }

    /** An authorised consent, recorded in {@code block} of {@code registry} on {@code chainId}. */
    private static Consent authorised(long chainId, String registry, long block) {
        Consent consent = pending(RESIDENT, 60);
        consent.authorised(chainId, registry, new ChainWrite("0x" + "ab".repeat(32), block, NOW.minusSeconds(600)));
        return consent;
    }

    @Test
    void aResidentFindsOnlyTheirOwnConsentsNewestFirst() {
        rows.resident(RESIDENT).resident(OTHER_RESIDENT);
        Consent older = consents.save(pending(RESIDENT, 30));
        Consent newer = consents.save(pending(RESIDENT, 10));
        Consent someoneElses = consents.save(pending(OTHER_RESIDENT, 20));
        consents.flush();

        assertThat(consents.findByIdAndSubjectId(older.id(), RESIDENT)).isPresent();
        assertThat(consents.findByIdAndSubjectId(someoneElses.id(), RESIDENT)).isEmpty();
        assertThat(consents.findBySubjectIdOrderByIssuedAtDesc(RESIDENT)).extracting(Consent::id)
                .containsExactly(newer.id(), older.id());
    }

    @Test
    void aCommitmentIsStoredOnceAndOnlyForAKnownResident() {
        rows.resident(RESIDENT);
        Consent consent = consents.saveAndFlush(pending(RESIDENT, 5));

        assertThatThrownBy(() -> jdbc.update("insert into consent (id, subject_id, subject_ref, issuer, verifier,"
                + " document_type, purpose, issued_at, valid_until, salt, commitment, token, status)"
                + " select ?, subject_id, subject_ref, issuer, verifier, document_type, purpose, issued_at, valid_until,"
                + " salt, commitment, token, status from consent where id = ?", UUID.randomUUID(), consent.id()))
                .as("the same commitment under another id").isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aConsentOfSomeoneWhoIsNoResidentHereIsRefused() {
        assertThatThrownBy(() -> consents.saveAndFlush(pending("HK-B7654321", 5)))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void everyStatusOfTheEntityIsOneTheTableAccepts() {
        rows.resident(RESIDENT);
        UUID id = consents.saveAndFlush(pending(RESIDENT, 5)).id();

        rows.setEach("consent", "status", id, Arrays.stream(ConsentStatus.values()).map(Enum::name).toList());
        assertThatThrownBy(() -> rows.setEach("consent", "status", id, List.of("LOST")))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void twoInstancesClaimingPendingConsentsAtOnceNeverClaimTheSameOneAndEachLeasesItsOwn() throws Exception {
        List<UUID> pending = concurrently.committed(() -> {
            rows.resident(RESIDENT);
            List<UUID> ids = List.of(40, 30, 20, 10).stream().map(age -> consents.save(pending(RESIDENT, age)).id()).toList();
            Consent leasedElsewhere = pending(RESIDENT, 50);
            leasedElsewhere.lease(NOW.plusSeconds(30));
            consents.save(leasedElsewhere);
            consents.save(authorised(Documents.CHAIN_ID, Documents.REGISTRY, 7));
            return ids;
        });

        Concurrently.Both<List<UUID>, List<UUID>> claims = concurrently.whileHeld(() -> claim(2), () -> claim(10));

        assertThat(claims.first()).as("the oldest two unleased").containsExactly(pending.get(0), pending.get(1));
        assertThat(claims.second()).as("the others, skipping the rows the first holds")
                .containsExactly(pending.get(2), pending.get(3));
        assertThat(concurrently.committed(() -> claim(10))).as("every one leased now").isEmpty();
        assertThat(concurrently.committed(() -> consents.claim("PENDING", NOW.plus(LEASE).plusSeconds(1), 10)))
                .as("once the leases ran out, all five again, the one leased elsewhere first").hasSize(5)
                .first().satisfies(oldest -> assertThat(oldest.issuedAt()).isEqualTo(NOW.minus(Duration.ofMinutes(50))));
        assertThat(concurrently.committed(() -> consents.claim("REVOKING", NOW, 10))).isEmpty();
    }

    private List<UUID> claim(int limit) {
        return consents.claim(ConsentStatus.PENDING.name(), NOW, limit).stream()
                .peek(consent -> consent.lease(NOW.plus(LEASE))).map(Consent::id).toList();
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void twoRevocationsOfOneConsentGoOneAfterTheOtherAndTheSecondIsRefused() throws Exception {
        UUID id = concurrently.committed(() -> {
            rows.resident(RESIDENT);
            return consents.save(authorised(Documents.CHAIN_ID, Documents.REGISTRY, 7)).id();
        });

        Concurrently.Both<ConsentStatus, Future<ConsentStatus>> revocations = concurrently.waitingFor(
                () -> revoke(id), () -> revoke(id));

        assertThat(revocations.first()).isEqualTo(ConsentStatus.REVOKING);
        assertThatThrownBy(() -> revocations.second().get()).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(NodeException.class,
                        refused -> assertThat(refused.code()).isEqualTo("CONSENT_ALREADY_REVOKED"));
        assertThat(concurrently.committed(() -> consents.findById(id).orElseThrow().status())).isEqualTo(ConsentStatus.REVOKING);
    }

    private ConsentStatus revoke(UUID id) {
        Consent consent = consents.lockOwned(id, RESIDENT).orElseThrow();
        consent.requestRevocation(NOW.plus(LEASE));
        return consent.status();
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void aChangeMadeToAStaleCopyIsAConcurrencyFailureAndChangesNothing() {
        UUID id = concurrently.committed(() -> {
            rows.resident(RESIDENT);
            return consents.save(authorised(Documents.CHAIN_ID, Documents.REGISTRY, 7)).id();
        });
        Consent stale = concurrently.committed(() -> consents.findById(id).orElseThrow());
        concurrently.committed(() -> {
            consents.findById(id).orElseThrow().lost(NOW);
            return null;
        });

        stale.requestRevocation(NOW.plus(LEASE));
        assertThatThrownBy(() -> concurrently.committed(() -> consents.save(stale)))
                .as("the web layer answers it 409 CONCURRENT_CHANGE").isInstanceOf(ConcurrencyFailureException.class);
        assertThat(concurrently.committed(() -> consents.findById(id).orElseThrow().status()))
                .as("the change that won").isEqualTo(ConsentStatus.PENDING);
    }

    @Test
    void theAuditReadsTheNewestConsentsOfTheConfiguredRegistryWhateverTheCaseOfItsAddress() {
        rows.resident(RESIDENT);
        Consent block5 = consents.save(authorised(Documents.CHAIN_ID, Documents.REGISTRY, 5));
        Consent block9 = consents.save(authorised(Documents.CHAIN_ID, Documents.REGISTRY, 9));
        Consent block7 = authorised(Documents.CHAIN_ID, Documents.REGISTRY, 7);
        block7.requestRevocation(NOW);
        block7.revoked(NOW.minusSeconds(60));
        consents.save(block7);
        consents.save(authorised(Documents.CHAIN_ID, "0x" + "cd".repeat(20), 11));
        consents.save(authorised(1, Documents.REGISTRY, 12));
        Consent revoking = authorised(Documents.CHAIN_ID, Documents.REGISTRY, 13);
        revoking.requestRevocation(NOW);
        consents.save(revoking);
        consents.save(pending(RESIDENT, 1));
        consents.flush();

        assertThat(consents.findFirst2ByStatusInAndChainIdAndRegistryIgnoreCaseAndLostAtIsNullOrderByBlockNumberDesc(ON_CHAIN,
                Documents.CHAIN_ID, Documents.REGISTRY.toLowerCase())).extracting(Consent::id)
                .containsExactly(block9.id(), block7.id());
        assertThat(consents.findByStatusInAndChainIdAndRegistryIgnoreCaseAndLostAtIsNull(ON_CHAIN, Documents.CHAIN_ID,
                Documents.REGISTRY.toUpperCase().replace("0X", "0x"))).extracting(Consent::id)
                .containsExactlyInAnyOrder(block5.id(), block9.id(), block7.id());
        assertThat(consents.countByStatus(ConsentStatus.AUTHORISED)).isEqualTo(4);
    }

    @Test
    void theHealthCountsTheConsentsTheChainLostAndThoseWrittenAgain() {
        rows.resident(RESIDENT);
        Consent lost = authorised(Documents.CHAIN_ID, Documents.REGISTRY, 5);
        lost.lost(NOW);
        consents.save(lost);
        Consent writtenAgain = authorised(Documents.CHAIN_ID, Documents.REGISTRY, 6);
        writtenAgain.lost(NOW);
        writtenAgain.authorised(Documents.CHAIN_ID, Documents.REGISTRY, new ChainWrite("0x" + "cd".repeat(32), 30, NOW));
        consents.save(writtenAgain);
        consents.save(authorised(Documents.CHAIN_ID, Documents.REGISTRY, 7));
        consents.flush();

        assertThat(consents.countByLostAtIsNotNullAndStatusIn(List.of(ConsentStatus.PENDING, ConsentStatus.REVOKING)))
                .isEqualTo(1);
        assertThat(consents.countByRewrittenAtIsNotNull()).isEqualTo(1);
        assertThat(consents.countByStatus(ConsentStatus.PENDING)).isEqualTo(1);
    }
}
