package org.hashbridge.node.consent;

import java.util.UUID;
import org.hashbridge.node.NodeException;

/** Why a consent request was refused. */
final class ConsentRefused extends NodeException {

    private ConsentRefused(Kind kind, String code, String title, String detail) {
        super(kind, code, title, detail);
    }

    static ConsentRefused notFound(UUID id) {
        return new ConsentRefused(Kind.NOT_FOUND, "CONSENT_NOT_FOUND", "Consent not found",
                "no consent " + id + " for this resident");
    }

    static ConsentRefused alreadyRevoked(UUID id) {
        return new ConsentRefused(Kind.CONFLICT, "CONSENT_ALREADY_REVOKED", "Already revoked",
                "consent " + id + " is revoked already, or its revocation is under way");
    }

    static ConsentRefused pending(UUID id) {
        return new ConsentRefused(Kind.CONFLICT, "CONSENT_PENDING", "Consent not on chain yet",
                "consent " + id + " is still being recorded on chain; revoke it once it is AUTHORISED");
    }

    static ConsentRefused failed(UUID id, String reason) {
        return new ConsentRefused(Kind.CONFLICT, "CONSENT_FAILED", "Consent never recorded",
                "consent " + id + " was refused by the registry (" + reason + "); there is nothing to revoke");
    }

    /** The registry refused the consent while the request waited; the consent is kept as FAILED. */
    static ConsentRefused refusedByRegistry(UUID id, String reason) {
        return new ConsentRefused(Kind.CONFLICT, "CHAIN_REJECTED", "Refused by the registry",
                "the registry contract refused the consent (" + reason + "); consent " + id
                        + " is kept with status FAILED");
    }

    /** The registry would refuse the consent; nothing was stored. */
    static ConsentRefused registryWouldRefuse(String reason) {
        return new ConsentRefused(Kind.CONFLICT, "CHAIN_REJECTED", "Refused by the registry",
                "the registry contract refused the change (" + reason + "); nothing was changed");
    }

    static ConsentRefused subjectMismatch() {
        return new ConsentRefused(Kind.FORBIDDEN, "SUBJECT_MISMATCH", "Not your consent to give",
                "a resident grants consent only for their own subject identifier");
    }

    static ConsentRefused issuerNotHome(String issuer) {
        return new ConsentRefused(Kind.UNPROCESSABLE, "ISSUER_NOT_HOME", "Issuer not at home here",
                "consent for " + issuer + " is granted at that issuer's home node");
    }

    static ConsentRefused unknownVerifier(String verifier) {
        return new ConsentRefused(Kind.UNPROCESSABLE, "UNKNOWN_VERIFIER", "Unknown verifier",
                verifier + " is not a verifier registered on the registry");
    }

    static ConsentRefused verifierSuspended(String verifier) {
        return new ConsentRefused(Kind.UNPROCESSABLE, "VERIFIER_SUSPENDED", "Verifier suspended",
                verifier + " is suspended on the registry by its home operator");
    }

    static ConsentRefused issuerSuspended(String issuer) {
        return new ConsentRefused(Kind.UNPROCESSABLE, "ISSUER_SUSPENDED", "Issuer suspended",
                issuer + " is suspended on the registry by its home operator");
    }

    static ConsentRefused issuerNotRegistered(String issuer) {
        return new ConsentRefused(Kind.UNPROCESSABLE, "ISSUER_NOT_REGISTERED", "Issuer not on the registry yet",
                issuer + " is not registered on the registry yet; this node registers it as soon as the chain answers");
    }

    static ConsentRefused validUntilPassed() {
        return new ConsentRefused(Kind.UNPROCESSABLE, "VALID_UNTIL_PASSED", "Valid-until has passed",
                "validUntil must be in the future");
    }

    static ConsentRefused validUntilTooFar() {
        return new ConsentRefused(Kind.UNPROCESSABLE, "VALID_UNTIL_TOO_FAR", "Consent too long",
                "a consent runs at most 366 days");
    }

    static ConsentRefused verifierIsIssuer() {
        return new ConsentRefused(Kind.UNPROCESSABLE, "VERIFIER_IS_ISSUER", "Verifier is the issuer",
                "consent is given to another institution than the issuer");
    }

    static ConsentRefused notOnChain(UUID id, ConsentStatus status) {
        return new ConsentRefused(Kind.CONFLICT, "CONSENT_NOT_APPROVED", "Consent never approved",
                "consent " + id + " is " + status + ": it was never on chain, there is nothing to revoke");
    }

    static ConsentRefused residentKeyRequired() {
        return new ConsentRefused(Kind.CONFLICT, "RESIDENT_KEY_REQUIRED", "Your own key is required",
                "this node takes consents approved with the resident's own key only: register a passkey or a key first");
    }

    static ConsentRefused approvalRequired(UUID id) {
        return new ConsentRefused(Kind.CONFLICT, "RESIDENT_APPROVAL_REQUIRED", "Your approval is required",
                "consent " + id + " was approved with your own key: revoke it with that key's approval "
                        + "(POST /api/v1/consents/" + id + "/revocation)");
    }

    static ConsentRefused notAwaitingApproval(UUID id, ConsentStatus status) {
        return new ConsentRefused(Kind.CONFLICT, "CONSENT_NOT_AWAITING_APPROVAL", "Nothing to approve",
                "consent " + id + " is " + status + ", not AWAITING_APPROVAL");
    }

    static ConsentRefused approvalWindowClosed(UUID id) {
        return new ConsentRefused(Kind.CONFLICT, "APPROVAL_WINDOW_CLOSED", "Too late to approve",
                "consent " + id + " waited for its approval for " + ConsentService.APPROVAL_WINDOW.toMinutes()
                        + " minutes; ask for the consent again");
    }

    static ConsentRefused residentKeyMismatch() {
        return new ConsentRefused(Kind.UNPROCESSABLE, "RESIDENT_KEY_MISMATCH", "Not your bound key",
                "the approval is signed by another key than the one bound to you on chain");
    }

    static ConsentRefused residentKeyNotBound() {
        return new ConsentRefused(Kind.CONFLICT, "RESIDENT_KEY_NOT_BOUND", "No key bound",
                "no key of yours is bound on chain to sign this with");
    }

    /** An approval that does not verify: 422 with its own code (APPROVAL_CHALLENGE_MISMATCH, ...). */
    static ConsentRefused approvalRefused(org.hashbridge.protocol.InvalidInput e) {
        return new ConsentRefused(Kind.UNPROCESSABLE, e.code(), "Approval refused", e.getMessage());
    }
}
