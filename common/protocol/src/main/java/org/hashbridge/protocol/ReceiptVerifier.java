package org.hashbridge.protocol;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;

/** Checks a receipt's ES256 signature against a node's published keys, offline. */
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
     * @throws InvalidInput {@code MALFORMED_RECEIPT} when it is not a compact JWS receipt,
     *                      {@code UNKNOWN_RECEIPT_KEY} when no published key has its key id,
     *                      {@code RECEIPT_SIGNATURE_INVALID} when the signature does not verify
     */
    public Receipt verify(String compactJws) {
        JWSObject jws = parse(compactJws);
        if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())
                || !ReceiptSigner.TYPE.equals(jws.getHeader().getType())) {
            throw InvalidInput.of("MALFORMED_RECEIPT", "a receipt is an ES256 JWS of type hashbridge-receipt+jws");
        }
        JWK jwk = keys.getKeyByKeyId(jws.getHeader().getKeyID());
        if (!(jwk instanceof ECKey ecKey)) {
            throw InvalidInput.of("UNKNOWN_RECEIPT_KEY", "no published receipt key has the receipt's key id");
        }
        try {
            if (!jws.verify(new ECDSAVerifier(ecKey.toPublicJWK()))) {
                throw InvalidInput.of("RECEIPT_SIGNATURE_INVALID", "the receipt's signature does not verify");
            }
        } catch (JOSEException e) {
            throw InvalidInput.of("RECEIPT_SIGNATURE_INVALID", "the receipt's signature does not verify");
        }
        return Receipt.fromJson(jws.getPayload().toBytes());
    }

    private static JWSObject parse(String compactJws) {
        try {
            return JWSObject.parse(compactJws == null ? "" : compactJws.trim());
        } catch (ParseException e) {
            throw InvalidInput.of("MALFORMED_RECEIPT", "a receipt is a compact JWS");
        }
    }
}
