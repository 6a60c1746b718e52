package org.hashbridge.node.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.hashbridge.node.Documents;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.database.JpaSliceTest;
import org.hashbridge.node.database.Rows;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the audit of accesses reads, on PostgreSQL: those recorded on this registry, newest first, consent by consent. */
@JpaSliceTest
class LostAccessesJpaTest {

    private static final String ABC = "cn.abc-shenzhen";
    private static final Verification.AccessStatus RECORDED = Verification.AccessStatus.RECORDED;

    @Autowired
    private VerificationRepository verifications;
    @Autowired
    private Rows rows;

    @Test
    void theAuditReadsTheAccessesRecordedOnThisRegistryByAKnownTransactionNewestFirst() {
        rows.institution(ABC, "VERIFIER");
        Verification older = verifications.save(recorded(1, Documents.REGISTRY, 7L));
        Verification newer = verifications.save(recorded(2, Documents.REGISTRY, 9L));
        verifications.save(recorded(3, Documents.REGISTRY, null)); // recorded by an attempt only the registry told of
        verifications.save(recorded(4, "0x" + "cd".repeat(20), 11L));
        verifications.save(Verifications.stored(ABC, Verifications.VERIFIED_AT));
        verifications.flush();

        assertThat(verifications.findFirst2ByAccessStatusAndAccessChainIdAndAccessRegistryIgnoreCaseAndAccessBlockNotNullOrderByAccessBlockDesc(
                RECORDED, Documents.CHAIN_ID, Documents.REGISTRY.toLowerCase())).extracting(Verification::id)
                .containsExactly(newer.id(), older.id());
        assertThat(verifications.findCommitmentsWith(RECORDED, Documents.CHAIN_ID, Documents.REGISTRY)).containsExactly("c0".repeat(32));
        assertThat(verifications.findByConsentCommitmentAndAccessStatusAndAccessChainIdAndAccessRegistryIgnoreCase(
                "c0".repeat(32), RECORDED, Documents.CHAIN_ID, Documents.REGISTRY)).hasSize(3);
    }

    @Test
    void healthCountsTheAccessesMissingTheLostForGoodAndThoseWrittenAgain() {
        rows.institution(ABC, "VERIFIER");
        Verification missing = recorded(1, Documents.REGISTRY, 7L);
        missing.accessLost(at(5));
        Verification lostForGood = recorded(2, Documents.REGISTRY, 8L);
        lostForGood.accessLost(at(5));
        lostForGood.accessSkipped();
        Verification writtenAgain = recorded(3, Documents.REGISTRY, 9L);
        writtenAgain.accessLost(at(5));
        writtenAgain.accessRecorded(Documents.CHAIN_ID, Documents.REGISTRY, new ChainWrite("0x" + "ef".repeat(32), 2, at(6)));
        verifications.saveAll(List.of(missing, lostForGood, writtenAgain));
        verifications.flush();

        assertThat(verifications.countByAccessLostAtIsNotNullAndAccessStatus(Verification.AccessStatus.PENDING)).isEqualTo(1);
        assertThat(verifications.countByAccessLostAtIsNotNullAndAccessStatus(Verification.AccessStatus.SKIPPED)).isEqualTo(1);
        assertThat(verifications.countByAccessRewrittenAtIsNotNull()).isEqualTo(1);
    }

    private static Verification recorded(int secondsAfterFirst, String registry, Long block) {
        Verification access = Verifications.stored(ABC, at(secondsAfterFirst));
        if (block == null) {
            access.accessRecordedBefore(Documents.CHAIN_ID, registry, at(secondsAfterFirst + 1));
        } else {
            access.accessRecorded(Documents.CHAIN_ID, registry, new ChainWrite("0x" + "ab".repeat(32), block, at(secondsAfterFirst + 1)));
        }
        return access;
    }

    private static Instant at(int secondsAfterFirst) {
        return Verifications.VERIFIED_AT.plusSeconds(secondsAfterFirst);
    }
}
