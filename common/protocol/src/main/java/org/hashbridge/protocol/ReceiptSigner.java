package org.hashbridge.protocol;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.text.ParseException;

/**
 * Signs receipts as compact JWS with ES256 (ECDSA P-256, SHA-256) under one node key. The key id is
 * the key's RFC 7638 thumbprint, so the published JWKS names it unambiguously.
 */
public final class ReceiptSigner {

    static final JOSEObjectType TYPE = new JOSEObjectType("hashbridge-receipt+jws");

    private final ECKey key;
    private final ECDSASigner signer;

    private ReceiptSigner(ECKey key) {
        this.key = key;
        try {
            this.signer = new ECDSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("not a usable P-256 private key", e);
        }
    }

    /** A signer with a fresh P-256 key. */
    public static ReceiptSigner generate() {
        try {
            ECKey generated = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).keyIDFromThumbprint(true).generate();
            return new ReceiptSigner(generated);
        } catch (JOSEException e) {
            throw new IllegalStateException("P-256 key generation is mandatory in every JDK", e);
        }
    }

    /**
     * A signer from a private JWK in JSON, as {@link #privateJwkJson()} wrote it. Whatever {@code kid} the
     * JSON carries, if any, the signer names its key by the RFC 7638 thumbprint, as receipts require.
     *
     * @throws IllegalArgumentException when the JSON is not a private P-256 key
     */
    public static ReceiptSigner fromPrivateJwk(String json) {
        try {
            JWK jwk = JWK.parse(json);
            if (!(jwk instanceof ECKey ec) || !ec.isPrivate() || !Curve.P_256.equals(ec.getCurve())) {
                throw new IllegalArgumentException("the receipt key must be a private P-256 JWK");
            }
            return new ReceiptSigner(withThumbprintKeyId(ec));
        } catch (ParseException e) {
            throw new IllegalArgumentException("the receipt key file is not a JWK", e);
        }
    }

    /**
     * A key file written by another tool may lack a {@code kid}: receipts signed without one match no
     * published key, so no verifier could ever accept them.
     */
    private static ECKey withThumbprintKeyId(ECKey key) {
        try {
            return new ECKey.Builder(key).keyIDFromThumbprint().build();
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    public String sign(Receipt receipt) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(TYPE).build();
        JWSObject jws = new JWSObject(header, new Payload(receipt.toCanonicalJson()));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
        return jws.serialize();
    }

    public String keyId() {
        return key.getKeyID();
    }

    /** The public half, as the JWKS served at {@code GET /api/v1/receipt-keys}. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    /** The private key as JSON, for the node to keep in its key file. Secret. */
    public String privateJwkJson() {
        return key.toJSONString();
    }
}
