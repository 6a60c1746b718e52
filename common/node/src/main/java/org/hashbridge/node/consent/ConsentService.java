package org.hashbridge.node.consent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.chain.AccessHistory;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.InstitutionOnChain;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryState;
import org.hashbridge.node.config.NodeKeys;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.node.institution.Caller;
import org.hashbridge.node.institution.InstitutionDirectory;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.DocumentType;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Residents grant, inspect and revoke consent at the issuer's home node. A consent is valid only once
 * its commitment is on chain, so granting and revoking write the chain before answering; when the
 * chain cannot be reached, nothing changes and the resident is told to retry.
 */
@Service
public class ConsentService {

    /** The longest a single consent may run. */
    static final Duration MAX_DURATION = Duration.ofDays(366);

    /** What a resident asks to authorise. */
    public record Grant(String subject, String issuer, String verifier, String documentType, String purpose,
                        Instant validUntil) {
    }

    private final ConsentRepository consents;
    private final RegistryChain chain;
    private final InstitutionDirectory directory;
    private final NodeKeys keys;
    private final NodeProperties node;
    private final Clock clock;

    ConsentService(ConsentRepository consents, RegistryChain chain, InstitutionDirectory directory, NodeKeys keys,
                   NodeProperties node, Clock clock) {
        this.consents = consents;
        this.chain = chain;
        this.directory = directory;
        this.keys = keys;
        this.node = node;
        this.clock = clock;
    }

    @Transactional
    public ConsentView grant(Caller resident, Grant grant) {
        if (grant.subject() == null || grant.subject().isBlank()) {
            throw InvalidInput.of("INVALID_SUBJECT", "subject, the resident's own identifier, is required");
        }
        if (!resident.id().equals(grant.subject())) {
            throw ConsentRefused.subjectMismatch();
        }
        ConsentToken token = ConsentToken.of(record(resident, grant), Salt.random());
        requireActiveOnChain(token.record().issuerId(), token.record().verifierId());
        ChainWrite write = onChain(() -> chain.recordConsent(token.commitment(), token.record().issuerId().key(),
                token.record().verifierId().key(), token.record().validUntilInstant()));
        return ConsentView.of(consents.save(new Consent(resident.id(), token, write.txHash())), clock.instant());
    }

    @Transactional(readOnly = true)
    public ConsentView find(Caller resident, UUID consentId) {
        return ConsentView.of(owned(resident, consentId), clock.instant());
    }

    @Transactional(readOnly = true)
    public List<ConsentView> list(Caller resident) {
        Instant now = clock.instant();
        return consents.findBySubjectIdOrderByIssuedAtDesc(resident.id()).stream().map(c -> ConsentView.of(c, now)).toList();
    }

    @Transactional
    public ConsentView revoke(Caller resident, UUID consentId) {
        Consent consent = owned(resident, consentId);
        if (consent.status() == ConsentStatus.REVOKED) {
            throw ConsentRefused.alreadyRevoked(consentId);
        }
        try {
            onChain(() -> chain.revokeConsent(consent.commitment()));
        } catch (ChainRejected e) {
            // ConsentNotAuthorised: an earlier attempt reached the chain but not the database;
            // UnknownConsent: recorded on a registry this node has moved away from, so nothing honours it
            if (!e.error().equals("ConsentNotAuthorised") && !e.error().equals("UnknownConsent")) {
                throw e;
            }
        }
        consent.revoke(clock.instant());
        return ConsentView.of(consent, clock.instant());
    }

    /** The verifications that used the consent, read from the chain: one page, oldest first. */
    @Transactional(readOnly = true)
    public AccessPage accesses(Caller resident, UUID consentId, AccessPage.Request page) {
        Consent consent = owned(resident, consentId);
        InstitutionId named = new InstitutionId(consent.verifier());
        AccessHistory history = onChain(() -> chain.accesses(consent.commitment(), page.offset(), page.size()));
        List<Access> accesses = history.accesses().stream()
                .map(a -> new Access(a.verifier().equals(named.key()) ? named.value() : "key:" + a.verifier().hex(),
                        a.at(), a.verified() ? "VERIFIED" : "REJECTED", a.receipt().hex(), a.txHash()))
                .toList();
        return new AccessPage(accesses, page.page(), page.size(), history.total());
    }

    private ConsentRecord record(Caller resident, Grant grant) {
        InstitutionId issuer = new InstitutionId(grant.issuer());
        InstitutionId verifier = new InstitutionId(grant.verifier());
        DocumentType type = new DocumentType(grant.documentType());
        if (!directory.isHomeIssuer(issuer)) {
            throw ConsentRefused.issuerNotHome(issuer.value());
        }
        if (issuer.equals(verifier)) {
            throw ConsentRefused.verifierIsIssuer();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant until = grant.validUntil().truncatedTo(ChronoUnit.SECONDS);
        if (!until.isAfter(now)) {
            throw ConsentRefused.validUntilPassed();
        }
        if (until.isAfter(now.plus(MAX_DURATION))) {
            throw ConsentRefused.validUntilTooFar();
        }
        SubjectReference subject = SubjectReference.derive(keys.subjectKey(), resident.id());
        return new ConsentRecord(ConsentRecord.VERSION, UUID.randomUUID().toString(), subject.hex(), issuer.value(),
                verifier.value(), type.value(), grant.purpose() == null ? null : grant.purpose().strip(),
                now.getEpochSecond(), until.getEpochSecond(), node.jurisdiction());
    }

    /**
     * A consent for an institution no operator registered would be a blank cheque, and one for a
     * suspended issuer or verifier could not be used; refuse them before the registry does.
     */
    private void requireActiveOnChain(InstitutionId issuer, InstitutionId verifier) {
        RegistryState state = onChain(chain::finalState);
        Optional<InstitutionOnChain> bank = onChain(() -> state.verifier(verifier.key()));
        if (bank.isEmpty()) {
            throw ConsentRefused.unknownVerifier(verifier.value());
        }
        if (!bank.get().active()) {
            throw ConsentRefused.verifierSuspended(verifier.value());
        }
        Optional<InstitutionOnChain> source = onChain(() -> state.issuer(issuer.key()));
        if (source.isEmpty()) {
            throw ConsentRefused.issuerNotRegistered(issuer.value());
        }
        if (!source.get().active()) {
            throw ConsentRefused.issuerSuspended(issuer.value());
        }
    }

    private Consent owned(Caller resident, UUID consentId) {
        return consents.findByIdAndSubjectId(consentId, resident.id()).orElseThrow(() -> ConsentRefused.notFound(consentId));
    }

    private static <T> T onChain(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ChainUnavailable e) {
            throw NodeException.chainUnavailable();
        }
    }
}
