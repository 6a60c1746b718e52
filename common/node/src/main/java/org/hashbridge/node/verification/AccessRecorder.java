package org.hashbridge.node.verification;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.hashbridge.node.chain.AccessRecord;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryState;
import org.hashbridge.node.chain.WriteOutcome;
import org.hashbridge.node.config.OutboxProperties;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.node.OutageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records each answered verification on chain as an access to its consent: the consent commitment,
 * the verifier's pseudonymous key, the verdict and the SHA-256 of the receipt. The resident's home
 * node lists these without the two nodes ever talking. Runs after the answer, so a slow chain never
 * delays a bank; pending accesses survive restarts. Each round claims up to 256 pending accesses with a
 * lease ({@code FOR UPDATE SKIP LOCKED}, so two instances on one database never send the same one) and
 * writes them in one transaction, outside any database transaction; the registry records a receipt once,
 * so a batch sent again after a timeout or a crash records nothing twice. An access needs its consent on chain:
 * one whose consent is not there waits for it (see {@link #withoutConsent}), without holding up the others.
 */
@Component
class AccessRecorder {

    private static final Logger log = LoggerFactory.getLogger(AccessRecorder.class);

    private final OutageLog outage = new OutageLog(log, "recording accesses");
    private final VerificationRepository verifications;
    private final RegistryChain chain;
    private final OutboxProperties outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AccessRecorder(VerificationRepository verifications, RegistryChain chain, OutboxProperties outbox,
                   TransactionTemplate transactions, Clock clock) {
        this.verifications = verifications;
        this.chain = chain;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * The most transactions of accesses a round sends before awaiting any: a chain with block times (QBFT, or
     * anvil with {@code --block-time}) then takes a backlog at several transactions a block, where one transaction
     * awaited at a time would write at most 256 accesses a block, fewer than a node verifies.
     */
    static final int WRITES_PER_ROUND = 4;

    /**
     * Records what is pending, a round of up to {@value #WRITES_PER_ROUND} transactions of 256 accesses after another
     * while each round is full and went out whole, so a backlog is written at the chain's pace rather than one round
     * per interval.
     */
    @Scheduled(fixedDelayString = "${hashbridge.verification.access-interval:500ms}")
    void recordPending() {
        boolean full;
        do {
            full = recordRound();
        } while (full);
    }

    /** @return true when the round was full and each of its transactions recorded: more may be waiting */
    private boolean recordRound() {
        Instant now = clock.instant();
        int most = WRITES_PER_ROUND * RegistryChain.MAX_ACCESSES_PER_WRITE;
        List<Verification> claimed = transactions.execute(s -> {
            List<Verification> pending = verifications.claimPendingAccesses(now, most);
            pending.forEach(v -> v.leaseAccess(now.plus(outbox.lease())));
            return pending;
        });
        if (claimed.size() <= RegistryChain.MAX_ACCESSES_PER_WRITE) {
            return !claimed.isEmpty() && record(claimed, now) && claimed.size() == most;
        }
        int size = RegistryChain.MAX_ACCESSES_PER_WRITE;
        List<List<Verification>> batches = IntStream.range(0, (claimed.size() + size - 1) / size)
                .mapToObj(i -> claimed.subList(i * size, Math.min(claimed.size(), (i + 1) * size))).toList();
        return recordSeveral(batches, now) && claimed.size() == most;
    }

    /**
     * Sends the batches together; a batch the registry refused is then recorded as a round of its own would be
     * ({@link #record}), one the chain did not take is left pending.
     *
     * @return true when each batch was recorded in its one transaction
     */
    private boolean recordSeveral(List<List<Verification>> batches, Instant now) {
        List<WriteOutcome> outcomes;
        try {
            outcomes = chain.recordAccessBatches(batches.stream().map(b -> b.stream().map(AccessRecorder::toRecord).toList()).toList());
        } catch (ChainUnavailable e) {
            postponed(batches.stream().flatMap(List::stream).toList(), e);
            return false;
        }
        boolean all = true;
        for (int i = 0; i < batches.size(); i++) {
            try {
                recorded(batches.get(i), outcomes.get(i).get());
            } catch (ChainRejected e) {
                log.warn("the registry refused a batch of {} accesses ({})", batches.get(i).size(), e.error());
                record(batches.get(i), now);
                all = false;
            } catch (ChainUnavailable e) {
                postponed(batches.get(i), e);
                all = false;
            }
        }
        return all;
    }

    /** How a write of accesses together ended. */
    private enum Round { RECORDED, POSTPONED, REFUSED }

    /**
     * Writes the round's accesses together. When the registry takes none of them, those whose consent is not on
     * chain are set aside, the others are written together again, and one by one when that is refused too.
     *
     * @return true when all of them went out together in one transaction
     */
    private boolean record(List<Verification> claimed, Instant now) {
        Round together = together(claimed);
        if (together != Round.REFUSED) {
            return together == Round.RECORDED;
        }
        List<Verification> rest;
        try {
            rest = withConsentOnChain(claimed, now);
        } catch (ChainUnavailable e) {
            postponed(claimed, e);
            return false;
        }
        if (rest.isEmpty() || rest.size() < claimed.size() && together(rest) != Round.REFUSED) {
            return false;
        }
        log.warn("recording {} accesses one by one", rest.size());
        for (int i = 0; i < rest.size(); i++) {
            if (!recordAlone(rest.get(i), now)) {
                postponed(rest.subList(i, rest.size()), null);
                return false;
            }
        }
        return false;
    }

    private Round together(List<Verification> accesses) {
        try {
            recordTogether(accesses);
            return Round.RECORDED;
        } catch (ChainRejected e) {
            log.warn("the registry refused a batch of {} accesses ({})", accesses.size(), e.error());
            return Round.REFUSED;
        } catch (ChainUnavailable e) {
            postponed(accesses, e);
            return Round.POSTPONED;
        }
    }

    /** Writes them in one transaction, then marks them recorded. */
    private void recordTogether(List<Verification> accesses) {
        recorded(accesses, chain.recordAccesses(accesses.stream().map(AccessRecorder::toRecord).toList()));
    }

    /** Marks those still pending recorded by {@code write}, read back with one query. */
    private void recorded(List<Verification> accesses, ChainWrite write) {
        outage.available();
        transactions.executeWithoutResult(s -> verifications.findAllById(accesses.stream().map(Verification::id).toList())
                .stream().filter(current -> current.accessStatus() == Verification.AccessStatus.PENDING)
                .forEach(current -> current.accessRecorded(chain.chainId(), chain.registryAddress(), write)));
    }

    /** Sets aside the accesses whose consent is not on chain (one read per consent); the others. */
    private List<Verification> withConsentOnChain(List<Verification> accesses, Instant now) {
        RegistryState state = chain.finalState();
        Map<Hash32, Boolean> onChain = new HashMap<>();
        accesses.forEach(v -> onChain.computeIfAbsent(v.consentCommitment(), c -> state.consent(c).isPresent()));
        accesses.stream().filter(v -> !onChain.get(v.consentCommitment())).forEach(v -> withoutConsent(v, now));
        return accesses.stream().filter(v -> onChain.get(v.consentCommitment())).toList();
    }

    /**
     * An access whose consent is not on chain. One whose verification did not find the consent there either is
     * skipped, as before: a token never recorded. One whose consent was there (or may have been: the chain could not
     * be read), and one the chain lost, wait for it, tried again every audit interval: the consent's home node may
     * be writing it again after the chain lost it. They are skipped only once the consent's end (and a lease more)
     * has passed, since the registry records no consent past its end: an access the chain lost is then lost for good.
     */
    private void withoutConsent(Verification v, Instant now) {
        Optional<Instant> end = v.consentValidUntil();
        boolean neverThere = !v.lostByChain() && (!v.consentMayHaveBeenOnChain() || end.isEmpty());
        if (neverThere || end.filter(until -> now.isAfter(until.plus(outbox.lease()))).isPresent()) {
            if (v.lostByChain()) {
                log.warn("the access of verification {} cannot be recorded again: its consent ended off chain", v.id());
            }
            ifPending(v.id(), Verification::accessSkipped);
        } else {
            ifPending(v.id(), current -> current.leaseAccess(now.plus(outbox.auditInterval())));
        }
    }

    /** Records one access; false when the chain is unreachable and the round should end. */
    private boolean recordAlone(Verification v, Instant now) {
        try {
            AccessRecord access = toRecord(v);
            ChainWrite write = chain.recordAccess(access.commitment(), access.verifier(), access.receipt(), access.verified());
            outage.available();
            ifPending(v.id(), current -> current.accessRecorded(chain.chainId(), chain.registryAddress(), write));
        } catch (ChainRejected e) {
            if (e.error().equals("AccessAlreadyRecorded")) {
                // an earlier try reached the chain but not the database: the registry records a receipt once
                ifPending(v.id(), current -> current.accessRecordedBefore(chain.chainId(), chain.registryAddress(), now));
            } else if (e.error().equals("UnknownConsent")) {
                withoutConsent(v, now);
            } else if (e.error().equals("AccessLimitReached") || e.error().equals("NotTheConsentsVerifier")) {
                // a consent that already holds all the accesses it takes
                ifPending(v.id(), Verification::accessSkipped);
            } else {
                // stays pending for an operator to look at; the accesses after it still go out
                log.error("the registry refused the access of verification {}: {}", v.id(), e.error());
                ifPending(v.id(), Verification::accessReleased);
            }
        } catch (ChainUnavailable e) {
            outage.unavailable(e.getMessage());
            return false;
        }
        return true;
    }

    private void postponed(List<Verification> accesses, ChainUnavailable why) {
        if (why != null) {
            outage.unavailable(why.getMessage());
        }
        transactions.executeWithoutResult(s -> accesses.forEach(v -> ifPending(v.id(), Verification::accessReleased)));
    }

    private static AccessRecord toRecord(Verification v) {
        return new AccessRecord(v.consentCommitment(), new InstitutionId(v.verifier()).key(), receiptHash(v.receipt()),
                v.verified());
    }

    static Hash32 receiptHash(String receipt) {
        return DigestAlgorithm.SHA_256.digest(receipt.getBytes(StandardCharsets.US_ASCII)).value();
    }

    /** Applies {@code change} in its own transaction while the access is still pending. */
    private void ifPending(UUID id, Consumer<Verification> change) {
        transactions.executeWithoutResult(s -> verifications.findById(id)
                .filter(current -> current.accessStatus() == Verification.AccessStatus.PENDING)
                .ifPresent(change));
    }
}
