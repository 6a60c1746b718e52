package org.hashbridge.node.consent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.chain.AccessHistory;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.InstitutionOnChain;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryState;
import org.hashbridge.node.config.ChainWait;
import org.hashbridge.node.config.NodeKeys;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.node.config.OutboxProperties;
import org.hashbridge.node.institution.Caller;
import org.hashbridge.node.institution.InstitutionDirectory;
import org.hashbridge.node.institution.ResidentKeys;
import org.hashbridge.protocol.ConsentReceipt;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.DocumentType;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.ResidentApproval;
import org.hashbridge.protocol.ResidentChallenges;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Residents grant, inspect and revoke consent at the issuer's home node. A consent is usable only once its
 * commitment is on chain, so granting stores it PENDING, records it on chain outside any database
 * transaction and waits for that a bounded time ({@code hashbridge.outbox.answer-within}): the answer is the
 * consent AUTHORISED, or still PENDING (the outbox finishes it, the resource says when). Revoking works the
 * same way with REVOKING and REVOKED. Refusals the registry would make are found by simulating the write
 * before anything is stored, within the same bound: a chain too slow to answer leaves them to the recording.
 */
@Service
public class ConsentService {

    /** The longest a single consent may run. */
    static final Duration MAX_DURATION = Duration.ofDays(366);

    /** How long a consent of a resident with a bound key waits for their approval. */
    public static final Duration APPROVAL_WINDOW = Duration.ofMinutes(10);

    /**
     * What a resident asks to authorise. The terms left null come from configuration ({@code hashbridge.consent.*}).
     *
     * @param recipientName    the verifier's name; null: the configured one, or the verifier's id
     * @param recipientContact how to reach the verifier; null: the configured one, or the operator's contact
     * @param dataCategories   the categories of data the answer concerns; null: the configured ones
     * @param retention        how long the recipient keeps them; null: the configured text
     * @param language         {@code en}, {@code zh-Hant-HK} or {@code zh-Hans-CN}; null: the node's first language
     */
    public record Grant(String subject, String issuer, String verifier, String documentType, String purpose,
                        Instant validUntil, String recipientName, String recipientContact, List<String> dataCategories,
                        String retention, String language) {

        /** A grant whose terms all come from configuration. */
        public Grant(String subject, String issuer, String verifier, String documentType, String purpose,
                     Instant validUntil) {
            this(subject, issuer, verifier, documentType, purpose, validUntil, null, null, null, null, null);
        }
    }

    private final ConsentRepository consents;
    private final ConsentWrites writes;
    private final RegistryChain chain;
    private final InstitutionDirectory directory;
    private final NodeKeys keys;
    private final NodeProperties node;
    private final OutboxProperties outbox;
    private final ChainWait wait;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ResidentKeys residentKeys;
    private final ConsentTerms terms;
    private final ConsentProperties properties;

    ConsentService(ConsentRepository consents, ConsentWrites writes, RegistryChain chain, InstitutionDirectory directory,
                   NodeKeys keys, NodeProperties node, OutboxProperties outbox, ChainWait wait,
                   TransactionTemplate transactions, Clock clock, ResidentKeys residentKeys, ConsentTerms terms,
                   ConsentProperties properties) {
        this.consents = consents;
        this.writes = writes;
        this.chain = chain;
        this.directory = directory;
        this.keys = keys;
        this.node = node;
        this.outbox = outbox;
        this.wait = wait;
        this.transactions = transactions;
        this.clock = clock;
        this.residentKeys = residentKeys;
        this.terms = terms;
        this.properties = properties;
    }

    /**
     * Grants a consent, as a version 2 record stating its terms. For a resident with a key of their own bound, it is
     * stored AWAITING_APPROVAL with nothing on chain: the resident approves it ({@link #approve}) within
     * {@link #APPROVAL_WINDOW}. For one without, it is collected by the operator ({@code ASSISTED}, when
     * {@code hashbridge.consent.assisted} allows it): checked, simulated on the registry, stored PENDING, then recorded
     * on chain.
     *
     * @return the consent: AWAITING_APPROVAL with the challenge to sign; or AUTHORISED when the chain took it in time,
     *         PENDING otherwise (also while the chain is down: the registry's checks are then made when it answers, and
     *         a refusal shows as FAILED)
     * @throws ConsentRefused a 422 or 409 when the request or the registry refuses it ({@code RESIDENT_KEY_REQUIRED} for
     *                        a resident without a key when assisted consents are off); nothing is stored, except when the
     *                        registry refuses it after it was stored (then kept as FAILED)
     */
    public ConsentView grant(Caller resident, Grant grant) {
        if (grant.subject() == null || grant.subject().isBlank()) {
            throw InvalidInput.of("INVALID_SUBJECT", "subject, the resident's own identifier, is required");
        }
        if (!resident.id().equals(grant.subject())) {
            throw ConsentRefused.subjectMismatch();
        }
        Optional<Hash32> key = residentKeys.boundKey(resident);
        if (key.isEmpty() && !properties.assisted()) {
            throw ConsentRefused.residentKeyRequired();
        }
        ConsentToken token = ConsentToken.of(record(resident, grant, key), Salt.random());
        // a chain that answers too slowly to be asked now leaves the registry's checks to the recording
        wait.await(() -> requireAcceptedByRegistry(token));
        if (key.isPresent()) {
            Consent consent = Consent.awaitingApproval(resident.id(), token, clock.instant().plus(APPROVAL_WINDOW));
            transactions.executeWithoutResult(status -> consents.save(consent));
            return transactions.execute(status -> ConsentView.of(consents.findById(consent.id()).orElseThrow(), clock.instant()));
        }
        Consent consent = new Consent(resident.id(), token, clock.instant().plus(outbox.lease()));
        transactions.executeWithoutResult(status -> consents.save(consent));
        return recorded(consent.id());
    }

    /** Records a stored PENDING consent, waiting for it a bounded time. */
    private ConsentView recorded(UUID consentId) {
        wait.await(() -> writes.record(consentId));
        ConsentView view = transactions.execute(status -> ConsentView.of(consents.findById(consentId).orElseThrow(),
                clock.instant()));
        if (view.status() == ConsentStatus.FAILED) {
            throw ConsentRefused.refusedByRegistry(view.consentId(), view.failureReason().orElse(ChainRejected.UNKNOWN_ERROR));
        }
        return view;
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

    /**
     * Revokes an authorised consent: stored REVOKING, then written on chain; REVOKED once the chain has it.
     *
     * @return the consent, REVOKED when the chain took the revocation in time, REVOKING otherwise
     * @throws ConsentRefused {@code CONSENT_NOT_FOUND}; 409 {@code CONSENT_ALREADY_REVOKED} when it is revoked
     *                        or being revoked (also by a concurrent request), {@code CONSENT_PENDING} or
     *                        {@code CONSENT_FAILED} when it is not on chain, {@code CONSENT_NOT_APPROVED} when it was
     *                        never approved, {@code RESIDENT_APPROVAL_REQUIRED} when the resident approved it with their
     *                        own key: only that key's revocation revokes it ({@link #revokeSigned})
     */
    public ConsentView revoke(Caller resident, UUID consentId) {
        return revoked(resident, consentId, consent -> {
            if (ConsentToken.decode(consent.token()).record().residentSigned()) {
                throw ConsentRefused.approvalRequired(consentId);
            }
            consent.requestRevocation(clock.instant().plus(outbox.lease()));
        });
    }

    private ConsentView revoked(Caller resident, UUID consentId, Consumer<Consent> request) {
        try {
            transactions.executeWithoutResult(status -> request.accept(consents.lockOwned(consentId, resident.id())
                    .orElseThrow(() -> ConsentRefused.notFound(consentId))));
        } catch (ConcurrencyFailureException e) {
            throw ConsentRefused.alreadyRevoked(consentId); // a concurrent revocation won
        }
        wait.await(() -> writes.revoke(consentId));
        return transactions.execute(status -> ConsentView.of(owned(resident, consentId), clock.instant()));
    }

    /**
     * The resident approves a consent that waits for it, with their bound key, over its approval challenge
     * ({@link org.hashbridge.protocol.ConsentToken#approvalChallenge()}); then it is recorded on chain as {@link #grant}
     * records an assisted one, its token carrying the approval.
     *
     * @return the consent, AUTHORISED when the chain took it in time, PENDING otherwise
     * @throws ConsentRefused {@code CONSENT_NOT_FOUND}; 409 {@code CONSENT_NOT_AWAITING_APPROVAL} (approved already, or
     *                        never waiting), {@code APPROVAL_WINDOW_CLOSED} (after {@link #APPROVAL_WINDOW}); 422
     *                        {@code RESIDENT_KEY_MISMATCH} (not the key bound to the resident, or not the one the record
     *                        names), 422 with the approval's code ({@code APPROVAL_CHALLENGE_MISMATCH}: an approval of
     *                        something else, {@code APPROVAL_SIGNATURE_INVALID}, {@code APPROVAL_NOT_USER_PRESENT});
     *                        nothing is written on chain for any of them
     */
    public ConsentView approve(Caller resident, UUID consentId, ResidentApproval approval) {
        Consent awaiting = transactions.execute(status -> owned(resident, consentId));
        Instant now = clock.instant();
        if (awaiting.status() != ConsentStatus.AWAITING_APPROVAL) {
            throw ConsentRefused.notAwaitingApproval(consentId, awaiting.status());
        }
        if (awaiting.approvalLapsedAt(now)) {
            throw ConsentRefused.approvalWindowClosed(consentId);
        }
        ConsentToken token = ConsentToken.decode(awaiting.token());
        Hash32 signer = approval.key().hash();
        if (!signer.hex().equals(token.record().residentKey())
                || !residentKeys.boundKey(resident).map(signer::equals).orElse(false)) {
            throw ConsentRefused.residentKeyMismatch();
        }
        verify(approval, token.approvalChallenge());
        ConsentToken approved = token.withApproval(approval);
        wait.await(() -> requireAcceptedByRegistry(approved));
        transactions.executeWithoutResult(status -> consents.lockOwned(consentId, resident.id())
                .orElseThrow(() -> ConsentRefused.notFound(consentId))
                .approved(approved, clock.instant(), clock.instant().plus(outbox.lease())));
        return recorded(consentId);
    }

    /**
     * The resident revokes a consent with their own key, over its revocation challenge
     * ({@link org.hashbridge.protocol.ResidentChallenges#consentRevocation}); the node keeps the signed revocation, shows
     * it with the consent, and writes the revocation on chain as {@link #revoke} does.
     *
     * @throws ConsentRefused as {@link #revoke}; 422 {@code RESIDENT_KEY_MISMATCH} (not the key bound to the resident nor
     *                        the one that approved the consent), 422 with the approval's code
     */
    public ConsentView revokeSigned(Caller resident, UUID consentId, ResidentApproval revocation) {
        Consent consent = transactions.execute(status -> owned(resident, consentId));
        ConsentRecord record = ConsentToken.decode(consent.token()).record();
        Hash32 signer = revocation.key().hash();
        Optional<Hash32> bound = residentKeys.boundKey(resident);
        if (bound.isEmpty() && !record.residentSigned()) {
            throw ConsentRefused.residentKeyNotBound();
        }
        if (!signer.hex().equals(record.residentKey()) && !bound.map(signer::equals).orElse(false)) {
            throw ConsentRefused.residentKeyMismatch();
        }
        verify(revocation, ResidentChallenges.consentRevocation(consent.commitment()));
        String signed = revocation.toJson();
        return revoked(resident, consentId, c -> c.requestSignedRevocation(signed, clock.instant().plus(outbox.lease())));
    }

    /**
     * The consent's receipt: its ISO/IEC TS 27560 consent record, signed by this node with its receipt key.
     *
     * @throws ConsentRefused {@code CONSENT_NOT_FOUND}
     */
    public SignedConsentReceipt receipt(Caller resident, UUID consentId) {
        ConsentReceipt receipt = transactions.execute(status -> ConsentReceipts.of(owned(resident, consentId),
                node.operator(), node.jurisdiction(), clock.instant()));
        return new SignedConsentReceipt(receipt, keys.receiptSigner().sign(receipt));
    }

    /**
     * The verifications that used the consent, read from the chain: one page, oldest first. Not one
     * transaction: the consent is read first, and no database connection is held while the chain answers.
     */
    public AccessPage accesses(Caller resident, UUID consentId, AccessPage.Request page) {
        Consent consent = transactions.execute(status -> owned(resident, consentId));
        InstitutionId named = new InstitutionId(consent.verifier());
        AccessHistory history = onChain(() -> chain.accesses(consent.commitment(), page.offset(), page.size()));
        List<Access> accesses = history.accesses().stream()
                .map(a -> new Access(a.verifier().equals(named.key()) ? named.value() : "key:" + a.verifier().hex(),
                        a.at(), a.verified() ? "VERIFIED" : "REJECTED", a.receipt().hex(), a.txHash()))
                .toList();
        return new AccessPage(accesses, page.page(), page.size(), history.total());
    }

    private ConsentRecord record(Caller resident, Grant grant, Optional<Hash32> residentKey) {
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
        ConsentView.Terms stated = terms.of(grant, issuer, verifier);
        return new ConsentRecord(ConsentRecord.VERSION_2, UUID.randomUUID().toString(), subject.hex(), issuer.value(),
                verifier.value(), type.value(), grant.purpose() == null ? null : grant.purpose().strip(),
                now.getEpochSecond(), until.getEpochSecond(), node.jurisdiction(), stated.recipient(),
                stated.dataCategories(), stated.processing(), stated.retention(), stated.withdrawal(), stated.language(),
                residentKey.isPresent() ? ConsentRecord.RESIDENT_SIGNED : ConsentRecord.ASSISTED,
                residentKey.map(Hash32::hex).orElse(null));
    }

    private static void verify(ResidentApproval approval, Hash32 challenge) {
        try {
            approval.verify(challenge);
        } catch (InvalidInput e) {
            throw e.code().equals("MALFORMED_APPROVAL") ? e : ConsentRefused.approvalRefused(e);
        }
    }

    /**
     * A consent for an institution no operator registered would be a blank cheque, and one for a
     * suspended issuer or verifier could not be used; refuse them, and anything else the registry would
     * refuse, before anything is stored. While the chain cannot be asked, the consent is accepted as
     * pending and the registry decides when it answers.
     */
    private boolean requireAcceptedByRegistry(ConsentToken token) {
        ConsentRecord record = token.record();
        try {
            requireActiveOnChain(record.issuerId(), record.verifierId());
            chain.simulateRecordConsent(token.commitment(), record.issuerId().key(), record.verifierId().key(),
                    record.validUntilInstant());
        } catch (ChainRejected e) {
            throw switch (e.error()) {
                case "UnknownVerifier" -> ConsentRefused.unknownVerifier(record.verifier());
                case "VerifierSuspended" -> ConsentRefused.verifierSuspended(record.verifier());
                case "UnknownIssuer" -> ConsentRefused.issuerNotRegistered(record.issuer());
                case "IssuerSuspended" -> ConsentRefused.issuerSuspended(record.issuer());
                default -> ConsentRefused.registryWouldRefuse(e.error());
            };
        } catch (ChainUnavailable e) {
            return false; // recorded once the chain answers
        }
        return true;
    }

    private void requireActiveOnChain(InstitutionId issuer, InstitutionId verifier) {
        RegistryState state = chain.finalState();
        Optional<InstitutionOnChain> bank = state.verifier(verifier.key());
        if (bank.isEmpty()) {
            throw ConsentRefused.unknownVerifier(verifier.value());
        }
        if (!bank.get().active()) {
            throw ConsentRefused.verifierSuspended(verifier.value());
        }
        Optional<InstitutionOnChain> source = state.issuer(issuer.key());
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
