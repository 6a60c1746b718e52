package org.hashbridge.protocol;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.util.Optional;

/**
 * Checks a receipt's signature against a node's published keys, offline: EdDSA (Ed25519) receipts, and
 * ES256 receipts signed before nodes moved to EdDSA. Nothing else is a receipt. Thread-safe.
 */
public final class ReceiptVerifier {

    private final JWKSet keys;

    private ReceiptVerifier(JWKSet keys) {
        this.keys = keys;
    }

    /** @throws InvalidInput {@code INVALID_KEYS} when {@code jwksJson} is not a JWK set */
    public static ReceiptVerifier of(String jwksJson) {
        try {
            return new ReceiptVerifier(JWKSet.parse(jwksJson));
        } catch (ParseException e) {
            throw InvalidInput.of("INVALID_KEYS", "the receipt keys are not a JWK set");
        }
    }

    public static ReceiptVerifier of(JWKSet keys) {
        return new ReceiptVerifier(keys);
    }

    /**
     * The signed receipt, once its signature checks out.
     *
     * @throws InvalidInput {@code MALFORMED_RECEIPT} when it is not a compact JWS receipt signed EdDSA or ES256,
     *                      {@code UNKNOWN_RECEIPT_KEY} when no published key of the receipt's algorithm (an
     *                      Ed25519 key for EdDSA, a P-256 key for ES256) has its key id,
     *                      {@code RECEIPT_SIGNATURE_INVALID} when the signature does not verify
     */
    public Receipt verify(String compactJws) {
        JWSObject jws = parse(compactJws);
        JWSHeader header = jws.getHeader();
        Optional<ReceiptAlgorithm> algorithm = ReceiptAlgorithm.of(header.getAlgorithm());
        if (algorithm.isEmpty() || !ReceiptSigner.TYPE.equals(header.getType())) {
            throw InvalidInput.of("MALFORMED_RECEIPT", "a receipt is an EdDSA or ES256 JWS of type hashbridge-receipt+jws");
        }
        JWK jwk = keys.getKeyByKeyId(header.getKeyID());
        if (jwk == null || !algorithm.get().fits(jwk)) {
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
        return Receipt.fromJson(jws.getPayload().toBytes());
    }

    private static InvalidInput signatureInvalid() {
        return InvalidInput.of("RECEIPT_SIGNATURE_INVALID", "the receipt's signature does not verify");
    }

    private static JWSObject parse(String compactJws) {
        try {
            return JWSObject.parse(compactJws == null ? "" : compactJws.trim());
        } catch (ParseException e) {
            throw InvalidInput.of("MALFORMED_RECEIPT", "a receipt is a compact JWS");
        }
    }
}
