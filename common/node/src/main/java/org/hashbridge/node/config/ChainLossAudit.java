package org.hashbridge.node.config;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit each kind of chain write shares (roots, consents, accesses): it notices a chain that lost writes
 * of that kind this node made (a chain reset, or one restored from an older copy) and has them written again.
 * Every {@code hashbridge.outbox.audit-interval} it reads the newest writes on the configured registry from the
 * database first, then the chain, so every write the database shows was mined before the chain is read. The
 * chain lost state when the newest write at or below the final block is missing, or when a write was mined in
 * a block after the chain's head (the chain went back). Only then is every write of that kind read back
 * ({@link #putBack}): while nothing is lost an audit costs two rows and one chain read. A chain that cannot be
 * read is not taken for a loss. Its health (the component is named after the bean) says what is missing.
 *
 * @param <W> one write, as the row that stores it
 */
public abstract class ChainLossAudit<W> implements HealthIndicator {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String writes;
    private final int confirmations;
    protected final RegistryChain chain;
    protected final TransactionTemplate transactions;
    protected final Clock clock;

    /** @param writes what the writes are, for the log and the health details: "roots", "consents", "accesses" */
    protected ChainLossAudit(String writes, RegistryChain chain, ChainProperties chainProperties,
                             TransactionTemplate transactions, Clock clock) {
        this.writes = writes;
        this.confirmations = chainProperties.confirmations();
        this.chain = chain;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${hashbridge.outbox.audit-interval:30s}",
            initialDelayString = "${hashbridge.outbox.audit-interval:30s}")
    public void audit() {
        try {
            Loss loss = findLoss();
            if (loss != Loss.NONE) {
                int lost = putBack(chain.finalState(), loss == Loss.CHAIN_WENT_BACK, clock.instant());
                if (lost > 0) {
                    log.error("the chain lost {} {} this node wrote; writing them again", lost, writes);
                }
            }
        } catch (ChainUnavailable e) {
            log.debug("{} not audited: {}", writes, e.getMessage());
        }
    }

    private enum Loss { NONE, NEWEST_MISSING, CHAIN_WENT_BACK }

    private Loss findLoss() {
        List<W> newestFirst = transactions.execute(status -> newest());
        if (newestFirst.isEmpty()) {
            return Loss.NONE;
        }
        RegistryState state = chain.finalState();
        if (block(newestFirst.get(0)) > state.block() + confirmations) {
            return Loss.CHAIN_WENT_BACK; // mined in a block after the chain's head
        }
        Optional<W> newestFinal = newestFirst.stream().filter(write -> block(write) <= state.block()).findFirst();
        return newestFinal.isPresent() && !onChain(state, newestFinal.get()) ? Loss.NEWEST_MISSING : Loss.NONE;
    }

    /**
     * The newest writes of this kind on the configured registry that the chain should hold, newest first: two,
     * since the newest may not be final yet. Called in a transaction.
     */
    protected abstract List<W> newest();

    /** The block that holds {@code write}. */
    protected abstract long block(W write);

    /** Whether the chain holds {@code write} as of {@code state}'s block. */
    protected abstract boolean onChain(RegistryState state, W write);

    /**
     * Puts every write of this kind that the chain does not hold back in its outbox, or marks it as one that
     * cannot be written again.
     *
     * @param chainWentBack true when the chain is behind a block this node saw: every write it does not hold is
     *                      lost, final or not
     * @return how many writes the chain lost
     */
    protected abstract int putBack(RegistryState state, boolean chainWentBack, Instant now);

    /** Whether the chain can show a write mined in {@code block} yet: not before that block is final. */
    protected static boolean readable(long block, RegistryState state, boolean chainWentBack) {
        return chainWentBack || block <= state.block();
    }

    /**
     * Runs {@code change} in a transaction of its own.
     *
     * @return what it returned; false when another instance (or a request) changed the row first
     */
    protected final boolean changeAlone(Supplier<Boolean> change) {
        try {
            return Boolean.TRUE.equals(transactions.execute(status -> change.get()));
        } catch (ConcurrencyFailureException e) {
            return false;
        }
    }

    /**
     * OUT_OF_SERVICE while writes the chain lost are missing (being written again), UP otherwise; with how many are
     * missing, how many were written again and, when some are set aside, how many and why.
     */
    @Override
    public Health health() {
        Losses losses = losses();
        Health.Builder health = losses.missing() > 0 ? Health.outOfService()
                .withDetail("reason", "the chain lost " + losses.missing() + " " + losses.beingWrittenAgain()) : Health.up();
        health.withDetail(writes + "Missing", losses.missing());
        SetAside aside = losses.setAside();
        if (aside != null && aside.count() > 0) {
            health.withDetail(aside.name(), aside.count()).withDetail(aside.reasonName(), aside.reason());
        }
        return health.withDetail(writes + "WrittenAgain", losses.writtenAgain()).build();
    }

    /** What the health of this kind of writes shows, read from the database. */
    protected abstract Losses losses();

    /**
     * The writes the chain lost.
     *
     * @param missing           how many are being written again
     * @param beingWrittenAgain what happens to them, after "the chain lost N": "roots this node anchored; ..."
     * @param writtenAgain      how many were written again
     * @param setAside          those that wait, or can never be written again, and why; null when there are none of
     *                          that kind
     */
    public record Losses(long missing, String beingWrittenAgain, long writtenAgain, SetAside setAside) {
    }

    /**
     * Writes the chain lost that are not being written now.
     *
     * @param name       the health detail that counts them ("rootsHeldBack")
     * @param reasonName the health detail that says why ("heldBackReason")
     */
    public record SetAside(String name, long count, String reasonName, String reason) {
    }
}
