package org.hashbridge.node.anchoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.hashbridge.node.DocumentScope;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryState;
import org.hashbridge.node.config.OutboxProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What the anchoring feature tells of a scope's revoked documents: revoked on chain, or able to verify. */
class AnchorRevocationsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");

    private final AnchorRepository anchors = mock(AnchorRepository.class);
    private final RegistryChain chain = mock(RegistryChain.class);
    private final RegistryState state = mock(RegistryState.class);
    private final AnchorRevocations revocations = new AnchorRevocations(anchors, chain,
            new OutboxProperties(null, null, null, null), new TransactionTemplate(mock(PlatformTransactionManager.class)),
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final AnchoredBatch batch = AnchoredBatch.of(2, 40, NOW.minusSeconds(600));
    private final DocumentScope scope = new DocumentScope("hk.transunion", "credit-report",
            batch.members().get(0).toLeaf().subject().hex());

    @BeforeEach
    void onTheConfiguredRegistry() {
        when(chain.chainId()).thenReturn(31337L);
        when(chain.registryAddress()).thenReturn(AnchoredBatch.REGISTRY);
        when(chain.finalState()).thenReturn(state);
    }

    @Test
    void aScopeWithoutRevokedDocumentsHasNothingToWaitFor() {
        assertThat(revocations.revokedOnChain(scope)).isTrue();
    }

    @Test
    void aRevokedDocumentWhoseLeafTheChainDoesNotShowRevokedCouldVerify() {
        AnchorSubmission revoked = batch.revoked(0, NOW.minusSeconds(60));
        inScope(revoked);
        when(state.leafRevokedAt(any(), eq(batch.batch().root()), eq(revoked.leafHash()))).thenReturn(Optional.empty());

        assertThat(revocations.revokedOnChain(scope)).isFalse();

        when(state.leafRevokedAt(any(), eq(batch.batch().root()), eq(revoked.leafHash()))).thenReturn(Optional.of(NOW));
        assertThat(revocations.revokedOnChain(scope)).isTrue();
    }

    @Test
    void aDocumentWhoseRevocationTheChainLostCouldVerifyUntilItIsRevokedAgain() {
        AnchorSubmission revoked = batch.revoked(0, NOW.minusSeconds(60));
        revoked.revocationLost(); // its root is back, its revocation follows
        inScope(revoked);
        when(state.leafRevokedAt(any(), eq(batch.batch().root()), eq(revoked.leafHash()))).thenReturn(Optional.empty());

        assertThat(revocations.revokedOnChain(scope)).isFalse();
    }

    private void inScope(AnchorSubmission... revoked) {
        when(anchors.findInScope(eq(scope.issuer()), eq(scope.documentType()), eq(scope.subjectRef()), any(), eq(NOW),
                anyLong(), anyString())).thenReturn(List.of(revoked));
    }
}
