package org.hashbridge.node.institution;

import java.util.List;

/**
 * WebAuthn {@code PublicKeyCredentialRequestOptions} for a resident's passkey, as JSON-ready records: a page turns
 * {@code challenge} and each {@code allowCredentials[].id} from base64url into bytes and passes the rest to
 * {@code navigator.credentials.get({publicKey: …})}.
 *
 * @param challenge        base64url of what the passkey signs: an approval's challenge ({@code ResidentChallenges})
 * @param rpId             {@code hashbridge.residents.rp-id}
 * @param allowCredentials the resident's passkeys
 * @param userVerification {@code preferred}
 * @param timeout          milliseconds
 */
public record AssertionOptions(String challenge, String rpId, List<RegistrationOptions.Descriptor> allowCredentials,
                               String userVerification, long timeout) {
}
