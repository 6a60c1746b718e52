package org.hashbridge.node.anchoring;

import java.util.List;
import java.util.Optional;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.protocol.InstitutionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The anchoring outbox. Each round forms batches from pending submissions (members and root stored before
 * anything is sent), then sends the root of each batch it claims and completes the batch once the root's
 * {@code RootAnchored} event is on chain. A batch is never recomposed: a retry after a timeout or a crash
 * sends the same root, and {@code RootAlreadyAnchored} completes it from the chain's record, so no leaf is
 * anchored twice and no root is left without vouchers, even when a timed-out transaction is mined later.
 */
@Component
class AnchoringWorker {

    private static final Logger log = LoggerFactory.getLogger(AnchoringWorker.class);

    private final AnchorBatches batches;
    private final RegistryChain chain;

    AnchoringWorker(AnchorBatches batches, RegistryChain chain) {
        this.batches = batches;
        this.chain = chain;
    }

    /** A chain that does not answer ends the round: the batches not tried yet are released for the next one. */
    @Scheduled(fixedDelayString = "${hashbridge.anchoring.batch-interval:500ms}")
    void anchorPending() {
        batches.form();
        List<AnchorBatch> claimed = batches.claim();
        for (int i = 0; i < claimed.size(); i++) {
            if (!send(claimed.get(i))) {
                claimed.subList(i + 1, claimed.size()).forEach(rest -> batches.postpone(rest.id(), "round ended: chain unavailable"));
                return;
            }
        }
    }

    /**
     * One attempt; whatever stops it, the batch stays SENDING and is tried again.
     *
     * @return false when the chain could not be reached
     */
    private boolean send(AnchorBatch batch) {
        try {
            Optional<ChainWrite> write = anchorOnce(batch);
            if (write.isEmpty()) {
                batches.postpone(batch.id(), "RootAlreadyAnchored, not final yet");
                return true;
            }
            batches.complete(batch.id(), write.get());
            log.info("anchored {} leaves for {} under root {} in block {}", batch.leafCount(), batch.issuer(),
                    batch.root(), write.get().blockNumber());
        } catch (ChainUnavailable e) {
            batches.postpone(batch.id(), e.getMessage());
            log.warn("anchoring {} leaves for {} postponed: {}", batch.leafCount(), batch.issuer(), e.getMessage());
            return false;
        } catch (ChainRejected e) {
            batches.postpone(batch.id(), e.error());
            log.error("the registry refused root {} for {}: {}; the batch stays pending", batch.root(), batch.issuer(),
                    e.error());
        }
        return true;
    }

    /** The write that put the batch's root on chain, empty when it is there but not final yet. */
    private Optional<ChainWrite> anchorOnce(AnchorBatch batch) {
        try {
            return Optional.of(chain.anchorRoot(new InstitutionId(batch.issuer()).key(), batch.root(), batch.leafCount()));
        } catch (ChainRejected e) {
            if (e.error().equals("RootAlreadyAnchored")) {
                // an earlier attempt (of this instance or another, before a timeout or a crash) got through
                return chain.anchorWrite(new InstitutionId(batch.issuer()).key(), batch.root());
            }
            throw e;
        }
    }
}
