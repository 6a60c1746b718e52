package org.hashbridge.protocol;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A resident's approval of one thing, made by their own key: a WebAuthn assertion (what a passkey returns from
 * {@code navigator.credentials.get}) or the same form made by a {@link SoftwareAuthenticator}. It counts for the
 * challenge it was made over ({@link ResidentChallenges}) and the key it carries, nothing else.
 *
 * <p>{@link #verify} does not check the relying party's id or the origin: whoever checks an approval (the other
 * side's node, a bank, the registry) need not know the home node's web origin, and a passkey signs only for its
 * own relying party, so another site cannot obtain one. webauthn4j, which checks the whole ceremony, needs that
 * origin; this is the part of it every checker can make.
 *
 * @param key               the key that signed
 * @param authenticatorData base64url, at least 37 bytes: rpIdHash, flags, counter
 * @param clientDataJSON    base64url of the client data JSON, whose {@code challenge} is the challenge in base64url
 * @param signature         base64url of the ASN.1 DER ECDSA signature over authenticatorData || SHA-256(clientDataJSON)
 */
public record ResidentApproval(ResidentKey key, String authenticatorData, String clientDataJSON, String signature) {

    private static final int AUTHENTICATOR_DATA_MIN = 37;
    private static final int USER_PRESENT = 0x01;
    private static final BigInteger N = new BigInteger(
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    /** @throws InvalidInput {@code MALFORMED_APPROVAL} when a member is missing or is not base64url */
    public ResidentApproval {
        if (key == null) {
            throw malformed("an approval names the key that made it");
        }
        decode(authenticatorData, "authenticatorData");
        decode(clientDataJSON, "clientDataJSON");
        decode(signature, "signature");
    }

    /** The approval from its JSON form. */
    public static ResidentApproval fromJson(String json) {
        return ProtocolJson.read(Objects.requireNonNull(json).getBytes(StandardCharsets.UTF_8), ResidentApproval.class,
                "MALFORMED_APPROVAL", "the approval", "approval");
    }

    public String toJson() {
        return ProtocolJson.write(this);
    }

    /**
     * Checks that this approval was made over {@code challenge}, with the user present, by {@link #key()}.
     *
     * @throws InvalidInput {@code MALFORMED_APPROVAL}, {@code APPROVAL_CHALLENGE_MISMATCH},
     *                      {@code APPROVAL_NOT_USER_PRESENT} or {@code APPROVAL_SIGNATURE_INVALID}
     */
    public void verify(Hash32 challenge) {
        byte[] data = decode(authenticatorData, "authenticatorData");
        byte[] client = decode(clientDataJSON, "clientDataJSON");
        if (data.length < AUTHENTICATOR_DATA_MIN) {
            throw malformed("authenticatorData has at least 37 bytes");
        }
        JsonNode clientData = clientData(client);
        if (!"webauthn.get".equals(text(clientData, "type"))) {
            throw malformed("clientDataJSON's type is webauthn.get");
        }
        String signed = text(clientData, "challenge");
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(challenge.bytes()).equals(signed)) {
            throw InvalidInput.of("APPROVAL_CHALLENGE_MISMATCH", "the approval was made for something else");
        }
        if ((data[32] & USER_PRESENT) == 0) {
            throw InvalidInput.of("APPROVAL_NOT_USER_PRESENT", "the authenticator did not see the resident approve");
        }
        if (!signatureVerifies(data, client)) {
            throw InvalidInput.of("APPROVAL_SIGNATURE_INVALID", "the approval is not signed by its key");
        }
    }

    /** r || s, 32 bytes each, s in the lower half of the group order as OpenZeppelin's P256 requires. */
    public byte[] rawSignature() {
        byte[] raw;
        try {
            raw = ECDSA.transcodeSignatureToConcat(decode(signature, "signature"), 64);
        } catch (JOSEException e) {
            throw malformed("the signature is not an ASN.1 DER ECDSA signature");
        }
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, 32, 64));
        if (s.compareTo(N.shiftRight(1)) > 0) {
            byte[] low = N.subtract(s).toByteArray();
            Arrays.fill(raw, 32, 64, (byte) 0);
            int length = Math.min(low.length, 32);
            System.arraycopy(low, low.length - length, raw, 64 - length, length);
        }
        return raw;
    }

    /** The raw bytes of the authenticator data. */
    public byte[] authenticatorDataBytes() {
        return decode(authenticatorData, "authenticatorData");
    }

    /** The client data JSON as the authenticator's client wrote it. */
    public String clientDataText() {
        return new String(decode(clientDataJSON, "clientDataJSON"), StandardCharsets.UTF_8);
    }

    /** Where {@code "challenge":} starts in the client data JSON (OpenZeppelin's {@code WebAuthnAuth.challengeIndex}). */
    public int challengeIndex() {
        return index("\"challenge\":");
    }

    /** Where {@code "type":} starts in the client data JSON (OpenZeppelin's {@code WebAuthnAuth.typeIndex}). */
    public int typeIndex() {
        return index("\"type\":");
    }

    private int index(String member) {
        int at = clientDataText().indexOf(member);
        if (at < 0) {
            throw malformed("clientDataJSON has no " + member);
        }
        return at;
    }

    private boolean signatureVerifies(byte[] data, byte[] client) {
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initVerify(key.publicKey());
            ecdsa.update(data);
            ecdsa.update(ResidentChallenges.sha256(client));
            return ecdsa.verify(decode(signature, "signature"));
        } catch (java.security.SignatureException e) {
            return false; // not a DER signature: signed by nothing
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK verifies ECDSA on P-256", e);
        }
    }

    private static JsonNode clientData(byte[] client) {
        try {
            JsonNode node = ProtocolJson.MAPPER.readTree(client);
            if (node == null || !node.isObject()) {
                throw malformed("clientDataJSON is a JSON object");
            }
            return node;
        } catch (tools.jackson.core.JacksonException e) {
            throw malformed("clientDataJSON is not JSON");
        }
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static byte[] decode(String value, String member) {
        if (value == null || value.isEmpty() || value.length() > 8192) {
            throw malformed(member + " is missing");
        }
        try {
            return BASE64URL.decode(value);
        } catch (IllegalArgumentException e) {
            throw malformed(member + " is not base64url");
        }
    }

    private static InvalidInput malformed(String message) {
        return InvalidInput.of("MALFORMED_APPROVAL", message);
    }
}
