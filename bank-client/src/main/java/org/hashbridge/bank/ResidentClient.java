package org.hashbridge.bank;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.ResidentApproval;
import org.hashbridge.protocol.ResidentChallenges;
import org.hashbridge.protocol.SoftwareAuthenticator;

/**
 * A resident's connection to their home node (the issuer's side), authenticated with the credential the operator
 * gave them, acting with a software key ({@link SoftwareAuthenticator}) as a passkey acts on the resident page: it
 * registers the key, approves consents and signs their revocation.
 *
 * <p>The key signs only what this client computed itself from what it asked for: before approving a consent it
 * checks that the record the node wrote is the consent asked for and that the node's challenge is that record's
 * approval challenge; a revocation is signed over the revocation challenge of the consent's own commitment. A node
 * that asks for anything else gets no signature ({@link NodeProblem} {@value NodeProblem#UNEXPECTED_CHALLENGE} or
 * {@value NodeProblem#UNEXPECTED_CONSENT}). Immutable and thread-safe; failures as {@link HashBridgeClient}'s.
 */
public final class ResidentClient {

    private final NodeConnection node;

    /**
     * A client for {@code baseUri} (such as {@code https://hk-node.example/}) that authenticates with the resident's
     * {@code credential}, with the {@link HashBridgeClient#DEFAULT_TIMEOUT}.
     *
     * @throws IllegalArgumentException when {@code baseUri} is not an absolute http(s) URI, or {@code credential}
     *                                  is blank or contains whitespace or control characters
     * @throws NullPointerException     when an argument is null
     */
    public ResidentClient(URI baseUri, String credential) {
        this(baseUri, credential, HashBridgeClient.DEFAULT_TIMEOUT);
    }

    /**
     * As {@link #ResidentClient(URI, String)}, with a timeout for each call.
     *
     * @throws IllegalArgumentException also when {@code timeout} is not positive
     */
    public ResidentClient(URI baseUri, String credential, Duration timeout) {
        this.node = new NodeConnection(baseUri, timeout,
                NodeConnection.checkSecret(Objects.requireNonNull(credential, "credential"), "a resident credential"));
    }

    /** {@code GET /api/v1/residents/me/key}: the resident's binding, the key bound to it, its nonce. */
    public ResidentKeyState key() {
        HttpResponse<String> answer = node.get("api/v1/residents/me/key");
        return ResidentAnswers.keyState(answer.statusCode(), answer.body());
    }

    /**
     * {@code POST /api/v1/residents/me/keys}: registers {@code key} as the resident's key, with its proof of
     * possession; when a key is bound already, {@code oldKey} (that key) approves the replacement, which the registry
     * checks on chain. Without {@code oldKey} the node refuses to replace a bound key ({@code RESIDENT_KEY_BOUND}).
     *
     * @param oldKey the key bound now, or null for a first key
     * @throws InvalidInput    {@code RESIDENT_KEY_MISMATCH} when {@code oldKey} is not the key bound now, or no key
     *                         is bound (nothing is signed then)
     * @throws NodeProblem     the node's refusal
     * @throws NodeUnreachable when the node does not answer
     */
    public KeyRegistration registerKey(SoftwareAuthenticator key, SoftwareAuthenticator oldKey) {
        Objects.requireNonNull(key, "key");
        ResidentKeyState state = key();
        Hash32 newKeyHash = key.key().hash();
        ResidentApproval proof = key.approve(ResidentChallenges.keyRegistration(state.binding(), newKeyHash));
        ResidentApproval replacement = null;
        if (oldKey != null) {
            requireBound(state, oldKey);
            replacement = oldKey.approve(ResidentChallenges.keyReplacement(state.chainId(), state.registryAddress(),
                    state.jurisdictionWord(), state.binding(), newKeyHash, state.nonce()));
        }
        HttpResponse<String> answer = node.post("api/v1/residents/me/keys",
                ResidentAnswers.keyRequest(key.key(), proof, replacement));
        return ResidentAnswers.keyRegistration(answer.statusCode(), answer.body(), newKeyHash);
    }

    /**
     * {@code POST /api/v1/residents/me/key-recovery/cancellation}: stops a recovery of the resident's key that their home
     * operator started (for a lost key, or against the resident's will), with the approval of the key bound now, which
     * the registry checks on chain.
     *
     * @return the binding once the recovery is cancelled
     * @throws InvalidInput    {@code NO_RECOVERY_PENDING} when none is, {@code RESIDENT_KEY_MISMATCH} when {@code key} is
     *                         not the key bound now (nothing is signed then)
     * @throws NodeProblem     the node's refusal
     * @throws NodeUnreachable when the node does not answer
     */
    public ResidentKeyState cancelRecovery(SoftwareAuthenticator key) {
        Objects.requireNonNull(key, "key");
        ResidentKeyState state = key();
        if (state.pendingKey().isEmpty()) {
            throw InvalidInput.of("NO_RECOVERY_PENDING", "no recovery of your key is pending");
        }
        requireBound(state, key);
        ResidentApproval approval = key.approve(ResidentChallenges.recoveryCancellation(state.chainId(),
                state.registryAddress(), state.jurisdictionWord(), state.binding(), state.nonce()));
        HttpResponse<String> answer = node.post("api/v1/residents/me/key-recovery/cancellation",
                ResidentAnswers.approvalRequest(approval));
        return ResidentAnswers.keyState(answer.statusCode(), answer.body());
    }

    /**
     * {@code POST /api/v1/consents}, then {@code POST /api/v1/consents/{id}/approval}: the node writes the consent
     * for approval; {@code key} approves it, once this client has checked that the record is the one asked for,
     * names {@code key} and is resident-signed, and that the node's challenge is its approval challenge.
     *
     * @return the consent, AUTHORISED with its token once on chain (PENDING while still being written)
     * @throws InvalidInput    {@code RESIDENT_KEY_MISMATCH} when {@code key} is not the key bound to the resident (none
     *                         is, or another): nothing is asked of the node then
     * @throws NodeProblem     the node's refusal, or
     *                         {@value NodeProblem#UNEXPECTED_CONSENT} / {@value NodeProblem#UNEXPECTED_CHALLENGE} when
     *                         the node asked the key to sign anything else (nothing was signed then)
     * @throws NodeUnreachable when the node does not answer
     */
    public ResidentConsent consent(ConsentRequest request, SoftwareAuthenticator key) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(key, "key");
        // without a key bound, the node would record the consent at once as one it collected (ASSISTED)
        requireBound(key(), key);
        HttpResponse<String> written = node.post("api/v1/consents", ResidentAnswers.consentRequest(request));
        ResidentAnswers.AwaitingApproval awaiting = ResidentAnswers.awaitingApproval(written.statusCode(), written.body());
        ConsentToken token = awaiting.token();
        request.differenceFrom(token.record()).ifPresent(difference -> {
            throw NodeProblem.unexpectedConsent(written.statusCode(), "its " + difference);
        });
        if (!awaiting.consentId().equalsIgnoreCase(token.record().consentId())) {
            throw NodeProblem.unexpectedConsent(written.statusCode(), "its token is of another consent");
        }
        if (!token.record().residentSigned() || !key.key().hash().hex().equals(token.record().residentKey())) {
            throw NodeProblem.unexpectedConsent(written.statusCode(), "it does not name this key as the one approving it");
        }
        if (!token.approvalChallenge().equals(awaiting.challenge())) {
            throw NodeProblem.unexpectedChallenge(written.statusCode(), "the approval of consent " + awaiting.consentId());
        }
        ResidentApproval approval = key.approve(token.approvalChallenge());
        HttpResponse<String> approved = node.post(consentPath(awaiting.consentId(), "/approval"),
                ResidentAnswers.approvalRequest(approval));
        return ResidentAnswers.approved(approved.statusCode(), approved.body(), token, approval);
    }

    /**
     * {@code POST /api/v1/consents/{id}/revocation}: {@code key} signs the revocation challenge of the consent's
     * commitment, which this client computes from the consent's token as the node shows it. A revocation challenge
     * the node names, if it names one, must be that one.
     *
     * @return the consent, REVOKED once the chain has the revocation (REVOKING while it is written)
     * @throws NodeProblem     the node's refusal ({@code CONSENT_NOT_FOUND}, {@code CONSENT_ALREADY_REVOKED}, …), or
     *                         {@value NodeProblem#UNEXPECTED_CHALLENGE} (nothing was signed then)
     * @throws NodeUnreachable when the node does not answer
     */
    public ResidentConsent revoke(String consentId, SoftwareAuthenticator key) {
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(key, "key");
        HttpResponse<String> shown = node.get(consentPath(consentId, ""));
        ResidentAnswers.Shown consent = ResidentAnswers.shown(shown.statusCode(), shown.body());
        Hash32 challenge = ResidentChallenges.consentRevocation(consent.token().commitment());
        if (consent.revocationChallenge().isPresent() && !consent.revocationChallenge().get().equals(challenge)) {
            throw NodeProblem.unexpectedChallenge(shown.statusCode(), "the revocation of consent " + consentId);
        }
        HttpResponse<String> revoked = node.post(consentPath(consentId, "/revocation"),
                ResidentAnswers.approvalRequest(key.approve(challenge)));
        return ResidentAnswers.consent(revoked.statusCode(), revoked.body(), consent.token().commitment());
    }

    /**
     * {@code GET /api/v1/consents/{id}/receipt}: the consent's ISO/IEC TS 27560 receipt, once its signature checks
     * out against the node's published receipt keys ({@code GET /api/v1/receipt-keys}) and it is about this consent.
     *
     * @throws NodeProblem     the node's refusal ({@code CONSENT_NOT_FOUND}, …), or a receipt that does not check out:
     *                         {@code RECEIPT_SIGNATURE_INVALID}, {@code UNKNOWN_RECEIPT_KEY},
     *                         {@code MALFORMED_CONSENT_RECEIPT}, {@value NodeProblem#MALFORMED_ANSWER}
     * @throws NodeUnreachable when the node does not answer
     */
    public ResidentReceipt receipt(String consentId) {
        Objects.requireNonNull(consentId, "consentId");
        HttpResponse<String> answer = node.get(consentPath(consentId, "/receipt"));
        HttpResponse<String> keys = node.getPublic("api/v1/receipt-keys");
        return ResidentAnswers.receipt(answer.statusCode(), answer.body(), consentId,
                Answers.receiptKeys(keys.statusCode(), keys.body()));
    }

    /** The node's base URI, ending with {@code /}. */
    public URI baseUri() {
        return node.baseUri();
    }

    @Override
    public String toString() {
        return "ResidentClient[" + node.baseUri() + ", credential set]";
    }

    private static void requireBound(ResidentKeyState state, SoftwareAuthenticator key) {
        if (!state.keyHash().equals(Optional.of(key.key().hash()))) {
            throw InvalidInput.of("RESIDENT_KEY_MISMATCH", "the key " + key.key().hash().hex()
                    + " is not the key bound now (" + state.keyHash().map(Hash32::hex).orElse("none") + ")");
        }
    }

    private static String consentPath(String consentId, String then) {
        return "api/v1/consents/" + URLEncoder.encode(consentId, StandardCharsets.UTF_8) + then;
    }
}
