package org.hashbridge.node.anchoring;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryState;
import org.hashbridge.node.config.ChainLossAudit;
import org.hashbridge.node.config.ChainProperties;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notices a chain that lost roots this node anchored and has them written again ({@link ChainLossAudit}): every
 * anchored batch whose root is missing goes back to the outbox, to be anchored again with the same root, so the
 * vouchers already issued hold again; its revoked leaves are revoked again right after. A leaf revocation the
 * chain lost under a root it still holds is written again too. Reported on {@code /actuator/health} as
 * {@code anchorsOnChain}: OUT_OF_SERVICE while roots are missing, with those held back (see
 * {@link AnchorBatches#claim()}).
 */
@Component("anchorsOnChain")
class AnchorsOnChain extends ChainLossAudit<AnchorBatch> {

    private static final Logger log = LoggerFactory.getLogger(AnchorsOnChain.class);

    private final AnchorBatchRepository batches;
    private final AnchorRepository anchors;

    AnchorsOnChain(AnchorBatchRepository batches, AnchorRepository anchors, RegistryChain chain,
                   ChainProperties chainProperties, TransactionTemplate transactions, Clock clock) {
        super("roots", chain, chainProperties, transactions, clock);
        this.batches = batches;
        this.anchors = anchors;
    }

    @Override
    protected List<AnchorBatch> newest() {
        return batches.findFirst2ByStatusAndChainIdAndRegistryIgnoreCaseOrderByBlockNumberDesc(AnchorBatch.Status.ANCHORED,
                chain.chainId(), chain.registryAddress());
    }

    @Override
    protected long block(AnchorBatch batch) {
        return batch.blockNumber().orElseThrow();
    }

    @Override
    protected boolean onChain(RegistryState state, AnchorBatch batch) {
        return state.anchor(issuerKey(batch.issuer()), batch.root()).isPresent();
    }

    /** Every anchored batch whose root the chain does not hold goes back to the outbox, then lost revocations. */
    @Override
    protected int putBack(RegistryState state, boolean chainWentBack, Instant now) {
        List<AnchorBatch> anchored = transactions.execute(status -> batches
                .findByStatusAndChainIdAndRegistryIgnoreCaseOrderByBlockNumberAsc(AnchorBatch.Status.ANCHORED,
                        chain.chainId(), chain.registryAddress()));
        int lost = 0;
        for (AnchorBatch batch : anchored) {
            if (readable(block(batch), state, chainWentBack) && !onChain(state, batch) && changeAlone(() -> lost(batch.id(), now))) {
                lost++;
            }
        }
        putBackRevocations(state);
        return lost;
    }

    private boolean lost(UUID batchId, Instant now) {
        AnchorBatch batch = batches.findById(batchId).orElseThrow();
        if (batch.status() != AnchorBatch.Status.ANCHORED) {
            return false;
        }
        batch.lost(now);
        return true;
    }

    /**
     * A chain restored from an older copy can hold a root but not a revocation made under it later: the leaf is
     * revoked again. (The revocations under the roots it lost are written again once the root is back.)
     */
    private void putBackRevocations(RegistryState state) {
        List<AnchorSubmission> revoked = transactions.execute(status -> anchors.findRevokedUnder(chain.chainId(),
                chain.registryAddress()));
        int lost = 0;
        for (AnchorSubmission leaf : revoked) {
            Hash32 root = leaf.root().orElseThrow();
            if (state.anchor(issuerKey(leaf.issuer()), root).isPresent()
                    && state.leafRevokedAt(issuerKey(leaf.issuer()), root, leaf.leafHash()).isEmpty()
                    && changeAlone(() -> revocationLost(leaf.id()))) {
                lost++;
            }
        }
        if (lost > 0) {
            log.error("the chain lost {} leaf revocations under roots it still holds; revoking them again", lost);
        }
    }

    private boolean revocationLost(UUID submissionId) {
        AnchorSubmission leaf = anchors.findById(submissionId).orElseThrow();
        if (leaf.status() != AnchorStatus.REVOKED) {
            return false;
        }
        leaf.revocationLost();
        return true;
    }

    @Override
    protected Losses losses() {
        return new Losses(batches.countByLostAtIsNotNull(), "roots this node anchored; they are being anchored again",
                batches.countByRewrittenAtIsNotNull(), new SetAside("rootsHeldBack", batches
                .countByLostAtIsNotNullAndLastErrorStartingWith(AnchorBatches.HELD_BACK), "heldBackReason", "each holds a"
                + " revoked document that would verify, until its revocation follows, with a consent of its scope"
                + " authorised on chain"));
    }


    private static Hash32 issuerKey(String issuer) {
        return new InstitutionId(issuer).key();
    }
}
