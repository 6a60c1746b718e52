package org.hashbridge.protocol;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs receipts as compact JWS under one node key: EdDSA (RFC 8037) with an Ed25519 key, as nodes sign
 * receipts by default, SM2SM3 with an SM2 key, as nodes of the {@code sm} profile sign them, or ES256 with a
 * P-256 key, as nodes signed them before EdDSA. The key decides the algorithm. The key id is the key's
 * RFC 7638 thumbprint, so the published JWKS names it unambiguously. Thread-safe.
 */
public final class ReceiptSigner {

    static final JOSEObjectType TYPE = new JOSEObjectType("hashbridge-receipt+jws");

    private final ReceiptAlgorithm algorithm;
    private final JWK key;
    private final JWSSigner signer;

    private ReceiptSigner(ReceiptAlgorithm algorithm, JWK key) {
        this.algorithm = algorithm;
        this.key = key;
        try {
            this.signer = algorithm.signer(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("not a usable private " + algorithm + " key", e);
        }
    }

    /** A signer with a fresh Ed25519 key: what a node signs new receipts with. */
    public static ReceiptSigner generate() {
        return generate(ReceiptAlgorithm.EDDSA);
    }

    /** A signer with a fresh key for {@code algorithm}. */
    public static ReceiptSigner generate(ReceiptAlgorithm algorithm) {
        try {
            return new ReceiptSigner(algorithm, algorithm.named(algorithm.generate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(algorithm + " key generation failed", e);
        }
    }

    /**
     * A signer from a private JWK in JSON, as {@link #privateJwkJson()} wrote it: an Ed25519 {@code OKP} key
     * signs EdDSA, a P-256 {@code EC} key ES256, an SM2 {@code EC} key SM2SM3. Whatever {@code kid} the JSON
     * carries, if any, the signer names its key by the RFC 7638 thumbprint, as receipts require, and sets its
     * {@code use} and {@code alg}.
     *
     * @throws IllegalArgumentException when the JSON is not a private Ed25519, P-256 or SM2 key, names another
     *                                  {@code alg}, or is a key whose public half is not derived from its private half
     */
    public static ReceiptSigner fromPrivateJwk(String json) {
        Optional<JWK> jwk;
        try {
            jwk = ReceiptAlgorithm.readKey(JSONObjectUtils.parse(json));
        } catch (ParseException e) {
            throw new IllegalArgumentException("the receipt key file is not a valid receipt key JWK", e);
        }
        Optional<ReceiptAlgorithm> algorithm = jwk.flatMap(ReceiptAlgorithm::ofKey);
        if (algorithm.isEmpty() || !jwk.get().isPrivate() || !algorithm.get().accepts(jwk.get())) {
            throw new IllegalArgumentException("the receipt key must be a private Ed25519, P-256 or SM2 JWK of its own alg");
        }
        return new ReceiptSigner(algorithm.get(), named(algorithm.get(), jwk.get()));
    }

    /**
     * A key file written by another tool may lack a {@code kid}: receipts signed without one match no
     * published key, so no verifier could ever accept them.
     */
    private static JWK named(ReceiptAlgorithm algorithm, JWK key) {
        try {
            return algorithm.named(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    /** The compact JWS of {@code receipt}: header {@code alg}, {@code kid} and {@code typ}, payload its canonical JSON. */
    public String sign(Receipt receipt) {
        Objects.requireNonNull(receipt, "receipt");
        return sign(receipt.toCanonicalJson(), TYPE);
    }

    /**
     * The compact JWS of a consent receipt, as {@link #sign(Receipt)} signs a receipt but of type
     * {@code hashbridge-consent-receipt+jws}, so that neither can be taken for the other.
     */
    public String sign(ConsentReceipt receipt) {
        Objects.requireNonNull(receipt, "receipt");
        return sign(receipt.toCanonicalJson(), ConsentReceipt.TYPE);
    }

    private String sign(byte[] payload, JOSEObjectType type) {
        JWSHeader header = new JWSHeader.Builder(algorithm.jws()).keyID(key.getKeyID()).type(type).build();
        JWSObject jws = new JWSObject(header, new Payload(payload));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(algorithm + " signing failed", e);
        }
        return jws.serialize();
    }

    public ReceiptAlgorithm algorithm() {
        return algorithm;
    }

    public String keyId() {
        return key.getKeyID();
    }

    /** The public half, as a JWKS of one key, for {@code GET /api/v1/receipt-keys}. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    /** The private key as JSON, for the node to keep in its key file. Secret. */
    public String privateJwkJson() {
        return key.toJSONString();
    }
}
