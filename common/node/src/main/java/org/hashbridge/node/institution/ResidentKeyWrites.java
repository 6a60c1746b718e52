package org.hashbridge.node.institution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.hashbridge.node.OutageLog;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.ResidentKeyOnChain;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.node.config.OutboxProperties;
import org.hashbridge.protocol.InvalidInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The resident key outbox: sends a stored registration's write (bind, replace, start a recovery; complete it) outside
 * any database transaction and completes the row only once the chain has it. Requests call it and wait a bounded
 * time; every {@code hashbridge.outbox.retry-interval} it also takes up the writes nobody is sending. A retry is safe:
 * a registry's refusal makes it read the binding back, and a write an earlier attempt got through counts as done.
 */
@Component
class ResidentKeyWrites {

    private static final Logger log = LoggerFactory.getLogger(ResidentKeyWrites.class);
    private static final int CLAIM = 32;
    /** The registry's {@code RESIDENT_KEY_RECOVERY_DELAY}, for a recovery whose start is not readable yet. */
    static final Duration RECOVERY_DELAY = Duration.ofDays(7);

    private final OutageLog outage = new OutageLog(log, "writing resident keys");
    private final KeyRegistrationRepository registrations;
    private final RegistryChain chain;
    private final NodeProperties node;
    private final OutboxProperties outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ResidentKeyWrites(KeyRegistrationRepository registrations, RegistryChain chain, NodeProperties node,
                      OutboxProperties outbox, TransactionTemplate transactions, Clock clock) {
        this.registrations = registrations;
        this.chain = chain;
        this.node = node;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${hashbridge.outbox.retry-interval:1s}")
    void writePending() {
        Instant now = clock.instant();
        List<UUID> claimed = transactions.execute(tx -> registrations.claim(now, CLAIM).stream()
                .peek(r -> r.lease(now.plus(outbox.lease()))).map(KeyRegistration::id).toList());
        claimed.forEach(this::write);
    }

    /**
     * Sends the registration's write; the caller holds its lease.
     *
     * @return its status afterwards: BOUND, RECOVERING (a recovery started, or one not due yet), FAILED, CANCELLED, or
     *         PENDING / COMPLETING while the chain has not answered
     */
    KeyRegistration.Status write(UUID id) {
        KeyRegistration registration = transactions.execute(tx -> registrations.findById(id).orElseThrow());
        KeyRegistration.Status status = registration.status();
        if (status != KeyRegistration.Status.PENDING && status != KeyRegistration.Status.COMPLETING) {
            return status;
        }
        try {
            ChainWrite write = send(registration);
            outage.available();
            return written(registration, write);
        } catch (ChainRejected e) {
            outage.available();
            return refused(registration, e.error());
        } catch (InvalidInput e) {
            log.warn("resident key registration {}: the approval cannot be put in the registry's form", id);
            return update(id, status, r -> r.failed("MalformedApproval"));
        } catch (ChainUnavailable e) {
            outage.unavailable(e.getMessage());
            return update(id, status, KeyRegistration::released);
        }
    }

    private ChainWrite send(KeyRegistration r) {
        if (r.status() == KeyRegistration.Status.COMPLETING) {
            return chain.completeResidentKeyRecovery(r.binding());
        }
        return switch (r.how()) {
            case BIND -> chain.bindResidentKey(r.binding(), r.keyHash());
            case REPLACE -> chain.replaceResidentKey(node.jurisdiction(), r.binding(), r.keyHash(), r.replacement().orElseThrow());
            case RECOVERY -> chain.startResidentKeyRecovery(r.binding(), r.keyHash());
        };
    }

    private KeyRegistration.Status written(KeyRegistration r, ChainWrite write) {
        if (r.how() == KeyRegistration.How.RECOVERY && r.status() == KeyRegistration.Status.PENDING) {
            Instant due = write.blockTime().plus(RECOVERY_DELAY);
            return update(r.id(), r.status(), x -> x.recoveryStarted(due));
        }
        KeyRegistration.Status status = update(r.id(), r.status(),
                x -> x.bound(chain.chainId(), chain.registryAddress(), Optional.of(write), clock.instant()));
        cancelOtherRecoveries(r);
        return status;
    }

    /**
     * The registry refused: an earlier attempt may have got through (the binding then shows this key), a recovery may
     * not be due or may be gone; anything else fails it for good.
     */
    private KeyRegistration.Status refused(KeyRegistration r, String error) {
        Optional<ResidentKeyOnChain> onChain;
        try {
            onChain = chain.residentKey(node.jurisdiction(), r.binding());
        } catch (ChainUnavailable e) {
            return update(r.id(), r.status(), KeyRegistration::released);
        }
        boolean ours = onChain.filter(k -> k.keyHash().equals(r.keyHash())).isPresent();
        if (r.status() == KeyRegistration.Status.COMPLETING) {
            if (error.equals("RecoveryNotDue")) {
                return update(r.id(), r.status(), KeyRegistration::notDue);
            }
            if (ours) {
                return bound(r);
            }
            return update(r.id(), r.status(), error.equals("NoResidentKeyRecovery") ? KeyRegistration::cancelled
                    : x -> x.failed(error));
        }
        if (r.how() == KeyRegistration.How.RECOVERY) {
            Optional<ResidentKeyOnChain> started = onChain.filter(k -> k.pendingKey().equals(Optional.of(r.keyHash())));
            if (started.isPresent()) {
                return update(r.id(), r.status(), x -> x.recoveryStarted(started.get().recoverableAt().orElseThrow()));
            }
        } else if (ours) {
            return bound(r);
        }
        if (error.equals("ResidentKeyAlreadyBound") && onChain.isEmpty()) {
            return update(r.id(), r.status(), KeyRegistration::released); // bound by an attempt not final yet
        }
        log.warn("the registry refused resident key registration {}: {}", r.id(), error);
        return update(r.id(), r.status(), x -> x.failed(error));
    }

    private KeyRegistration.Status bound(KeyRegistration r) {
        KeyRegistration.Status status = update(r.id(), r.status(),
                x -> x.bound(chain.chainId(), chain.registryAddress(), Optional.empty(), clock.instant()));
        cancelOtherRecoveries(r);
        return status;
    }

    /** A key bound by a replacement ends the recovery the registry had pending for the binding. */
    private void cancelOtherRecoveries(KeyRegistration bound) {
        transactions.executeWithoutResult(tx -> registrations.findFirstBySubjectIdAndStatusInOrderByRequestedAtDesc(
                        bound.subjectId(), List.of(KeyRegistration.Status.RECOVERING))
                .filter(other -> !other.id().equals(bound.id())).ifPresent(KeyRegistration::cancelled));
    }

    /** Applies {@code change} if the registration is still in {@code expected}. */
    private KeyRegistration.Status update(UUID id, KeyRegistration.Status expected, Consumer<KeyRegistration> change) {
        return transactions.execute(tx -> {
            KeyRegistration current = registrations.findById(id).orElseThrow();
            if (current.status() == expected) {
                change.accept(current);
            }
            return current.status();
        });
    }
}
