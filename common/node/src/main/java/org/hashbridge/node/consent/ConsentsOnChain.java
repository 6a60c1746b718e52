package org.hashbridge.node.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hashbridge.node.DocumentScope;
import org.hashbridge.node.chain.ConsentOnChain;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryState;
import org.hashbridge.node.config.ChainLossAudit;
import org.hashbridge.node.config.ChainProperties;
import org.hashbridge.protocol.Hash32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notices a chain that lost consents this node recorded and has them written again ({@link ChainLossAudit}):
 * every consent missing on chain whose end has not passed goes back to the outbox: an authorised one becomes
 * PENDING and is recorded again, a revoked one becomes REVOKING and is recorded and revoked again. One whose end
 * has passed cannot be: the registry records no consent past its end. It keeps its status, is counted as lost for
 * good, and the accesses made under it cannot be recorded again either. Reported on {@code /actuator/health} as
 * {@code consentsOnChain}: OUT_OF_SERVICE while consents are missing, with the count of those lost for good.
 */
@Component("consentsOnChain")
class ConsentsOnChain extends ChainLossAudit<Consent> implements DocumentScope.Consents {

    private static final Logger log = LoggerFactory.getLogger(ConsentsOnChain.class);
    /** What the chain holds of a consent in these statuses: its commitment, authorised or revoked. */
    private static final List<ConsentStatus> ON_CHAIN = List.of(ConsentStatus.AUTHORISED, ConsentStatus.REVOKED);
    /** A consent the chain lost is in these statuses until it is written again. */
    private static final List<ConsentStatus> BEING_WRITTEN = List.of(ConsentStatus.PENDING, ConsentStatus.REVOKING);

    private final ConsentRepository consents;

    ConsentsOnChain(ConsentRepository consents, RegistryChain chain, ChainProperties chainProperties,
                    TransactionTemplate transactions, Clock clock) {
        super("consents", chain, chainProperties, transactions, clock);
        this.consents = consents;
    }

    @Override
    protected List<Consent> newest() {
        return consents.findFirst2ByStatusInAndChainIdAndRegistryIgnoreCaseAndLostAtIsNullOrderByBlockNumberDesc(ON_CHAIN,
                chain.chainId(), chain.registryAddress());
    }

    @Override
    protected long block(Consent consent) {
        return consent.blockNumber().orElseThrow();
    }

    @Override
    protected boolean onChain(RegistryState state, Consent consent) {
        return state.consent(consent.commitment()).isPresent();
    }

    /** Every consent whose commitment the chain does not hold is written again, or lost for good past its end. */
    @Override
    protected int putBack(RegistryState state, boolean chainWentBack, Instant now) {
        List<Consent> recorded = transactions.execute(status -> consents
                .findByStatusInAndChainIdAndRegistryIgnoreCaseAndLostAtIsNull(ON_CHAIN, chain.chainId(), chain.registryAddress()));
        int lost = 0;
        int pastTheirEnd = 0;
        for (Consent consent : recorded) {
            if (readable(block(consent), state, chainWentBack) && !onChain(state, consent)
                    && changeAlone(() -> lost(consent.id(), now))) {
                lost++;
                pastTheirEnd += consent.expiredAt(now) ? 1 : 0;
            }
        }
        if (pastTheirEnd > 0) {
            log.error("{} of the consents the chain lost had reached their end: the registry records no consent past"
                    + " its end, so they and the accesses made under them cannot be written again", pastTheirEnd);
        }
        return lost;
    }

    private boolean lost(UUID consentId, Instant now) {
        Consent consent = consents.findById(consentId).orElseThrow();
        if (!ON_CHAIN.contains(consent.status()) || consent.lostByChain()) {
            return false; // another instance marked it, or the resident is revoking it
        }
        if (consent.expiredAt(now)) {
            consent.lostPastItsEnd(now);
        } else {
            consent.lost(now);
        }
        return true;
    }

    /** Read on chain, whatever this node's database says: a consent counts from the moment it is mined. */
    @Override
    public boolean authorisedOnChain(DocumentScope scope) {
        Instant now = clock.instant();
        List<Hash32> inScope = transactions.execute(status -> consents.findByIssuerAndDocumentTypeAndSubjectRefAndValidUntilAfter(
                scope.issuer(), scope.documentType(), scope.subjectRef(), now)).stream().map(Consent::commitment).toList();
        if (inScope.isEmpty()) {
            return false;
        }
        RegistryState state = chain.finalState();
        return inScope.stream().map(state::consent).flatMap(Optional::stream)
                .anyMatch(c -> c.status() == ConsentOnChain.Status.AUTHORISED && now.isBefore(c.validUntil()));
    }

    @Override
    protected Losses losses() {
        return new Losses(consents.countByLostAtIsNotNullAndStatusIn(BEING_WRITTEN), "consents this node recorded; they"
                + " are being recorded again", consents.countByRewrittenAtIsNotNull(), new SetAside("consentsNotWritable",
                consents.countByLostAtIsNotNullAndStatusIn(ON_CHAIN), "notWritableReason", "the chain lost them after"
                + " their end: the registry records no consent past its end, so neither they nor the accesses made under"
                + " them can be written again"));
    }
}
