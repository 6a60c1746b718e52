package org.hashbridge.node.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hashbridge.node.verification.Verifications.stored;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hashbridge.node.Documents;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.database.Concurrently;
import org.hashbridge.node.database.JpaSliceTest;
import org.hashbridge.node.database.Rows;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The verifications a node answered and the outbox that records their accesses on chain, on PostgreSQL. */
@JpaSliceTest
class VerificationRepositoryJpaTest {

    private static final String ABC = "cn.abc-shenzhen";
    private static final String ICBC = "cn.icbc-shenzhen";
    private static final Instant NOW = Verifications.VERIFIED_AT.plus(Duration.ofMinutes(5));
    private static final Duration LEASE = Duration.ofSeconds(75);

    @Autowired
    private VerificationRepository verifications;
    @Autowired
    private Rows rows;
    @Autowired
    private Concurrently concurrently;

    private static Verification answered(String verifier, int secondsAfterFirst) {
        return stored(verifier, Verifications.VERIFIED_AT.plusSeconds(secondsAfterFirst));
    }

    @Test
    void aVerifierReadsOnlyItsOwnVerificationsAsStored() {
        rows.institution(ABC, "VERIFIER").institution(ICBC, "VERIFIER");
        Verification own = verifications.save(answered(ABC, 0));
        Verification someoneElses = verifications.saveAndFlush(answered(ICBC, 0));

        assertThat(verifications.findByIdAndVerifier(own.id(), ABC)).get()
                .satisfies(found -> assertThat(found.receipt()).isEqualTo("header.payload.signature"))
                .satisfies(found -> assertThat(found.verifiedAt()).isEqualTo(Verifications.VERIFIED_AT));
        assertThat(verifications.findByIdAndVerifier(someoneElses.id(), ABC)).isEmpty();
    }

    @Test
    void onlyAVerifierOfThisNodeHasVerificationsStored() {
        assertThatThrownBy(() -> verifications.saveAndFlush(answered("cn.nobody", 0)))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void everyAccessStatusOfTheEntityIsOneTheTableAccepts() {
        rows.institution(ABC, "VERIFIER");
        UUID id = verifications.saveAndFlush(answered(ABC, 0)).id();

        rows.setEach("verification", "access_status", id,
                Arrays.stream(Verification.AccessStatus.values()).map(Enum::name).toList());
        assertThatThrownBy(() -> rows.setEach("verification", "access_status", id, List.of("LOST")))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void twoInstancesRecordingAccessesAtOnceNeverSendTheSameOne() throws Exception {
        List<UUID> pending = concurrently.committed(() -> {
            rows.institution(ABC, "VERIFIER");
            Verification recorded = answered(ABC, -30);
            recorded.accessRecorded(Documents.CHAIN_ID, Documents.REGISTRY, new ChainWrite("0x" + "ab".repeat(32), 7, NOW));
            verifications.save(recorded);
            Verification skipped = answered(ABC, -20);
            skipped.accessSkipped();
            verifications.save(skipped);
            Verification leasedElsewhere = answered(ABC, -10);
            leasedElsewhere.leaseAccess(NOW.plusSeconds(30));
            verifications.save(leasedElsewhere);
            return List.of(0, 1, 2, 3, 4).stream().map(s -> verifications.save(answered(ABC, s)).id()).toList();
        });

        Concurrently.Both<List<UUID>, List<UUID>> claims = concurrently.whileHeld(() -> claim(NOW, 3), () -> claim(NOW, 256));

        assertThat(claims.first()).as("the oldest three pending").containsExactlyElementsOf(pending.subList(0, 3));
        assertThat(claims.second()).as("the others, skipping the rows the first holds")
                .containsExactlyElementsOf(pending.subList(3, 5));
        assertThat(concurrently.committed(() -> claim(NOW, 256))).isEmpty();
        assertThat(concurrently.committed(() -> claim(NOW.plus(LEASE).plusSeconds(1), 256)))
                .as("once the leases ran out: every pending access, never a recorded or skipped one").hasSize(6);
    }

    private List<UUID> claim(Instant now, int limit) {
        List<Verification> claimed = verifications.claimPendingAccesses(now, limit);
        claimed.forEach(v -> v.leaseAccess(now.plus(LEASE)));
        return claimed.stream().map(Verification::id).toList();
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void anAccessRecordedFromAStaleCopyIsAConcurrencyFailureAndChangesNothing() {
        UUID id = concurrently.committed(() -> {
            rows.institution(ABC, "VERIFIER");
            return verifications.save(answered(ABC, 0)).id();
        });
        Verification stale = concurrently.committed(() -> verifications.findById(id).orElseThrow());
        concurrently.committed(() -> {
            verifications.findById(id).orElseThrow().accessSkipped();
            return null;
        });

        stale.accessRecorded(Documents.CHAIN_ID, Documents.REGISTRY, new ChainWrite("0x" + "ab".repeat(32), 9, NOW));
        assertThatThrownBy(() -> concurrently.committed(() -> verifications.save(stale)))
                .isInstanceOf(ConcurrencyFailureException.class);
        assertThat(concurrently.committed(() -> verifications.findById(id).orElseThrow().accessStatus()))
                .isEqualTo(Verification.AccessStatus.SKIPPED);
    }
}
