package org.hashbridge.protocol;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The signatures a receipt may carry, each bound to one kind of key (type and curve): a verifier takes a
 * receipt's {@code alg} only with a published key of that kind, so no key is ever used under another algorithm.
 */
public enum ReceiptAlgorithm {

    /** EdDSA over Ed25519 (RFC 8037), an {@code OKP} key on curve {@code Ed25519}: what nodes sign by default. */
    EDDSA(JWSAlgorithm.EdDSA, "OKP", Curve.Ed25519.getName()) {
        @Override
        boolean fits(JWK key) {
            return key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve());
        }

        @Override
        JWK generate() {
            return new OctetKeyPair.Builder(Ed25519Jws.generate()).keyUse(KeyUse.SIGNATURE).algorithm(jws()).build();
        }

        @Override
        JWK named(JWK key) throws JOSEException {
            return new OctetKeyPair.Builder((OctetKeyPair) key).keyIDFromThumbprint().keyUse(KeyUse.SIGNATURE)
                    .algorithm(jws()).build();
        }

        @Override
        JWK parse(Map<String, Object> json) throws ParseException {
            return OctetKeyPair.parse(json);
        }

        @Override
        JWSSigner signer(JWK key) {
            return new Ed25519Jws.Signer((OctetKeyPair) key);
        }

        @Override
        JWSVerifier verifier(JWK key) throws JOSEException {
            return new Ed25519Jws.Verifier((OctetKeyPair) key);
        }
    },

    /** ECDSA P-256 with SHA-256 (RFC 7518), an {@code EC} key on curve {@code P-256}: receipts signed before EdDSA. */
    ES256(JWSAlgorithm.ES256, "EC", Curve.P_256.getName()) {
        @Override
        boolean fits(JWK key) {
            return key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve());
        }

        @Override
        JWK generate() throws JOSEException {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(jws()).generate();
        }

        @Override
        JWK named(JWK key) throws JOSEException {
            return new ECKey.Builder((ECKey) key).keyIDFromThumbprint().keyUse(KeyUse.SIGNATURE).algorithm(jws()).build();
        }

        @Override
        JWK parse(Map<String, Object> json) throws ParseException {
            return ECKey.parse(json);
        }

        @Override
        JWSSigner signer(JWK key) throws JOSEException {
            return new ECDSASigner((ECKey) key);
        }

        @Override
        JWSVerifier verifier(JWK key) throws JOSEException {
            return new ECDSAVerifier((ECKey) key);
        }
    },

    /**
     * SM2 over an SM3 digest (GB/T 32918.2, GB/T 32905), an {@code EC} key on curve {@code SM2} (sm2p256v1): what
     * nodes of the {@code sm} profile sign. JWS {@code alg} {@code SM2SM3}, a name of HashBridge's own.
     */
    SM2(Sm2Jws.SM2SM3, "EC", Sm2Key.CURVE) {
        @Override
        boolean fits(JWK key) {
            return key instanceof Sm2Key;
        }

        @Override
        JWK generate() {
            return Sm2Key.generate(jws());
        }

        @Override
        JWK named(JWK key) throws JOSEException {
            return ((Sm2Key) key).named(key.computeThumbprint().toString(), jws());
        }

        @Override
        JWK parse(Map<String, Object> json) throws ParseException {
            return Sm2Key.fromJson(json);
        }

        @Override
        JWSSigner signer(JWK key) {
            return new Sm2Jws.Signer((Sm2Key) key);
        }

        @Override
        JWSVerifier verifier(JWK key) {
            return new Sm2Jws.Verifier((Sm2Key) key);
        }
    };

    private final JWSAlgorithm jws;
    private final String kty;
    private final String crv;

    ReceiptAlgorithm(JWSAlgorithm jws, String kty, String crv) {
        this.jws = jws;
        this.kty = kty;
        this.crv = crv;
    }

    /** The JWS {@code alg}: {@code EdDSA}, {@code ES256} or {@code SM2SM3}. */
    public JWSAlgorithm jws() {
        return jws;
    }

    /** The receipt algorithm a JWS header names, empty for any other (HS256, RS256, none...). */
    static Optional<ReceiptAlgorithm> of(JWSAlgorithm alg) {
        return Arrays.stream(values()).filter(a -> a.jws.equals(alg)).findFirst();
    }

    /** The algorithm that signs with {@code key}, empty for a key of any other type or curve. */
    static Optional<ReceiptAlgorithm> ofKey(JWK key) {
        return Arrays.stream(values()).filter(a -> a.fits(key)).findFirst();
    }

    /**
     * The receipt key a JWK in JSON holds, empty when its {@code kty} and {@code crv} are of no receipt
     * algorithm (an RSA key, a P-384 key, a kind of key a later version may sign with...).
     *
     * @throws ParseException when its type and curve are a receipt algorithm's but it is not a valid key of them
     */
    static Optional<JWK> readKey(Map<String, Object> json) throws ParseException {
        for (ReceiptAlgorithm algorithm : values()) {
            if (algorithm.kty.equals(json.get("kty")) && algorithm.crv.equals(json.get("crv"))) {
                return Optional.of(algorithm.parse(json));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether receipts of this algorithm may be checked with {@code key}: a key of its kind, which names no
     * other {@code alg} (RFC 7517 section 4.4).
     */
    boolean accepts(JWK key) {
        return fits(key) && (key.getAlgorithm() == null || jws.getName().equals(key.getAlgorithm().getName()));
    }

    /** Whether {@code key} is of the one kind (type and curve) this algorithm signs with. */
    abstract boolean fits(JWK key);

    /** A fresh private key with {@code use} and {@code alg} set, without a key id. */
    abstract JWK generate() throws JOSEException;

    /** {@code key} named by its RFC 7638 thumbprint, with {@code use} sig and this {@code alg}; it must {@link #fits(JWK) fit}. */
    abstract JWK named(JWK key) throws JOSEException;

    /** @throws ParseException when {@code json} is not a valid key of this algorithm's kind */
    abstract JWK parse(Map<String, Object> json) throws ParseException;

    /** @throws IllegalArgumentException or JOSEException when {@code key} is not a usable private key */
    abstract JWSSigner signer(JWK key) throws JOSEException;

    /** @throws JOSEException when {@code key} is not a usable public key */
    abstract JWSVerifier verifier(JWK key) throws JOSEException;
}
