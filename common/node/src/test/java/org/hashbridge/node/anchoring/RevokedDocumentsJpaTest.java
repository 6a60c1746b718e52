package org.hashbridge.node.anchoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hashbridge.node.DocumentScope;
import org.hashbridge.node.database.JpaSliceTest;
import org.hashbridge.node.database.Rows;
import org.hashbridge.protocol.MerkleTree;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The revoked documents the order after a chain loss reads, on PostgreSQL: those of a scope that could verify once
 * their root is on chain, the scopes of a lost batch's revoked documents, the revocations under kept roots.
 */
@JpaSliceTest
class RevokedDocumentsJpaTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
    private static final List<AnchorStatus> REVOKED = List.of(AnchorStatus.REVOKED, AnchorStatus.REVOKING);

    @Autowired
    private AnchorRepository anchors;
    @Autowired
    private AnchorBatchRepository batches;
    @Autowired
    private Rows rows;

    private final AnchoredBatch onThisRegistry = AnchoredBatch.of(3, 40, NOW.minusSeconds(600));
    private DocumentScope scope;

    @BeforeEach
    void aBatchOfOneResidentsReportsOneOfWhichIsRevoked() {
        rows.institution("hk.transunion", "ISSUER");
        onThisRegistry.revoked(1, NOW.minusSeconds(300));
        store(onThisRegistry);
        AnchorSubmission member = onThisRegistry.members().get(1);
        scope = new DocumentScope(member.issuer(), member.documentType(), member.toLeaf().subject().hex());
    }

    @Test
    void aRevokedDocumentOfAScopeIsFoundWhereItsRootIsOrMayBeOnThisRegistry() {
        AnchorSubmission revoked = onThisRegistry.members().get(1);

        assertThat(inScope(scope, AnchoredBatch.REGISTRY.toLowerCase())).extracting(AnchorSubmission::id)
                .containsExactly(revoked.id());
        assertThat(inScope(scope, "0x" + "cd".repeat(20))).as("a batch of another registry").isEmpty();
        assertThat(inScope(new DocumentScope(scope.issuer(), scope.documentType(), "ab".repeat(32))))
                .as("another resident").isEmpty();
        assertThat(anchors.findInScope(scope.issuer(), scope.documentType(), scope.subjectRef(), REVOKED,
                AnchoredBatch.VALID_UNTIL, 31337, AnchoredBatch.REGISTRY)).as("past its end").isEmpty();
    }

    @Test
    void aRevocationOnItsWayInTheOrdinaryCourseHoldsNothingBackOneTheChainLostDoes() {
        AnchorSubmission requested = onThisRegistry.members().get(0);
        requested.requestRevocation("report superseded", NOW);
        AnchorSubmission onItsWay = new AnchorSubmission(UUID.randomUUID(), null, requested.toLeaf(), NOW);
        AnchorBatch sending = batches.save(new AnchorBatch(UUID.randomUUID(), "hk.transunion",
                MerkleTree.of(List.of(onItsWay.leafHash())).root(), 1, NOW));
        onItsWay.assignTo(sending.id(), 0);
        onItsWay.requestRevocation("issued in error", NOW);
        anchors.saveAllAndFlush(List.of(requested, onItsWay));
        AnchorSubmission revokedBefore = onThisRegistry.members().get(1);

        assertThat(inScope(scope)).as("revocations asked under a root on chain, or on its way for the first time")
                .extracting(AnchorSubmission::id).containsExactly(revokedBefore.id());

        AnchorBatch lost = batches.findById(onThisRegistry.batch().id()).orElseThrow();
        lost.lost(NOW);
        batches.saveAndFlush(lost);
        assertThat(inScope(scope)).as("the chain lost their root").extracting(AnchorSubmission::id)
                .containsExactlyInAnyOrder(revokedBefore.id(), requested.id());
    }

    @Test
    void aLostBatchNamesTheScopesOfItsRevokedDocumentsOnceEach() {
        onThisRegistry.revoked(2, NOW.minusSeconds(200));
        anchors.saveAndFlush(onThisRegistry.members().get(2));

        assertThat(anchors.findRevokedScopesIn(onThisRegistry.batch().id(), REVOKED, NOW)).containsExactly(scope);
        assertThat(anchors.findRevokedUnder(31337, AnchoredBatch.REGISTRY.toUpperCase().replace("0X", "0x")))
                .extracting(AnchorSubmission::id).containsExactlyInAnyOrder(onThisRegistry.members().get(1).id(),
                        onThisRegistry.members().get(2).id());
    }

    private List<AnchorSubmission> inScope(DocumentScope scope) {
        return inScope(scope, AnchoredBatch.REGISTRY);
    }

    private List<AnchorSubmission> inScope(DocumentScope scope, String registry) {
        return anchors.findInScope(scope.issuer(), scope.documentType(), scope.subjectRef(), REVOKED, NOW, 31337, registry);
    }

    private void store(AnchoredBatch anchored) {
        batches.save(anchored.batch());
        anchors.saveAllAndFlush(anchored.members());
    }
}
