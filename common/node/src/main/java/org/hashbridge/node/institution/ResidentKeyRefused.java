package org.hashbridge.node.institution;

import java.time.Instant;
import org.hashbridge.node.NodeException;
import org.hashbridge.protocol.InvalidInput;

/** Why a resident key was not registered, bound, recovered or used; nothing was stored or written on chain. */
final class ResidentKeyRefused extends NodeException {

    private ResidentKeyRefused(Kind kind, String code, String title, String detail) {
        super(kind, code, title, detail);
    }

    static ResidentKeyRefused malformedPasskey() {
        return new ResidentKeyRefused(Kind.INVALID, "MALFORMED_PASSKEY", "Malformed passkey response",
                "the WebAuthn response is not the JSON PublicKeyCredential of a registration or an assertion");
    }

    static ResidentKeyRefused passkeyChallengeInvalid() {
        return new ResidentKeyRefused(Kind.UNPROCESSABLE, "PASSKEY_CHALLENGE_INVALID", "Unknown or used challenge",
                "the passkey answered a challenge this node did not give you for this, or gave more than "
                        + WebAuthnChallenges.VALID_FOR.toMinutes() + " minutes ago, or that was used already; ask again");
    }

    static ResidentKeyRefused passkeyOriginInvalid() {
        return new ResidentKeyRefused(Kind.UNPROCESSABLE, "PASSKEY_ORIGIN_INVALID", "Wrong origin",
                "the passkey was used from another site than this node's resident page");
    }

    static ResidentKeyRefused passkeyAlgorithmUnsupported() {
        return new ResidentKeyRefused(Kind.UNPROCESSABLE, "PASSKEY_ALGORITHM_UNSUPPORTED", "Key type not accepted",
                "a resident key is a P-256 key signing ES256 (COSE -7); this passkey made another kind");
    }

    /** @param check the check of the ceremony that failed, by name */
    static ResidentKeyRefused passkeyInvalid(String check) {
        return new ResidentKeyRefused(Kind.UNPROCESSABLE, "PASSKEY_INVALID", "Passkey response refused",
                "the WebAuthn response does not verify (" + check + ")");
    }

    static ResidentKeyRefused passkeyExists() {
        return new ResidentKeyRefused(Kind.CONFLICT, "PASSKEY_EXISTS", "Passkey registered already",
                "this passkey is registered already");
    }

    static ResidentKeyRefused unknownPasskey() {
        return new ResidentKeyRefused(Kind.NOT_FOUND, "UNKNOWN_PASSKEY", "Unknown passkey",
                "no passkey of yours has this credential id on this node");
    }

    static ResidentKeyRefused noPasskey() {
        return new ResidentKeyRefused(Kind.CONFLICT, "NO_PASSKEY", "No passkey",
                "you have registered no passkey on this node");
    }

    static ResidentKeyRefused bound() {
        return new ResidentKeyRefused(Kind.CONFLICT, "RESIDENT_KEY_BOUND", "A key is bound already",
                "a key of yours is bound on chain: a new one replaces it only with that key's approval (replacement)");
    }

    static ResidentKeyRefused alreadyBound() {
        return new ResidentKeyRefused(Kind.CONFLICT, "RESIDENT_KEY_ALREADY_BOUND", "This key is bound already",
                "this very key is the one bound to you on chain");
    }

    static ResidentKeyRefused inUse() {
        return new ResidentKeyRefused(Kind.CONFLICT, "RESIDENT_KEY_IN_USE", "This key is bound to someone else",
                "this key is, or was, bound to another resident or in the other jurisdiction: one key under two bindings"
                        + " would link them for everyone reading the chain; make a key of its own for each");
    }

    static ResidentKeyRefused pending() {
        return new ResidentKeyRefused(Kind.CONFLICT, "RESIDENT_KEY_PENDING", "A key is being bound",
                "another key of yours is being written on chain; try again once it is BOUND or FAILED");
    }

    static ResidentKeyRefused mismatch(String what) {
        return new ResidentKeyRefused(Kind.UNPROCESSABLE, "RESIDENT_KEY_MISMATCH", "Not the right key", what);
    }

    static ResidentKeyRefused notBound() {
        return new ResidentKeyRefused(Kind.CONFLICT, "RESIDENT_KEY_NOT_BOUND", "No key bound",
                "no key of this resident is bound on chain: there is nothing to recover, the resident registers a key");
    }

    /** An approval that does not verify: 422 with its own code (a malformed one stays a 400). */
    static RuntimeException approval(InvalidInput e) {
        if (e.code().equals("MALFORMED_APPROVAL")) {
            return e;
        }
        return new ResidentKeyRefused(Kind.UNPROCESSABLE, e.code(), "Approval refused", e.getMessage());
    }

    static ResidentKeyRefused recoveryPending() {
        return new ResidentKeyRefused(Kind.CONFLICT, "RECOVERY_PENDING", "A recovery is under way",
                "a recovery of this resident's key is started already; complete it once due");
    }

    static ResidentKeyRefused noRecoveryPending() {
        return new ResidentKeyRefused(Kind.CONFLICT, "NO_RECOVERY_PENDING", "No recovery pending",
                "no recovery of this resident's key is pending on chain");
    }

    static ResidentKeyRefused recoveryNotDue(Instant recoverableAt) {
        return new ResidentKeyRefused(Kind.CONFLICT, "RECOVERY_NOT_DUE", "Recovery not due",
                "the registry completes this recovery from " + recoverableAt + " on, not before");
    }

    /** The registry refused the write within the wait; kept as FAILED. */
    static ResidentKeyRefused refusedByRegistry(String reason) {
        return new ResidentKeyRefused(Kind.CONFLICT, "CHAIN_REJECTED", "Refused by the registry",
                "the registry contract refused the key (" + reason + "); the registration is kept as FAILED");
    }
}
