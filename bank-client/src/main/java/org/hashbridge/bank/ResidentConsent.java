package org.hashbridge.bank;

import java.util.Objects;
import org.hashbridge.protocol.ConsentToken;

/**
 * A consent as the resident's home node shows it after the resident approved or revoked it with their key.
 *
 * @param consentId the node's id of the consent
 * @param status    {@code AUTHORISED}, {@code PENDING} (approved, not yet on chain), {@code REVOKED}, {@code REVOKING}…
 * @param token     the consent token to hand to the bank, carrying the resident's approval
 * @param json      the node's answer exactly as received
 */
public record ResidentConsent(String consentId, String status, ConsentToken token, String json) {

    public static final String AUTHORISED = "AUTHORISED";
    public static final String REVOKED = "REVOKED";

    public ResidentConsent {
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(json, "json");
    }
}
