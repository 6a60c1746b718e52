package org.hashbridge.node.institution;

import java.util.Optional;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.ResidentApproval;
import org.hashbridge.protocol.ResidentKey;
import org.hashbridge.protocol.SubjectId;
import org.springframework.stereotype.Service;

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

    /**
     * Options for registering a new passkey: a fresh challenge (kept 5 minutes, taken once), this node as relying
     * party, the resident's random user handle, ES256 only, no attestation, the resident's passkeys excluded.
     */
    public RegistrationOptions passkeyOptions(Caller resident) {
        throw new UnsupportedOperationException("not yet");
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
        throw new UnsupportedOperationException("not yet");
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
        throw new UnsupportedOperationException("not yet");
    }

    /** The resident's key: the binding, what the chain holds there, the latest registration, the passkeys. */
    public ResidentKeyView current(Caller resident) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Options for approving {@code challenge} with one of the resident's passkeys.
     *
     * @throws org.hashbridge.node.NodeException 409 {@code NO_PASSKEY} when the resident has none
     */
    public AssertionOptions approvalOptions(Caller resident, Hash32 challenge) {
        throw new UnsupportedOperationException("not yet");
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
        throw new UnsupportedOperationException("not yet");
    }

    /** Options for signing in to the resident page with a passkey: a fresh challenge, kept 5 minutes, taken once. */
    public AssertionOptions signInOptions() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The resident whose passkey made this sign-in assertion over a challenge of {@link #signInOptions}, checked in full.
     *
     * @throws org.hashbridge.node.NodeException 401-like {@code UNKNOWN_PASSKEY}, 422 {@code PASSKEY_CHALLENGE_INVALID},
     *         {@code PASSKEY_ORIGIN_INVALID}, {@code PASSKEY_INVALID}
     */
    public Caller signInWithPasskey(String credentialId, String authenticatorData, String clientDataJSON, String signature) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The hash of the key the resident approves with: the one bound on chain as of the final block or, while the chain
     * cannot be read or this node's binding is not final yet, the one this node last bound or is binding. Empty when
     * the resident has no key.
     */
    public Optional<Hash32> boundKey(Caller resident) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The operator starts replacing a resident's lost key by {@code key}: {@code startResidentKeyRecovery} on chain; it
     * completes after the registry's delay (7 days) unless the resident cancels it with the bound key. Audited.
     *
     * @throws org.hashbridge.node.NodeException 404 {@code UNKNOWN_RESIDENT}, 409 {@code RESIDENT_KEY_NOT_BOUND} (nothing
     *         to recover: the resident registers a key themselves), 409 {@code RECOVERY_PENDING}
     */
    public ResidentKeyView startRecovery(SubjectId subject, ResidentKey key) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Completes a started recovery once due: {@code completeResidentKeyRecovery} on chain. Audited.
     *
     * @throws org.hashbridge.node.NodeException 404 {@code UNKNOWN_RESIDENT}, 409 {@code NO_RECOVERY_PENDING}, 409
     *         {@code RECOVERY_NOT_DUE} (before its time; the answer names it)
     */
    public ResidentKeyView completeRecovery(SubjectId subject) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The resident stops a recovery they did not ask for, with their bound key's approval over
     * {@code ResidentChallenges.recoveryCancellation}: {@code cancelResidentKeyRecovery} on chain.
     *
     * @throws org.hashbridge.node.NodeException 409 {@code NO_RECOVERY_PENDING}, 422 {@code RESIDENT_KEY_MISMATCH} or the
     *         approval's code
     */
    public ResidentKeyView cancelRecovery(Caller resident, ResidentApproval byBoundKey) {
        throw new UnsupportedOperationException("not yet");
    }
}
