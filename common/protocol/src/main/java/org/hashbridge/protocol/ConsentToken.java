package org.hashbridge.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * What a resident carries to a bank: the consent record and its salt and, when the resident approved it with their
 * own key, that approval over the commitment ({@link ResidentChallenges#consentApproval}). Any node recomputes the
 * commitment from record and salt and reads its status on chain; the approval is not part of the commitment, it
 * signs it.
 *
 * <p>Encoded form: {@code hbc1.<base64url(canonical JSON {"record":…,"salt":hex,"approval":…})>.<commitment hex>}.
 * The trailing commitment lets a node refuse a token edited in transit before it asks the chain.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentToken(ConsentRecord record, String salt, ResidentApproval approval) {

    static final String TAG = "HashBridge/consent/v1";
    private static final String PREFIX = "hbc1.";
    private static final int MAX_LENGTH = 16_384;

    public ConsentToken {
        Objects.requireNonNull(record, "record");
        Salt.fromHex(salt);
    }

    public ConsentToken(ConsentRecord record, String salt) {
        this(record, salt, null);
    }

    public static ConsentToken of(ConsentRecord record, Salt salt) {
        return new ConsentToken(record, salt.hex());
    }

    /** This token with the resident's approval of its commitment. */
    public ConsentToken withApproval(ResidentApproval approval) {
        return new ConsentToken(record, salt, Objects.requireNonNull(approval, "approval"));
    }

    /** What the resident's key signs to approve this consent. */
    public Hash32 approvalChallenge() {
        return ResidentChallenges.consentApproval(commitment());
    }

    /** SHA-256("HashBridge/consent/v1" || 0x00 || u16 len || salt || u16 len || canonical record). */
    public Hash32 commitment() {
        return Preimage.tagged(TAG).bytes(Salt.fromHex(salt).bytes()).bytes(record.canonicalBytes()).sha256();
    }

    public String encode() {
        byte[] body = ProtocolJson.canonical(this);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(body) + "." + commitment().hex();
    }

    /**
     * @throws InvalidInput {@code MALFORMED_CONSENT_TOKEN} when the token cannot be read,
     *                      {@code CONSENT_TOKEN_TAMPERED} when its content no longer matches its commitment
     */
    public static ConsentToken decode(String token) {
        if (token == null || token.length() > MAX_LENGTH || !token.startsWith(PREFIX)) {
            throw malformed();
        }
        String[] parts = token.substring(PREFIX.length()).split("\\.", -1);
        if (parts.length != 2) {
            throw malformed();
        }
        byte[] body;
        Hash32 claimed;
        try {
            body = Base64.getUrlDecoder().decode(parts[0]);
            claimed = Hash32.fromHex(parts[1]);
        } catch (IllegalArgumentException | InvalidInput e) {
            throw malformed();
        }
        ConsentToken decoded = readBody(body);
        if (!decoded.commitment().equals(claimed)) {
            throw InvalidInput.of("CONSENT_TOKEN_TAMPERED", "the consent token does not match its commitment");
        }
        return decoded;
    }

    private static ConsentToken readBody(byte[] body) {
        try {
            return ProtocolJson.read(body, ConsentToken.class, "MALFORMED_CONSENT_TOKEN", "the consent token", "token");
        } catch (InvalidInput e) {
            throw e.code().equals("MALFORMED_CONSENT_TOKEN") ? e
                    : InvalidInput.of("MALFORMED_CONSENT_TOKEN", "the consent token is not well formed: " + e.getMessage());
        }
    }

    private static InvalidInput malformed() {
        return InvalidInput.of("MALFORMED_CONSENT_TOKEN", "a consent token looks like 'hbc1.<base64url>.<hex>'");
    }
}
