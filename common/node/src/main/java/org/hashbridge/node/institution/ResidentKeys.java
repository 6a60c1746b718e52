package org.hashbridge.node.institution;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.OperatorAction;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.ResidentKeyOnChain;
import org.hashbridge.node.chain.follow.ResidentKeyUse;
import org.hashbridge.node.config.ChainWait;
import org.hashbridge.node.config.NodeKeys;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.node.config.OutboxProperties;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.ResidentApproval;
import org.hashbridge.protocol.ResidentChallenges;
import org.hashbridge.protocol.ResidentKey;
import org.hashbridge.protocol.SubjectId;
import org.hashbridge.protocol.SubjectReference;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Residents' own keys: passkeys registered with WebAuthn (checked by webauthn4j against this node's relying party and
 * origins) and software keys, each bound on chain to the resident's binding ({@code ResidentKey.binding}) through an
 * outbox, as consents are written: stored first, written once, its status readable. The first key is bound by this
 * node's operator; a later one replaces it only with the bound key's approval, checked again by the registry; a lost
 * passkey is replaced by the operator's recovery, which the registry completes only after its delay.
 *
 * <p>Refusals are {@code NodeException}s with stable codes (the approval's own code for an approval that does not
 * verify); a refused request stores nothing and writes nothing on chain.
 */
@Service
public class ResidentKeys {

    /** Registrations whose chain write is under way: another key waits for them. */
    private static final List<KeyRegistration.Status> SENDING = List.of(KeyRegistration.Status.PENDING,
            KeyRegistration.Status.COMPLETING);

    private final ResidentRepository residents;
    private final KeyRegistrationRepository registrations;
    private final PasskeyRepository passkeyRows;
    private final Passkeys passkeys;
    private final ResidentKeyWrites writes;
    private final RegistryChain chain;
    private final ResidentKeyUse keyUse;
    private final NodeKeys keys;
    private final NodeProperties node;
    private final OutboxProperties outbox;
    private final ChainWait wait;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ResidentKeys(ResidentRepository residents, KeyRegistrationRepository registrations, PasskeyRepository passkeyRows,
                 Passkeys passkeys, ResidentKeyWrites writes, RegistryChain chain, ResidentKeyUse keyUse, NodeKeys keys,
                 NodeProperties node,
                 OutboxProperties outbox, ChainWait wait, TransactionTemplate transactions, ApplicationEventPublisher events,
                 Clock clock) {
        this.residents = residents;
        this.registrations = registrations;
        this.passkeyRows = passkeyRows;
        this.passkeys = passkeys;
        this.writes = writes;
        this.keyUse = keyUse;
        this.chain = chain;
        this.keys = keys;
        this.node = node;
        this.outbox = outbox;
        this.wait = wait;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Options for registering a new passkey: a fresh challenge (kept 5 minutes, taken once), this node as relying
     * party, the resident's random user handle, ES256 only, no attestation, the resident's passkeys excluded.
     */
    public RegistrationOptions passkeyOptions(Caller resident) {
        return passkeys.registrationOptions(resident);
    }

    /**
     * Registers a passkey from the JSON {@code PublicKeyCredential} the browser returned for {@link #passkeyOptions}
     * ({@code id}, {@code rawId}, {@code type}, {@code response.clientDataJSON}, {@code response.attestationObject},
     * base64url), then binds its key: at once when nothing is bound, with {@code replacement} (an approval by the bound
     * key over {@code ResidentChallenges.keyReplacement}) otherwise.
     *
     * @param replacement null when nothing is bound
     * @return the resident's key, its {@code latest} registration PENDING or BOUND
     * @throws org.hashbridge.node.NodeException {@code MALFORMED_PASSKEY} (400), {@code PASSKEY_CHALLENGE_INVALID},
     *         {@code PASSKEY_ORIGIN_INVALID}, {@code PASSKEY_ALGORITHM_UNSUPPORTED}, {@code PASSKEY_INVALID} (422),
     *         {@code PASSKEY_EXISTS}, {@code RESIDENT_KEY_BOUND} (409), or a replacement's refusal as
     *         {@link #registerSoftwareKey} has them
     */
    public ResidentKeyView registerPasskey(Caller resident, String credentialJson, ResidentApproval replacement) {
        Hash32 binding = binding(resident.id());
        WebAuthnCeremonies.Registered passkey = passkeys.verifyRegistration(resident, credentialJson);
        KeyRegistration.How how = how(binding, passkey.key(), replacement);
        Passkey stored = new Passkey(passkey.credentialId(), resident.id(), passkey.key(), passkey.signCount(), clock.instant());
        return bind(resident, new KeyRegistration(resident.id(), binding, passkey.key(), how,
                how == KeyRegistration.How.REPLACE ? replacement : null, clock.instant(), clock.instant().plus(outbox.lease())),
                stored);
    }

    /**
     * Registers a software key (the bank client's {@code resident keygen}) and binds it as {@link #registerPasskey} does.
     *
     * @param proof       an approval by {@code key} over {@code ResidentChallenges.keyRegistration(binding, key.hash())}
     * @param replacement null when nothing is bound; otherwise an approval by the bound key over
     *                    {@code ResidentChallenges.keyReplacement(chainId, registry, jurisdiction, binding, key.hash(), nonce)}
     * @throws org.hashbridge.protocol.InvalidInput {@code MALFORMED_APPROVAL} (400)
     * @throws org.hashbridge.node.NodeException 422 {@code RESIDENT_KEY_MISMATCH} (a proof by another key, a replacement
     *         by another key than the bound one), 422 with the approval's code ({@code APPROVAL_CHALLENGE_MISMATCH},
     *         {@code APPROVAL_SIGNATURE_INVALID}, {@code APPROVAL_NOT_USER_PRESENT}), 409 {@code RESIDENT_KEY_BOUND} (a
     *         key is bound and no replacement came), 409 {@code RESIDENT_KEY_PENDING} (another key is still being bound),
     *         409 {@code RESIDENT_KEY_ALREADY_BOUND} (this very key is bound)
     */
    public ResidentKeyView registerSoftwareKey(Caller resident, ResidentKey key, ResidentApproval proof,
                                               ResidentApproval replacement) {
        Hash32 binding = binding(resident.id());
        if (!proof.key().hash().equals(key.hash())) {
            throw ResidentKeyRefused.mismatch("the proof is signed by another key than the one to register");
        }
        verify(proof, ResidentChallenges.keyRegistration(binding, key.hash()));
        KeyRegistration.How how = how(binding, key, replacement);
        return bind(resident, new KeyRegistration(resident.id(), binding, key, how,
                how == KeyRegistration.How.REPLACE ? replacement : null, clock.instant(), clock.instant().plus(outbox.lease())),
                null);
    }

    /** The resident's key: the binding, what the chain holds there, the latest registration, the passkeys. */
    public ResidentKeyView current(Caller resident) {
        return view(resident.id());
    }

    /**
     * Options for approving {@code challenge} with one of the resident's passkeys.
     *
     * @throws org.hashbridge.node.NodeException 409 {@code NO_PASSKEY} when the resident has none
     */
    public AssertionOptions approvalOptions(Caller resident, Hash32 challenge) {
        return passkeys.approvalOptions(resident, challenge);
    }

    /**
     * The approval a passkey's assertion makes, with the key this node stored for that credential; the assertion is
     * checked in full (this node's origins and relying party, the signature, the challenge it names) and the
     * credential's sign count moves on. Whether it approves the right thing is for its user to check
     * ({@link ResidentApproval#verify}).
     *
     * @param credentialId base64url; the other three as the browser gives them, base64url
     * @throws org.hashbridge.node.NodeException 404 {@code UNKNOWN_PASSKEY} (not one of the resident's passkeys), 422
     *         {@code PASSKEY_ORIGIN_INVALID}, {@code PASSKEY_INVALID} (the assertion does not verify, or its sign count
     *         went back)
     */
    public ResidentApproval approvalFromPasskey(Caller resident, String credentialId, String authenticatorData,
                                                String clientDataJSON, String signature) {
        return passkeys.approval(resident, credentialId, authenticatorData, clientDataJSON, signature);
    }

    /** Options for signing in to the resident page with a passkey: a fresh challenge, kept 5 minutes, taken once. */
    public AssertionOptions signInOptions() {
        return passkeys.signInOptions();
    }

    /**
     * The resident whose passkey made this sign-in assertion over a challenge of {@link #signInOptions}, checked in full.
     *
     * @throws org.hashbridge.node.NodeException 401-like {@code UNKNOWN_PASSKEY}, 422 {@code PASSKEY_CHALLENGE_INVALID},
     *         {@code PASSKEY_ORIGIN_INVALID}, {@code PASSKEY_INVALID}
     */
    public Caller signInWithPasskey(String credentialId, String authenticatorData, String clientDataJSON, String signature) {
        return passkeys.signIn(credentialId, authenticatorData, clientDataJSON, signature);
    }

    /**
     * The hash of the key the resident approves with: the one bound on chain as of the final block or, while the chain
     * cannot be read or this node's binding is not final yet, the one this node last bound or is binding. Empty when
     * the resident has no key.
     */
    public Optional<Hash32> boundKey(Caller resident) {
        Hash32 binding = binding(resident.id());
        Optional<KeyRegistration> latest = transactions.execute(tx -> registrations
                .findFirstBySubjectIdOrderByRequestedAtDesc(resident.id()));
        Optional<Optional<ResidentKeyOnChain>> read;
        try {
            read = wait.await(() -> chain.residentKey(node.jurisdiction(), binding));
        } catch (ChainUnavailable e) {
            read = Optional.empty();
        }
        if (read.isEmpty()) {
            // the chain cannot be read (in time): the key this node last bound or is binding
            return transactions.execute(tx -> registrations.findFirstBySubjectIdAndStatusInOrderByRequestedAtDesc(resident.id(),
                    List.of(KeyRegistration.Status.BOUND, KeyRegistration.Status.PENDING))).map(KeyRegistration::keyHash);
        }
        if (read.get().isPresent()) {
            return Optional.of(read.get().get().keyHash());
        }
        return latest.filter(r -> r.how() == KeyRegistration.How.BIND && r.status() != KeyRegistration.Status.FAILED)
                .map(KeyRegistration::keyHash);
    }

    /**
     * The operator starts replacing a resident's lost key by {@code key}: {@code startResidentKeyRecovery} on chain; it
     * completes after the registry's delay (7 days) unless the resident cancels it with the bound key. Audited.
     *
     * @throws org.hashbridge.node.NodeException 404 {@code UNKNOWN_RESIDENT}, 409 {@code RESIDENT_KEY_NOT_BOUND} (nothing
     *         to recover: the resident registers a key themselves), 409 {@code RECOVERY_PENDING}
     */
    public ResidentKeyView startRecovery(SubjectId subject, ResidentKey key) {
        Hash32 binding = binding(known(subject));
        ResidentKeyOnChain onChain = onChain(binding).orElseThrow(ResidentKeyRefused::notBound);
        if (onChain.pendingKey().isPresent()) {
            throw ResidentKeyRefused.recoveryPending();
        }
        if (onChain.keyHash().equals(key.hash())) {
            throw ResidentKeyRefused.alreadyBound();
        }
        KeyRegistration recovery = new KeyRegistration(subject.value(), binding, key, KeyRegistration.How.RECOVERY, null,
                clock.instant(), clock.instant().plus(outbox.lease()));
        store(recovery, null, new OperatorAction("RESIDENT_KEY_RECOVERY_STARTED", pseudonym(subject), "new key " + key.hash()));
        return written(recovery.id(), subject.value());
    }

    /**
     * Completes a started recovery once due: {@code completeResidentKeyRecovery} on chain. Audited.
     *
     * @throws org.hashbridge.node.NodeException 404 {@code UNKNOWN_RESIDENT}, 409 {@code NO_RECOVERY_PENDING}, 409
     *         {@code RECOVERY_NOT_DUE} (before its time; the answer names it)
     */
    public ResidentKeyView completeRecovery(SubjectId subject) {
        known(subject);
        UUID id = transactions.execute(tx -> {
            KeyRegistration recovery = registrations.findFirstBySubjectIdAndStatusInOrderByRequestedAtDesc(subject.value(),
                    List.of(KeyRegistration.Status.RECOVERING)).orElseThrow(ResidentKeyRefused::noRecoveryPending);
            Instant due = recovery.recoverableAt().orElseThrow();
            if (clock.instant().isBefore(due)) {
                throw ResidentKeyRefused.recoveryNotDue(due);
            }
            recovery.completionRequested(clock.instant().plus(outbox.lease()));
            events.publishEvent(new OperatorAction("RESIDENT_KEY_RECOVERY_COMPLETED", pseudonym(subject),
                    "new key " + recovery.keyHash()));
            return recovery.id();
        });
        KeyRegistration.Status status = wait.await(() -> writes.write(id)).orElse(KeyRegistration.Status.COMPLETING);
        if (status == KeyRegistration.Status.RECOVERING) {
            throw ResidentKeyRefused.recoveryNotDue(transactions.execute(tx -> registrations.findById(id).orElseThrow())
                    .recoverableAt().orElseThrow());
        }
        if (status == KeyRegistration.Status.CANCELLED) {
            throw ResidentKeyRefused.noRecoveryPending();
        }
        return view(subject.value());
    }

    /**
     * The resident stops a recovery they did not ask for, with their bound key's approval over
     * {@code ResidentChallenges.recoveryCancellation}: {@code cancelResidentKeyRecovery} on chain.
     *
     * @throws org.hashbridge.node.NodeException 409 {@code NO_RECOVERY_PENDING}, 422 {@code RESIDENT_KEY_MISMATCH} or the
     *         approval's code
     */
    public ResidentKeyView cancelRecovery(Caller resident, ResidentApproval byBoundKey) {
        Hash32 binding = binding(resident.id());
        ResidentKeyOnChain onChain = onChain(binding).filter(k -> k.pendingKey().isPresent())
                .orElseThrow(ResidentKeyRefused::noRecoveryPending);
        if (!byBoundKey.key().hash().equals(onChain.keyHash())) {
            throw ResidentKeyRefused.mismatch("the cancellation is approved by another key than the one bound to you");
        }
        verify(byBoundKey, ResidentChallenges.recoveryCancellation(chain.chainId(), registryAddress(),
                ResidentChallenges.jurisdiction(node.jurisdiction()), binding, onChain.nonce()));
        try {
            chain.cancelResidentKeyRecovery(node.jurisdiction(), binding, byBoundKey);
        } catch (ChainUnavailable e) {
            throw NodeException.chainUnavailable();
        }
        transactions.executeWithoutResult(tx -> registrations.findFirstBySubjectIdAndStatusInOrderByRequestedAtDesc(
                resident.id(), List.of(KeyRegistration.Status.RECOVERING, KeyRegistration.Status.COMPLETING))
                .ifPresent(KeyRegistration::cancelled));
        return view(resident.id());
    }

    /**
     * How {@code key} is bound: BIND when nothing is bound; REPLACE with {@code replacement}, an approval by the bound
     * key of this very replacement at the binding's nonce. Read at the chain's final block.
     */
    private KeyRegistration.How how(Hash32 binding, ResidentKey key, ResidentApproval replacement) {
        if (keyUse.elsewhere(key.hash(), node.jurisdiction(), binding)
                || transactions.execute(tx -> registrations.existsByKeyHashAndBindingNotAndStatusNot(key.hash().hex(), binding.hex(),
                KeyRegistration.Status.FAILED))) {
            throw ResidentKeyRefused.inUse();
        }
        Optional<ResidentKeyOnChain> onChain = onChain(binding);
        if (onChain.isEmpty()) {
            return KeyRegistration.How.BIND;
        }
        Hash32 bound = onChain.get().keyHash();
        if (bound.equals(key.hash())) {
            throw ResidentKeyRefused.alreadyBound();
        }
        if (replacement == null) {
            throw ResidentKeyRefused.bound();
        }
        if (!replacement.key().hash().equals(bound)) {
            throw ResidentKeyRefused.mismatch("the replacement is approved by another key than the one bound to you");
        }
        verify(replacement, ResidentChallenges.keyReplacement(chain.chainId(), registryAddress(),
                ResidentChallenges.jurisdiction(node.jurisdiction()), binding, key.hash(), onChain.get().nonce()));
        return KeyRegistration.How.REPLACE;
    }

    /** Stores the registration (and its passkey) unless another key is on its way, then sends its write. */
    private ResidentKeyView bind(Caller resident, KeyRegistration registration, Passkey passkey) {
        store(registration, passkey, null);
        return written(registration.id(), resident.id());
    }

    private void store(KeyRegistration registration, Passkey passkey, OperatorAction audited) {
        try {
            transactions.executeWithoutResult(tx -> {
                if (registrations.findFirstBySubjectIdAndStatusInOrderByRequestedAtDesc(registration.subjectId(), SENDING)
                        .isPresent()) {
                    throw ResidentKeyRefused.pending();
                }
                if (passkey != null) {
                    passkeyRows.saveAndFlush(passkey);
                }
                registrations.saveAndFlush(registration);
                if (audited != null) {
                    events.publishEvent(audited);
                }
            });
        } catch (DataIntegrityViolationException concurrent) {
            throw passkey != null && transactions.execute(tx -> passkeyRows.existsById(passkey.credentialId()))
                    ? ResidentKeyRefused.passkeyExists() : ResidentKeyRefused.pending();
        }
    }

    /** Sends the registration's write, waits for it a bounded time, answers the resident's key as it then is. */
    private ResidentKeyView written(UUID id, String subjectId) {
        KeyRegistration.Status status = wait.await(() -> writes.write(id)).orElse(KeyRegistration.Status.PENDING);
        if (status == KeyRegistration.Status.FAILED) {
            String reason = transactions.execute(tx -> registrations.findById(id).orElseThrow()).view().failureReason()
                    .orElse("unknown");
            throw ResidentKeyRefused.refusedByRegistry(reason);
        }
        return view(subjectId);
    }

    private ResidentKeyView view(String subjectId) {
        Hash32 binding = binding(subjectId);
        Optional<KeyRegistration> latest = transactions.execute(tx -> registrations
                .findFirstBySubjectIdOrderByRequestedAtDesc(subjectId));
        Optional<ResidentKeyOnChain> onChain;
        Optional<String> keyHash;
        try {
            onChain = chain.residentKey(node.jurisdiction(), binding);
            keyHash = onChain.map(k -> k.keyHash().hex());
        } catch (ChainUnavailable e) {
            onChain = Optional.empty();
            keyHash = transactions.execute(tx -> registrations.findFirstBySubjectIdAndStatusInOrderByRequestedAtDesc(subjectId,
                    List.of(KeyRegistration.Status.BOUND))).map(r -> r.keyHash().hex());
        }
        Optional<ResidentKeyView.PendingRecovery> recovery = onChain.flatMap(k -> k.pendingKey().map(pending ->
                new ResidentKeyView.PendingRecovery(pending.hex(), k.recoverableAt().orElseThrow())));
        return new ResidentKeyView(binding.hex(), keyHash, onChain.map(ResidentKeyOnChain::nonce).orElse(0L), recovery,
                chain.chainId(), chain.registryAddress(), node.jurisdiction(), latest.map(KeyRegistration::view),
                passkeys.list(new Caller(subjectId, Role.RESIDENT)));
    }

    private Optional<ResidentKeyOnChain> onChain(Hash32 binding) {
        try {
            return chain.residentKey(node.jurisdiction(), binding);
        } catch (ChainUnavailable e) {
            throw NodeException.chainUnavailable();
        }
    }

    private static void verify(ResidentApproval approval, Hash32 challenge) {
        try {
            approval.verify(challenge);
        } catch (InvalidInput e) {
            throw ResidentKeyRefused.approval(e);
        }
    }

    private String known(SubjectId subject) {
        if (!transactions.execute(tx -> residents.existsById(subject.value()))) {
            throw InstitutionRefused.unknownResident();
        }
        return subject.value();
    }

    /** The resident's binding on chain: a function of their subject reference under this node's subject key. */
    private Hash32 binding(String subjectId) {
        return ResidentKey.binding(SubjectReference.derive(keys.subjectKey(), subjectId));
    }

    private byte[] registryAddress() {
        return HexFormat.of().parseHex(chain.registryAddress().substring(2));
    }

    private String pseudonym(SubjectId subject) {
        return "resident " + SubjectReference.derive(keys.subjectKey(), subject).hex();
    }
}
