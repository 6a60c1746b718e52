package org.hashbridge.node.anchoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.hashbridge.node.DocumentScope;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.config.AnchoringProperties;
import org.hashbridge.node.config.OutboxProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Which batches go out: a root the chain lost waits while a revoked document in it could verify. */
class AnchorBatchesTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
    private static final DocumentScope SCOPE = new DocumentScope("hk.transunion", "credit-report", "ab".repeat(32));

    private final AnchorRepository anchors = mock(AnchorRepository.class);
    private final AnchorBatchRepository batches = mock(AnchorBatchRepository.class);
    private final DocumentScope.Consents consents = mock(DocumentScope.Consents.class);
    private final AnchorBatches outbox = new AnchorBatches(anchors, batches, mock(AnchorRowsInBulk.class), mock(RegistryChain.class), consents,
            new AnchoringProperties(null, 0, 0), new OutboxProperties(null, null, null, null),
            new TransactionTemplate(mock(PlatformTransactionManager.class)), Clock.fixed(NOW, ZoneOffset.UTC));
    private final AnchoredBatch lost = AnchoredBatch.of(3, 40, NOW.minusSeconds(600));

    @BeforeEach
    void theChainLostABatchWithARevokedDocument() {
        lost.revoked(1, NOW.minusSeconds(300));
        lost.batch().lost(NOW.minusSeconds(5));
        when(batches.claimSending(any(), anyInt())).thenReturn(List.of(lost.batch()));
        when(batches.findById(lost.batch().id())).thenReturn(Optional.of(lost.batch()));
        when(anchors.findRevokedScopesIn(eq(lost.batch().id()), any(), eq(NOW))).thenReturn(List.of(SCOPE));
    }

    @Test
    void aLostRootGoesBackWhenNoConsentOfItsRevokedDocumentsScopesIsAuthorisedOnChain() {
        when(consents.authorisedOnChain(SCOPE)).thenReturn(false);

        assertThat(outbox.claim()).containsExactly(lost.batch());
    }

    @Test
    void aLostRootWaitsWhileAConsentOfARevokedDocumentsScopeIsAuthorisedOnChain() {
        when(consents.authorisedOnChain(SCOPE)).thenReturn(true);

        assertThat(outbox.claim()).isEmpty();
        assertThat(lost.batch().status()).isEqualTo(AnchorBatch.Status.SENDING);
        assertThat(lost.batch().lastError()).hasValueSatisfying(error -> assertThat(error).startsWith(AnchorBatches.HELD_BACK));
    }

    @Test
    void aLostRootWaitsWhileTheChainCannotSayWhetherSuchAConsentIsThere() {
        when(consents.authorisedOnChain(SCOPE)).thenThrow(ChainUnavailable.timedOut("consents", java.time.Duration.ofSeconds(1)));

        assertThat(outbox.claim()).isEmpty();
    }

    @Test
    void aRootSentForTheFirstTimeIsNotHeldBack() {
        AnchoredBatch fresh = AnchoredBatch.of(1, 41, NOW);
        AnchorBatch sending = new AnchorBatch(java.util.UUID.randomUUID(), "hk.transunion", fresh.batch().root(), 1, NOW);
        when(batches.claimSending(any(), anyInt())).thenReturn(List.of(sending));

        assertThat(outbox.claim()).containsExactly(sending);
        verify(consents, never()).authorisedOnChain(any());
    }
}
