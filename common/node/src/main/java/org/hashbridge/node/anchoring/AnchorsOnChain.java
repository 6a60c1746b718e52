package org.hashbridge.node.anchoring;

import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryState;
import org.hashbridge.node.config.ChainProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notices a chain that lost roots this node anchored (a chain reset, or one restored from an older copy)
 * and has them written again: each audit checks that the newest batch anchored on the configured registry
 * is still there (and that the chain has not fallen behind a block this node saw); when it is not, every
 * anchored batch whose root is missing goes back to the outbox, to be anchored again with the same root, so
 * the vouchers already issued hold again. Its revoked leaves are revoked again right after. Reported on
 * {@code /actuator/health} as {@code anchorsOnChain}: OUT_OF_SERVICE while roots are missing.
 */
@Component("anchorsOnChain")
class AnchorsOnChain implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(AnchorsOnChain.class);

    private final AnchorBatchRepository batches;
    private final RegistryChain chain;
    private final int confirmations;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AnchorsOnChain(AnchorBatchRepository batches, RegistryChain chain, ChainProperties chainProperties,
                   TransactionTemplate transactions, Clock clock) {
        this.batches = batches;
        this.chain = chain;
        this.confirmations = chainProperties.confirmations();
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${hashbridge.outbox.audit-interval:30s}",
            initialDelayString = "${hashbridge.outbox.audit-interval:30s}")
    void audit() {
        try {
            Loss loss = findLoss();
            if (loss != Loss.NONE) {
                int lost = markMissing(loss == Loss.CHAIN_WENT_BACK);
                log.error("the chain lost {} roots this node anchored; anchoring them again", lost);
            }
        } catch (ChainUnavailable e) {
            log.debug("anchors not audited: {}", e.getMessage());
        }
    }

    private enum Loss { NONE, NEWEST_MISSING, CHAIN_WENT_BACK }

    /**
     * The database is read before the chain, so every batch it shows was mined before the chain is read:
     * on an intact chain, the newest one at or below the final block is there.
     */
    private Loss findLoss() {
        AnchorBatch.Status anchored = AnchorBatch.Status.ANCHORED;
        List<AnchorBatch> newestFirst = transactions.execute(status -> batches
                .findFirst2ByStatusAndChainIdAndRegistryIgnoreCaseOrderByBlockNumberDesc(anchored, chain.chainId(),
                        chain.registryAddress()));
        if (newestFirst.isEmpty()) {
            return Loss.NONE;
        }
        RegistryState state = chain.finalState();
        if (newestFirst.get(0).blockNumber().orElseThrow() > state.block() + confirmations) {
            return Loss.CHAIN_WENT_BACK; // mined in a block after the chain's head
        }
        Optional<AnchorBatch> newestFinal = newestFirst.stream()
                .filter(batch -> batch.blockNumber().orElseThrow() <= state.block()).findFirst();
        return newestFinal.isPresent() && state.anchor(issuerKey(newestFinal.get()), newestFinal.get().root()).isEmpty() ? Loss.NEWEST_MISSING : Loss.NONE;
    }

    /** Every anchored batch whose root the chain does not hold goes back to the outbox. */
    private int markMissing(boolean chainWentBack) {
        List<AnchorBatch> anchored = transactions.execute(status -> batches
                .findByStatusAndChainIdAndRegistryIgnoreCaseOrderByBlockNumberAsc(AnchorBatch.Status.ANCHORED,
                        chain.chainId(), chain.registryAddress()));
        RegistryState state = chain.finalState();
        int lost = 0;
        for (AnchorBatch batch : anchored) {
            boolean readable = chainWentBack || batch.blockNumber().orElseThrow() <= state.block();
            if (readable && state.anchor(issuerKey(batch), batch.root()).isEmpty() && markLost(batch.id())) {
                lost++;
            }
        }
        return lost;
    }

    private boolean markLost(UUID batchId) {
        try {
            return Boolean.TRUE.equals(transactions.execute(status -> {
                AnchorBatch batch = batches.findById(batchId).orElseThrow();
                if (batch.status() != AnchorBatch.Status.ANCHORED) {
                    return false;
                }
                batch.lost(clock.instant());
                return true;
            }));
        } catch (ConcurrencyFailureException e) {
            return false; // another instance marked it
        }
    }

    @Override
    public Health health() {
        long missing = batches.countByLostAtIsNotNull();
        long rewritten = batches.countByRewrittenAtIsNotNull();
        if (missing > 0) {
            return Health.outOfService().withDetail("reason", "the chain lost " + missing
                    + " roots this node anchored; they are being anchored again").withDetail("rootsMissing", missing)
                    .withDetail("rootsWrittenAgain", rewritten).build();
        }
        return Health.up().withDetail("rootsWrittenAgain", rewritten).build();
    }

    private static Hash32 issuerKey(AnchorBatch batch) {
        return new InstitutionId(batch.issuer()).key();
    }
}
