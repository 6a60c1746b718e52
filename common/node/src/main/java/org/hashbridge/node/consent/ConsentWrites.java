package org.hashbridge.node.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.hashbridge.node.DocumentScope;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.ConsentOnChain;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.config.OutboxProperties;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.node.OutageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The consent outbox: writes a stored consent's commitment ({@code recordConsent}) and a requested
 * revocation ({@code revokeConsent}) on chain, outside any database transaction, and completes the row
 * only once the chain has the write. Requests call it and wait a bounded time; every
 * {@code hashbridge.outbox.retry-interval} it also takes up the writes nobody is sending (a slow chain,
 * a crash, another instance whose lease ran out). Retries are safe: {@code ConsentAlreadyRecorded} and
 * {@code ConsentNotAuthorised} make it read the outcome back from the chain.
 *
 * <p>A consent is recorded (for the first time, or again after the chain lost it) only once every revoked
 * document of its scope whose revocation the chain lost is revoked on chain again: otherwise the root of such a
 * document, anchored again ahead of its revocation, would let that document verify with this consent.
 */
@Component
class ConsentWrites {

    private static final Logger log = LoggerFactory.getLogger(ConsentWrites.class);

    private static final int CLAIM = 32;
    private final OutageLog outage = new OutageLog(log, "writing consents");

    private final ConsentRepository consents;
    private final RegistryChain chain;
    private final DocumentScope.Revocations revocations;
    private final OutboxProperties outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ConsentWrites(ConsentRepository consents, RegistryChain chain, DocumentScope.Revocations revocations,
                  OutboxProperties outbox, TransactionTemplate transactions, Clock clock) {
        this.consents = consents;
        this.chain = chain;
        this.revocations = revocations;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${hashbridge.outbox.retry-interval:1s}")
    void writePending() {
        lapseUnapproved();
        claim(ConsentStatus.PENDING).forEach(this::record);
        claim(ConsentStatus.REVOKING).forEach(this::revoke);
    }

    /** Consents whose approval did not come in time are never recorded: UNAPPROVED. */
    private void lapseUnapproved() {
        Instant now = clock.instant();
        try {
            transactions.executeWithoutResult(tx -> consents.findByStatusAndApprovalDeadlineBefore(
                    ConsentStatus.AWAITING_APPROVAL, now).forEach(Consent::unapproved));
        } catch (org.springframework.dao.ConcurrencyFailureException e) {
            log.debug("a consent was approved as its window closed; the others lapse next round");
        }
    }

    private List<UUID> claim(ConsentStatus status) {
        Instant now = clock.instant();
        return transactions.execute(tx -> consents.claim(status.name(), now, CLAIM).stream()
                .peek(c -> c.lease(now.plus(outbox.lease()))).map(Consent::id).toList());
    }

    /**
     * Records a pending consent's commitment; the caller holds its lease.
     *
     * @return the consent's status afterwards: AUTHORISED, FAILED, or PENDING while the chain has not answered or
     *         a revocation of its scope the chain lost is not back yet; AUTHORISED (lost for good) for one the chain
     *         lost that reached its end before it was recorded again
     */
    ConsentStatus record(UUID consentId) {
        Consent consent = read(consentId);
        if (consent.status() != ConsentStatus.PENDING) {
            return consent.status();
        }
        ConsentRecord record = ConsentToken.decode(consent.token()).record();
        if (consent.expiredAt(clock.instant())) {
            return update(consentId, ConsentStatus.PENDING, c -> c.endedOffChain(clock.instant()));
        }
        try {
            if (!revocations.revokedOnChain(consent.scope())) {
                log.debug("consent {} waits for the revocations of its scope to be on chain", consentId);
                return update(consentId, ConsentStatus.PENDING, Consent::released);
            }
            ChainWrite write = chain.recordConsent(consent.commitment(), record.issuerId().key(), record.verifierId().key(),
                    record.validUntilInstant());
            outage.available();
            return update(consentId, ConsentStatus.PENDING, c -> c.authorised(chain.chainId(), chain.registryAddress(), write));
        } catch (ChainRejected e) {
            outage.available();
            if (e.error().equals("ConsentAlreadyRecorded")) {
                return confirmRecorded(consent, record);
            }
            if (consent.wasAuthorised()) {
                // written again after the chain lost it: an institution may not be registered again yet
                log.error("recording consent {} again refused: {}; retried", consentId, e.error());
                return update(consentId, ConsentStatus.PENDING, Consent::released);
            }
            log.warn("the registry refused consent {}: {}", consentId, e.error());
            return update(consentId, ConsentStatus.PENDING, c -> c.failed(e.error()));
        } catch (ChainUnavailable e) {
            outage.unavailable(e.getMessage());
            log.debug("recording consent {} postponed: {}", consentId, e.getMessage());
            return update(consentId, ConsentStatus.PENDING, Consent::released);
        }
    }

    /** An earlier attempt got through: the chain's record must be this consent's (the commitment binds its salt). */
    private ConsentStatus confirmRecorded(Consent consent, ConsentRecord record) {
        Optional<ConsentOnChain> onChain = chain.finalState().consent(consent.commitment());
        Optional<ChainWrite> write = onChain.isPresent() ? chain.consentWrite(consent.commitment()) : Optional.empty();
        if (write.isEmpty()) {
            return update(consent.id(), ConsentStatus.PENDING, Consent::released); // not final yet
        }
        ConsentOnChain recorded = onChain.get();
        boolean ours = recorded.issuer().equals(record.issuerId().key()) && recorded.verifier().equals(record.verifierId().key())
                && recorded.validUntil().equals(record.validUntilInstant());
        if (!ours) {
            log.error("consent {}: its commitment is on chain with another issuer, verifier or end", consent.id());
            return update(consent.id(), ConsentStatus.PENDING, c -> c.failed("ConsentAlreadyRecorded"));
        }
        return update(consent.id(), ConsentStatus.PENDING, c -> c.authorised(chain.chainId(), chain.registryAddress(), write.get()));
    }

    /**
     * Writes a requested revocation; the caller holds its lease.
     *
     * @return the consent's status afterwards: REVOKED, or REVOKING while the chain has not answered
     */
    ConsentStatus revoke(UUID consentId) {
        Consent consent = read(consentId);
        if (consent.status() != ConsentStatus.REVOKING) {
            return consent.status();
        }
        if (consent.lostByChain() && consent.expiredAt(clock.instant())) {
            // nothing on chain can honour it: the registry takes no consent past its end
            return update(consentId, ConsentStatus.REVOKING, c -> c.endedOffChain(clock.instant()));
        }
        if (consent.lostByChain() && !recordedAgain(consent)) {
            return update(consentId, ConsentStatus.REVOKING, Consent::released);
        }
        try {
            ChainWrite write = chain.revokeConsent(consent.commitment());
            outage.available();
            return update(consentId, ConsentStatus.REVOKING, c -> c.revoked(write.blockTime()));
        } catch (ChainRejected e) {
            outage.available();
            if (e.error().equals("ConsentNotAuthorised")) {
                // an earlier attempt got through: the chain says since when
                Optional<ConsentOnChain> onChain = chain.finalState().consent(consent.commitment())
                        .filter(c -> c.status() == ConsentOnChain.Status.REVOKED);
                if (onChain.isPresent()) {
                    return update(consentId, ConsentStatus.REVOKING, c -> c.revoked(onChain.get().updatedAt()));
                }
            } else if (e.error().equals("UnknownConsent") && !consent.lostByChain()) {
                // not on this registry (one the node moved away from, or a chain that lost it): nothing honours it
                return update(consentId, ConsentStatus.REVOKING, c -> c.revoked(clock.instant()));
            } else {
                log.error("the registry refused to revoke consent {}: {}; retried", consentId, e.error());
            }
        } catch (ChainUnavailable e) {
            outage.unavailable(e.getMessage());
            log.debug("revoking consent {} postponed: {}", consentId, e.getMessage());
        }
        return update(consentId, ConsentStatus.REVOKING, Consent::released);
    }

    /**
     * A revoked consent the chain lost is recorded again first, so its revocation can be written again
     * (the registry revokes only what it holds), and the accesses made under it too; true once the chain holds it.
     * Like any other, it waits for the revocations of its scope.
     */
    private boolean recordedAgain(Consent consent) {
        ConsentRecord record = ConsentToken.decode(consent.token()).record();
        try {
            if (!revocations.revokedOnChain(consent.scope())) {
                return false;
            }
            ChainWrite write = chain.recordConsent(consent.commitment(), record.issuerId().key(), record.verifierId().key(),
                    record.validUntilInstant());
            update(consent.id(), ConsentStatus.REVOKING, c -> c.recordedAgain(chain.chainId(), chain.registryAddress(), write));
            return true;
        } catch (ChainRejected e) {
            if (e.error().equals("ConsentAlreadyRecorded")) {
                // an earlier attempt got through; once final, its transaction is where the consent is now
                chain.consentWrite(consent.commitment()).ifPresent(write -> update(consent.id(), ConsentStatus.REVOKING,
                        c -> c.recordedAgain(chain.chainId(), chain.registryAddress(), write)));
                return true;
            }
            log.error("recording revoked consent {} again, to revoke it again, refused: {}; retried", consent.id(), e.error());
        } catch (ChainUnavailable e) {
            outage.unavailable(e.getMessage());
            log.debug("recording revoked consent {} again postponed: {}", consent.id(), e.getMessage());
        }
        return false;
    }

    private Consent read(UUID consentId) {
        return transactions.execute(tx -> consents.findById(consentId).orElseThrow());
    }

    /** Applies {@code change} if the consent is still in {@code expected} (another instance may have moved it on). */
    private ConsentStatus update(UUID consentId, ConsentStatus expected, Consumer<Consent> change) {
        return transactions.execute(tx -> {
            Consent current = consents.findById(consentId).orElseThrow();
            if (current.status() == expected) {
                change.accept(current);
            }
            return current.status();
        });
    }
}
