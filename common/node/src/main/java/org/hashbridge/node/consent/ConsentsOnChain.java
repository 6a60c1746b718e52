package org.hashbridge.node.consent;

import java.time.Clock;
import java.time.Instant;
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
 * Notices a chain that lost consents this node recorded and has them written again: each audit checks
 * that the newest consent recorded on the configured registry is still there (and that the chain has not
 * fallen behind a block this node saw); when it is not, every unexpired consent missing on chain goes back
 * to the outbox: an authorised one becomes PENDING and is recorded again, a revoked one becomes REVOKING and
 * is recorded and revoked again. Reported on {@code /actuator/health} as {@code consentsOnChain}:
 * OUT_OF_SERVICE while consents are missing.
 */
@Component("consentsOnChain")
class ConsentsOnChain implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ConsentsOnChain.class);
    /** What the chain holds of a consent in these statuses: its commitment, authorised or revoked. */
    private static final List<ConsentStatus> ON_CHAIN = List.of(ConsentStatus.AUTHORISED, ConsentStatus.REVOKED);

    private final ConsentRepository consents;
    private final RegistryChain chain;
    private final int confirmations;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ConsentsOnChain(ConsentRepository consents, RegistryChain chain, ChainProperties chainProperties,
                    TransactionTemplate transactions, Clock clock) {
        this.consents = consents;
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
                log.error("the chain lost {} consents this node recorded; recording them again", lost);
            }
        } catch (ChainUnavailable e) {
            log.debug("consents not audited: {}", e.getMessage());
        }
    }

    private enum Loss { NONE, NEWEST_MISSING, CHAIN_WENT_BACK }

    /** The database is read before the chain, so every consent it shows was recorded before the chain is read. */
    private Loss findLoss() {
        List<Consent> newestFirst = transactions.execute(status -> consents
                .findFirst2ByStatusInAndChainIdAndRegistryIgnoreCaseOrderByBlockNumberDesc(ON_CHAIN, chain.chainId(),
                        chain.registryAddress()));
        if (newestFirst.isEmpty()) {
            return Loss.NONE;
        }
        RegistryState state = chain.finalState();
        if (newestFirst.get(0).blockNumber().orElseThrow() > state.block() + confirmations) {
            return Loss.CHAIN_WENT_BACK; // recorded in a block after the chain's head
        }
        Optional<Consent> newestFinal = newestFirst.stream()
                .filter(consent -> consent.blockNumber().orElseThrow() <= state.block()).findFirst();
        return newestFinal.isPresent() && state.consent(newestFinal.get().commitment()).isEmpty()
                ? Loss.NEWEST_MISSING : Loss.NONE;
    }

    /** Every unexpired consent whose commitment the chain does not hold is written again. */
    private int markMissing(boolean chainWentBack) {
        Instant now = clock.instant();
        List<Consent> recorded = transactions.execute(status -> consents
                .findByStatusInAndChainIdAndRegistryIgnoreCaseAndValidUntilAfter(ON_CHAIN, chain.chainId(),
                        chain.registryAddress(), now));
        RegistryState state = chain.finalState();
        int lost = 0;
        for (Consent consent : recorded) {
            boolean readable = chainWentBack || consent.blockNumber().orElseThrow() <= state.block();
            if (readable && state.consent(consent.commitment()).isEmpty() && markLost(consent.id(), now)) {
                lost++;
            }
        }
        return lost;
    }

    private boolean markLost(UUID consentId, Instant now) {
        try {
            return Boolean.TRUE.equals(transactions.execute(status -> {
                Consent consent = consents.findById(consentId).orElseThrow();
                if (!ON_CHAIN.contains(consent.status())) {
                    return false;
                }
                consent.lost(now);
                return true;
            }));
        } catch (ConcurrencyFailureException e) {
            return false; // another instance marked it, or the resident is revoking it
        }
    }

    @Override
    public Health health() {
        long missing = consents.countByLostAtIsNotNull();
        long rewritten = consents.countByRewrittenAtIsNotNull();
        if (missing > 0) {
            return Health.outOfService().withDetail("reason", "the chain lost " + missing
                    + " consents this node recorded; they are being recorded again").withDetail("consentsMissing", missing)
                    .withDetail("consentsWrittenAgain", rewritten).build();
        }
        return Health.up().withDetail("consentsWrittenAgain", rewritten).build();
    }
}
