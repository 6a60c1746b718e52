package org.hashbridge.node.institution;

import java.util.List;

/**
 * WebAuthn {@code PublicKeyCredentialCreationOptions} for a resident's new passkey, as JSON-ready records: a page
 * turns {@code challenge}, {@code user.id} and each {@code excludeCredentials[].id} from base64url into bytes and
 * passes the rest to {@code navigator.credentials.create({publicKey: …})} as it is (the shape of WebAuthn Level 3's
 * {@code PublicKeyCredential.parseCreationOptionsFromJSON}). Only ES256 keys are asked for, with no attestation.
 *
 * @param challenge random, base64url; kept by the node for {@link #timeout()} and taken once
 * @param timeout   milliseconds the node keeps the challenge
 */
public record RegistrationOptions(RelyingParty rp, User user, String challenge, List<Parameter> pubKeyCredParams,
                                  long timeout, List<Descriptor> excludeCredentials,
                                  AuthenticatorSelection authenticatorSelection, String attestation) {

    /** The node as relying party: {@code hashbridge.residents.rp-id} and the node's name. */
    public record RelyingParty(String id, String name) {
    }

    /**
     * The resident as the authenticator keeps them.
     *
     * @param id          the resident's user handle, base64url: random, the same for all their passkeys, never their
     *                    identifier
     * @param name        what the authenticator shows of the account: "resident of" the relying party's name, never the
     *                    resident's identifier, which a synced passkey would copy to its provider's cloud
     * @param displayName the same, for the authenticator's display
     */
    public record User(String id, String name, String displayName) {
    }

    /** A key type asked for: {@code public-key} with COSE algorithm -7 (ES256). */
    public record Parameter(String type, long alg) {
    }

    /** A credential, by its id in base64url. */
    public record Descriptor(String type, String id) {
    }

    /** {@code residentKey} and {@code userVerification} are {@code preferred}. */
    public record AuthenticatorSelection(String residentKey, boolean requireResidentKey, String userVerification) {
    }
}
