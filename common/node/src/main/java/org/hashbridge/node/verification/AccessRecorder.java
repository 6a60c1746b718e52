package org.hashbridge.node.verification;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.hashbridge.node.chain.AccessRecord;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.config.OutboxProperties;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
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
 * so a batch sent again after a timeout or a crash records nothing twice.
 */
@Component
class AccessRecorder {

    private static final Logger log = LoggerFactory.getLogger(AccessRecorder.class);

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

    @Scheduled(fixedDelayString = "${hashbridge.verification.access-interval:500ms}")
    void recordPending() {
        Instant now = clock.instant();
        List<Verification> claimed = transactions.execute(s -> {
            List<Verification> pending = verifications.claimPendingAccesses(now, RegistryChain.MAX_ACCESSES_PER_WRITE);
            pending.forEach(v -> v.leaseAccess(now.plus(outbox.lease())));
            return pending;
        });
        if (claimed.isEmpty()) {
            return;
        }
        try {
            ChainWrite write = chain.recordAccesses(claimed.stream().map(AccessRecorder::toRecord).toList());
            transactions.executeWithoutResult(s -> claimed.forEach(v -> ifPending(v.id(),
                    current -> current.accessRecorded(write.txHash(), write.blockNumber()))));
        } catch (ChainRejected e) {
            // the registry took none of them: find the one it refuses, record the others alone
            log.warn("the registry refused a batch of {} accesses ({}); recording them one by one", claimed.size(), e.error());
            for (int i = 0; i < claimed.size(); i++) {
                if (!recordAlone(claimed.get(i))) {
                    claimed.subList(i, claimed.size()).forEach(v -> ifPending(v.id(), Verification::accessReleased));
                    return;
                }
            }
        } catch (ChainUnavailable e) {
            log.warn("recording accesses postponed: {}", e.getMessage());
            transactions.executeWithoutResult(s -> claimed.forEach(v -> ifPending(v.id(), Verification::accessReleased)));
        }
    }

    /** Records one access; false when the chain is unreachable and the round should end. */
    private boolean recordAlone(Verification v) {
        try {
            AccessRecord access = toRecord(v);
            ChainWrite write = chain.recordAccess(access.commitment(), access.verifier(), access.receipt(), access.verified());
            ifPending(v.id(), current -> current.accessRecorded(write.txHash(), write.blockNumber()));
        } catch (ChainRejected e) {
            if (e.error().equals("AccessAlreadyRecorded")) {
                // an earlier try reached the chain but not the database: the registry records a receipt once
                ifPending(v.id(), current -> current.accessRecorded(null, null)); // by a transaction not known here
            } else if (e.error().equals("UnknownConsent") || e.error().equals("AccessLimitReached")
                    || e.error().equals("NotTheConsentsVerifier")) {
                // no consent to record against, or one that already holds all the accesses it takes
                ifPending(v.id(), Verification::accessSkipped);
            } else {
                // stays pending for an operator to look at; the accesses after it still go out
                log.error("the registry refused the access of verification {}: {}", v.id(), e.error());
                ifPending(v.id(), Verification::accessReleased);
            }
        } catch (ChainUnavailable e) {
            log.warn("recording accesses postponed: {}", e.getMessage());
            return false;
        }
        return true;
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
