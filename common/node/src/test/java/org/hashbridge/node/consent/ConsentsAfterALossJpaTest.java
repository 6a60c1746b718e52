package org.hashbridge.node.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hashbridge.node.DocumentScope;
import org.hashbridge.node.Documents;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.database.JpaSliceTest;
import org.hashbridge.node.database.Rows;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the audit and the order after a chain loss read of the consents, on PostgreSQL: the consents of a scope, and
 * those the chain lost for good, which the audit neither reads as written nor counts as missing.
 */
@JpaSliceTest
class ConsentsAfterALossJpaTest {

    private static final String RESIDENT = "HK-A1234567";
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final List<ConsentStatus> ON_CHAIN = List.of(ConsentStatus.AUTHORISED, ConsentStatus.REVOKED);
    private static final List<ConsentStatus> BEING_WRITTEN = List.of(ConsentStatus.PENDING, ConsentStatus.REVOKING);

    @Autowired
    private ConsentRepository consents;
    @Autowired
    private Rows rows;

    @Test
    void theConsentsOfAScopeAreThoseOfItsIssuerTypeAndResidentThatRunPastNow() {
        rows.resident(RESIDENT).resident("HK-Z9999999");
        Consent running = consents.save(authorised(RESIDENT, "cn.abc-shenzhen", NOW.plus(Duration.ofDays(30)), 5));
        Consent otherBank = consents.save(authorised(RESIDENT, "hk.fusion-bank", NOW.plus(Duration.ofDays(30)), 6));
        consents.save(authorised(RESIDENT, "cn.abc-shenzhen", NOW.minusSeconds(1), 7));
        consents.save(authorised("HK-Z9999999", "cn.abc-shenzhen", NOW.plus(Duration.ofDays(30)), 8));
        consents.flush();
        DocumentScope scope = running.scope();

        assertThat(consents.findByIssuerAndDocumentTypeAndSubjectRefAndValidUntilAfter(scope.issuer(),
                scope.documentType(), scope.subjectRef(), NOW)).extracting(Consent::id)
                .as("whichever bank they name").containsExactlyInAnyOrder(running.id(), otherBank.id());
    }

    @Test
    void aConsentLostForGoodIsNeitherReadAsWrittenNorCountedAsMissing() {
        rows.resident(RESIDENT);
        Consent kept = consents.save(authorised(RESIDENT, "cn.abc-shenzhen", NOW.plus(Duration.ofDays(30)), 5));
        Consent lostForGood = authorised(RESIDENT, "cn.abc-shenzhen", NOW.minusSeconds(60), 9);
        lostForGood.lostPastItsEnd(NOW);
        consents.save(lostForGood);
        Consent beingWritten = authorised(RESIDENT, "cn.abc-shenzhen", NOW.plus(Duration.ofDays(30)), 7);
        beingWritten.lost(NOW);
        consents.save(beingWritten);
        consents.flush();

        assertThat(consents.findFirst2ByStatusInAndChainIdAndRegistryIgnoreCaseAndLostAtIsNullOrderByBlockNumberDesc(
                ON_CHAIN, Documents.CHAIN_ID, Documents.REGISTRY)).extracting(Consent::id).containsExactly(kept.id());
        assertThat(consents.findByStatusInAndChainIdAndRegistryIgnoreCaseAndLostAtIsNull(ON_CHAIN, Documents.CHAIN_ID,
                Documents.REGISTRY)).extracting(Consent::id).containsExactly(kept.id());
        assertThat(consents.countByLostAtIsNotNullAndStatusIn(BEING_WRITTEN)).isEqualTo(1);
        assertThat(consents.countByLostAtIsNotNullAndStatusIn(ON_CHAIN)).as("lost for good").isEqualTo(1);
    }

    private static Consent authorised(String subject, String verifier, Instant until, long block) {
        Instant issued = until.minus(Duration.ofDays(60));
        Consent consent = new Consent(subject, Documents.consentToken(subject, "hk.transunion", verifier, issued, until), null);
        consent.authorised(Documents.CHAIN_ID, Documents.REGISTRY, new ChainWrite("0x" + "ab".repeat(32), block, issued));
        return consent;
    }
}
