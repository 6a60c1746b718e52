package org.hashbridge.node.anchoring;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.WriteOutcome;
import org.hashbridge.node.OutageLog;
import org.hashbridge.protocol.InstitutionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The anchoring outbox. Each round forms batches from pending submissions (members and root stored before
 * anything is sent), then sends the roots of the batches it claims all at once (one block can take them all)
 * and completes each batch whose root's {@code RootAnchored} event is on chain. A batch is never recomposed: a
 * retry after a timeout or a crash sends the same root, and {@code RootAlreadyAnchored} completes it from the
 * chain's record, so no leaf is anchored twice and no root is left without vouchers, even when a timed-out
 * transaction is mined later.
 *
 * <p>Each batch completed counts its leaves in the distribution {@code hashbridge.anchoring.batch.size} and the
 * time from its forming (its submissions' arrival, give or take one round) to its block in the timer
 * {@code hashbridge.anchoring.latency}.
 */
@Component
class AnchoringWorker {

    private static final Logger log = LoggerFactory.getLogger(AnchoringWorker.class);

    private final OutageLog outage = new OutageLog(log, "anchoring");
    private final AnchorBatches batches;
    private final RegistryChain chain;
    private final DistributionSummary batchSize;
    private final Timer latency;

    AnchoringWorker(AnchorBatches batches, RegistryChain chain, MeterRegistry meters) {
        this.batches = batches;
        this.chain = chain;
        this.batchSize = DistributionSummary.builder("hashbridge.anchoring.batch.size").baseUnit("leaves")
                .description("documents under one root anchored").publishPercentileHistogram().register(meters);
        this.latency = Timer.builder("hashbridge.anchoring.latency")
                .description("from a batch's forming to the block that holds its root").publishPercentileHistogram()
                .register(meters);
    }

    /** Whatever stops a batch's attempt, it stays SENDING and is tried again in a later round. */
    @Scheduled(fixedDelayString = "${hashbridge.anchoring.batch-interval:500ms}")
    void anchorPending() {
        batches.form();
        List<AnchorBatch> claimed = batches.claim();
        if (claimed.isEmpty()) {
            return;
        }
        List<WriteOutcome> outcomes;
        try {
            outcomes = chain.anchorRoots(claimed.stream().map(batch -> new RegistryChain.RootToAnchor(
                    new InstitutionId(batch.issuer()).key(), batch.root(), batch.leafCount())).toList());
        } catch (ChainUnavailable e) {
            claimed.forEach(batch -> batches.postpone(batch.id(), e.getMessage()));
            outage.unavailable(e.getMessage());
            log.debug("anchoring {} batches postponed: {}", claimed.size(), e.getMessage());
            return;
        }
        boolean answered = true;
        for (int i = 0; i < claimed.size(); i++) {
            answered &= settle(claimed.get(i), outcomes.get(i));
        }
        if (answered) {
            outage.available();
        }
    }

    /**
     * Completes the batch whose root is on chain; postpones it otherwise.
     *
     * @return false when the chain could not be reached
     */
    private boolean settle(AnchorBatch batch, WriteOutcome outcome) {
        try {
            Optional<ChainWrite> write = written(batch, outcome);
            if (write.isEmpty()) {
                batches.postpone(batch.id(), "RootAlreadyAnchored, not final yet");
                return true;
            }
            batches.complete(batch.id(), write.get());
            batchSize.record(batch.leafCount());
            // a block's time is to the second: a batch formed in the second of its block took no time
            Duration waited = Duration.between(batch.createdAt(), write.get().blockTime());
            latency.record(waited.isNegative() ? Duration.ZERO : waited);
            log.info("anchored {} leaves for {} under root {} in block {}", batch.leafCount(), batch.issuer(),
                    batch.root(), write.get().blockNumber());
        } catch (ChainUnavailable e) {
            batches.postpone(batch.id(), e.getMessage());
            outage.unavailable(e.getMessage());
            log.debug("anchoring {} leaves for {} postponed: {}", batch.leafCount(), batch.issuer(), e.getMessage());
            return false;
        } catch (ChainRejected e) {
            batches.postpone(batch.id(), e.error());
            log.error("the registry refused root {} for {}: {}; the batch stays pending", batch.root(), batch.issuer(),
                    e.error());
        }
        return true;
    }

    /** The write that put the batch's root on chain, empty when it is there but not final yet. */
    private Optional<ChainWrite> written(AnchorBatch batch, WriteOutcome outcome) {
        try {
            return Optional.of(outcome.get());
        } catch (ChainRejected e) {
            if (e.error().equals("RootAlreadyAnchored")) {
                // an earlier attempt (of this instance or another, before a timeout or a crash) got through
                return chain.anchorWrite(new InstitutionId(batch.issuer()).key(), batch.root());
            }
            throw e;
        }
    }
}
