package org.hashbridge.node.anchoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hashbridge.node.chain.AnchorOnChain;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryState;
import org.hashbridge.node.config.ChainProperties;
import org.hashbridge.protocol.Hash32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** When the audit decides the chain lost this node's roots, and what it then puts back in the outbox. */
class AnchorsOnChainTest {

    private static final String REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");

    private final AnchorBatchRepository batches = mock(AnchorBatchRepository.class);
    private final AnchorRepository anchors = mock(AnchorRepository.class);
    private final RegistryChain chain = mock(RegistryChain.class);
    private final RegistryState state = mock(RegistryState.class);
    private final AnchorBatch older = anchoredBatch(40);
    private final AnchorBatch newer = anchoredBatch(41);
    private AnchorsOnChain audit;

    @BeforeEach
    void twoBatchesAnchoredOnTheConfiguredRegistry() {
        audit = auditWithConfirmations(0);
        when(chain.chainId()).thenReturn(31337L);
        when(chain.registryAddress()).thenReturn(REGISTRY);
        when(chain.finalState()).thenReturn(state);
        when(batches.findFirst2ByStatusAndChainIdAndRegistryIgnoreCaseOrderByBlockNumberDesc(any(), anyLong(), anyString()))
                .thenReturn(List.of(newer, older));
        when(batches.findByStatusAndChainIdAndRegistryIgnoreCaseOrderByBlockNumberAsc(any(), anyLong(), anyString()))
                .thenReturn(List.of(older, newer));
        when(batches.findById(older.id())).thenReturn(Optional.of(older));
        when(batches.findById(newer.id())).thenReturn(Optional.of(newer));
    }

    @Test
    void anIntactChainChangesNothing() {
        when(state.block()).thenReturn(100L);
        when(state.anchor(any(), eq(newer.root()))).thenReturn(Optional.of(onChain()));

        audit.audit();

        assertThat(List.of(older.status(), newer.status())).containsOnly(AnchorBatch.Status.ANCHORED);
    }

    @Test
    void whenTheNewestRootIsMissingEveryMissingRootGoesBackToTheOutbox() {
        when(state.block()).thenReturn(100L);
        when(state.anchor(any(), eq(newer.root()))).thenReturn(Optional.empty());
        when(state.anchor(any(), eq(older.root()))).thenReturn(Optional.of(onChain()));

        audit.audit();

        assertThat(newer.status()).isEqualTo(AnchorBatch.Status.SENDING);
        assertThat(newer.lostAt()).contains(NOW);
        assertThat(older.status()).isEqualTo(AnchorBatch.Status.ANCHORED);
    }

    @Test
    void aChainBehindABlockThisNodeSawLostEveryRootItDoesNotHold() {
        when(state.block()).thenReturn(12L); // a chain started again from nothing
        when(state.anchor(any(), any())).thenReturn(Optional.empty());

        audit.audit();

        assertThat(List.of(older.status(), newer.status())).containsOnly(AnchorBatch.Status.SENDING);
    }

    @Test
    void aRootNotFinalYetIsNotTakenForLost() {
        audit = auditWithConfirmations(2);
        when(state.block()).thenReturn(40L); // block 41 is mined but not final
        when(state.anchor(any(), eq(older.root()))).thenReturn(Optional.of(onChain()));

        audit.audit();

        assertThat(List.of(older.status(), newer.status())).containsOnly(AnchorBatch.Status.ANCHORED);
    }

    @Test
    void aBatchAnchoredAgainClearsItsLossAndCountsAsWrittenAgain() {
        newer.lost(NOW);

        newer.anchored(31337, REGISTRY, new ChainWrite("0x02", 7, NOW.plusSeconds(4)));

        assertThat(newer.lostAt()).isEmpty();
        assertThat(newer.blockNumber()).contains(7L);
    }

    @Test
    void aRevocationTheChainLostUnderARootItStillHoldsIsWrittenAgain() {
        AnchoredBatch kept = AnchoredBatch.of(2, 39, NOW.minusSeconds(600));
        AnchorSubmission revoked = kept.revoked(0, NOW.minusSeconds(300));
        AnchorSubmission stillRevoked = kept.revoked(1, NOW.minusSeconds(300));
        when(anchors.findRevokedUnder(31337L, REGISTRY)).thenReturn(List.of(revoked, stillRevoked));
        when(anchors.findById(revoked.id())).thenReturn(Optional.of(revoked));
        when(state.block()).thenReturn(100L);
        when(state.anchor(any(), eq(newer.root()))).thenReturn(Optional.empty()); // the loss the audit notices
        when(state.anchor(any(), eq(older.root()))).thenReturn(Optional.of(onChain()));
        when(state.anchor(any(), eq(kept.batch().root()))).thenReturn(Optional.of(onChain()));
        when(state.leafRevokedAt(any(), eq(kept.batch().root()), eq(stillRevoked.leafHash()))).thenReturn(Optional.of(NOW));

        audit.audit();

        assertThat(revoked.status()).as("revoked again").isEqualTo(AnchorStatus.REVOKING);
        assertThat(stillRevoked.status()).isEqualTo(AnchorStatus.REVOKED);
    }

    @Test
    void healthIsOutOfServiceWhileRootsAreMissingAndSaysHowManyAreHeldBack() {
        when(batches.countByLostAtIsNotNull()).thenReturn(3L);
        when(batches.countByLostAtIsNotNullAndLastErrorStartingWith(AnchorBatches.HELD_BACK)).thenReturn(1L);
        assertThat(audit.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(audit.health().getDetails()).containsEntry("rootsMissing", 3L).containsEntry("rootsHeldBack", 1L);

        when(batches.countByLostAtIsNotNull()).thenReturn(0L);
        when(batches.countByRewrittenAtIsNotNull()).thenReturn(3L);
        assertThat(audit.health().getStatus()).isEqualTo(Status.UP);
        assertThat(audit.health().getDetails()).containsEntry("rootsWrittenAgain", 3L);
    }

    private AnchorsOnChain auditWithConfirmations(int confirmations) {
        ChainProperties properties = new ChainProperties("http://127.0.0.1:8545", REGISTRY, null, (Path) null, 31337,
                confirmations, null, Duration.ofSeconds(1));
        return new AnchorsOnChain(batches, anchors, chain, properties, new TransactionTemplate(mock(PlatformTransactionManager.class)),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static AnchorBatch anchoredBatch(long block) {
        AnchorBatch batch = new AnchorBatch(UUID.randomUUID(), "hk.transunion", Hash32.fromHex(
                Long.toHexString(block).repeat(32).substring(0, 64)), 3, NOW.minusSeconds(600));
        batch.anchored(31337, REGISTRY, new ChainWrite("0x01", block, NOW.minusSeconds(590)));
        return batch;
    }

    private static AnchorOnChain onChain() {
        return new AnchorOnChain(Hash32.fromHex("0d".repeat(32)), "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
                NOW.minusSeconds(590), 3, Optional.empty());
    }
}
