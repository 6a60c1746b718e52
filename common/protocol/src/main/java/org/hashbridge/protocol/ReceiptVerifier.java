package org.hashbridge.protocol;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a receipt's signature against a node's published keys, offline: EdDSA (Ed25519) receipts, SM2SM3
 * (SM2) receipts, and ES256 receipts signed before nodes moved to EdDSA. Nothing else is a receipt. Thread-safe.
 */
public final class ReceiptVerifier {

    private final JWKSet keys;

    private ReceiptVerifier(JWKSet keys) {
        this.keys = keys;
    }

    /**
     * The verifier of the keys a JWK set in JSON holds, read key by key: a key of a kind no receipt algorithm
     * signs with (another type or curve, a kind a later version may sign with) is left out, as RFC 7517
     * section 5 has it, so that receipts of the known kinds still verify.
     *
     * @throws InvalidInput {@code INVALID_KEYS} when {@code jwksJson} is not a JWK set, or holds a key of a
     *                      receipt algorithm's kind that is not valid (an EC point off its curve, say)
     */
    public static ReceiptVerifier of(String jwksJson) {
        try {
            List<JWK> keys = new ArrayList<>();
            Map<String, Object>[] entries = JSONObjectUtils.getJSONObjectArray(JSONObjectUtils.parse(jwksJson), "keys");
            if (entries == null) {
                throw new ParseException("a JWK set has keys", 0);
            }
            for (Map<String, Object> entry : entries) {
                ReceiptAlgorithm.readKey(entry).ifPresent(keys::add);
            }
            return new ReceiptVerifier(new JWKSet(keys));
        } catch (ParseException e) {
            throw InvalidInput.of("INVALID_KEYS", "the receipt keys are not a JWK set of valid keys");
        }
    }

    public static ReceiptVerifier of(JWKSet keys) {
        return new ReceiptVerifier(keys);
    }

    /**
     * The signed receipt, once its signature checks out.
     *
     * @throws InvalidInput {@code MALFORMED_RECEIPT} when it is not a compact JWS receipt signed EdDSA, SM2SM3 or
     *                      ES256, {@code UNKNOWN_RECEIPT_KEY} when no published key of the receipt's algorithm (an
     *                      Ed25519 key for EdDSA, an SM2 key for SM2SM3, a P-256 key for ES256, naming no other
     *                      {@code alg}) has its key id,
     *                      {@code RECEIPT_SIGNATURE_INVALID} when the signature does not verify
     */
    public Receipt verify(String compactJws) {
        return Receipt.fromJson(verifiedPayload(compactJws, ReceiptSigner.TYPE, "MALFORMED_RECEIPT"));
    }

    /**
     * The payload of a compact JWS of {@code type} signed by one of the keys, once its signature checks out.
     *
     * @throws InvalidInput {@code malformedCode}, {@code UNKNOWN_RECEIPT_KEY} or {@code RECEIPT_SIGNATURE_INVALID}
     */
    byte[] verifiedPayload(String compactJws, com.nimbusds.jose.JOSEObjectType type, String malformedCode) {
        JWSObject jws = parse(compactJws, malformedCode);
        JWSHeader header = jws.getHeader();
        Optional<ReceiptAlgorithm> algorithm = ReceiptAlgorithm.of(header.getAlgorithm());
        if (algorithm.isEmpty() || !type.equals(header.getType())) {
            throw InvalidInput.of(malformedCode, "a receipt is an EdDSA, SM2SM3 or ES256 JWS of type " + type);
        }
        JWK jwk = keys.getKeyByKeyId(header.getKeyID());
        if (jwk == null || !algorithm.get().accepts(jwk)) {
            throw InvalidInput.of("UNKNOWN_RECEIPT_KEY",
                    "no published " + header.getAlgorithm() + " receipt key has the receipt's key id");
        }
        try {
            if (!jws.verify(algorithm.get().verifier(jwk.toPublicJWK()))) {
                throw signatureInvalid();
            }
        } catch (JOSEException e) {
            throw signatureInvalid();
        }
        return jws.getPayload().toBytes();
    }

    private static InvalidInput signatureInvalid() {
        return InvalidInput.of("RECEIPT_SIGNATURE_INVALID", "the receipt's signature does not verify");
    }

    private static JWSObject parse(String compactJws, String malformedCode) {
        try {
            return JWSObject.parse(compactJws == null ? "" : compactJws.trim());
        } catch (ParseException e) {
            throw InvalidInput.of(malformedCode, "a receipt is a compact JWS");
        }
    }
}
