package org.hashbridge.node.verification;

import java.nio.charset.StandardCharsets;
import org.hashbridge.node.chain.AccessRecord;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records each answered verification on chain as an access to its consent: the consent commitment,
 * the verifier's pseudonymous key, the verdict and the SHA-256 of the receipt. The resident's home
 * node lists these without the two nodes ever talking. Runs after the answer, so a slow chain never
 * delays a bank; pending accesses survive restarts. Up to 256 accesses go in one transaction.
 */
@Component
class AccessRecorder {

    private static final Logger log = LoggerFactory.getLogger(AccessRecorder.class);

    private final VerificationRepository verifications;
    private final RegistryChain chain;
    private final TransactionTemplate transactions;

    AccessRecorder(VerificationRepository verifications, RegistryChain chain, TransactionTemplate transactions) {
        this.verifications = verifications;
        this.chain = chain;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelayString = "${hashbridge.verification.access-interval:500ms}")
    void recordPending() {
        var pending = transactions.execute(s -> verifications.findByAccessStatusOrderByVerifiedAtAsc(
                Verification.AccessStatus.PENDING, Limit.of(RegistryChain.MAX_ACCESSES_PER_WRITE)));
        if (pending.isEmpty()) {
            return;
        }
        try {
            ChainWrite write = chain.recordAccesses(pending.stream().map(AccessRecorder::toRecord).toList());
            transactions.executeWithoutResult(s -> pending.forEach(v -> reload(v).accessRecorded(write.txHash())));
        } catch (ChainRejected e) {
            // the registry took none of them: find the one it refuses, record the others alone
            log.warn("the registry refused a batch of {} accesses ({}); recording them one by one", pending.size(), e.error());
            for (Verification v : pending) {
                if (!recordAlone(v)) {
                    return;
                }
            }
        } catch (ChainUnavailable e) {
            log.warn("recording accesses postponed: {}", e.getMessage());
        }
    }

    /** Records one access; false when the chain is unreachable and the round should end. */
    private boolean recordAlone(Verification v) {
        try {
            AccessRecord access = toRecord(v);
            ChainWrite write = chain.recordAccess(access.commitment(), access.verifier(), access.receipt(), access.verified());
            update(v, current -> current.accessRecorded(write.txHash()));
        } catch (ChainRejected e) {
            if (e.error().equals("AccessAlreadyRecorded")) {
                // an earlier try reached the chain but not the database: the registry records a receipt once
                update(v, current -> current.accessRecorded(null)); // recorded by a transaction not known here
            } else if (e.error().equals("UnknownConsent") || e.error().equals("AccessLimitReached")
                    || e.error().equals("NotTheConsentsVerifier")) {
                // no consent to record against, or one that already holds all the accesses it takes
                update(v, Verification::accessSkipped);
            } else {
                // stays pending for an operator to look at; the accesses after it still go out
                log.error("the registry refused the access of verification {}: {}", v.id(), e.error());
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

    private void update(Verification v, java.util.function.Consumer<Verification> change) {
        transactions.executeWithoutResult(s -> change.accept(reload(v)));
    }

    private Verification reload(Verification v) {
        return verifications.findById(v.id()).orElseThrow();
    }
}
