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
import java.util.Arrays;
import java.util.Optional;

/**
 * The two signatures a receipt may carry, each bound to one kind of key: a verifier takes a receipt's
 * {@code alg} only with a published key of that kind, so no key is ever used under another algorithm.
 */
public enum ReceiptAlgorithm {

    /** EdDSA over Ed25519 (RFC 8037), an {@code OKP} key on curve {@code Ed25519}: new receipts. */
    EDDSA(JWSAlgorithm.EdDSA) {
        @Override
        boolean fits(JWK key) {
            return key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve());
        }

        @Override
        JWK generate() {
            return new OctetKeyPair.Builder(Ed25519Jws.generate()).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.EdDSA)
                    .build();
        }

        @Override
        JWK withThumbprintKeyId(JWK key) throws JOSEException {
            return new OctetKeyPair.Builder((OctetKeyPair) key).keyIDFromThumbprint().build();
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
    ES256(JWSAlgorithm.ES256) {
        @Override
        boolean fits(JWK key) {
            return key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve());
        }

        @Override
        JWK generate() throws JOSEException {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).generate();
        }

        @Override
        JWK withThumbprintKeyId(JWK key) throws JOSEException {
            return new ECKey.Builder((ECKey) key).keyIDFromThumbprint().build();
        }

        @Override
        JWSSigner signer(JWK key) throws JOSEException {
            return new ECDSASigner((ECKey) key);
        }

        @Override
        JWSVerifier verifier(JWK key) throws JOSEException {
            return new ECDSAVerifier((ECKey) key);
        }
    };

    private final JWSAlgorithm jws;

    ReceiptAlgorithm(JWSAlgorithm jws) {
        this.jws = jws;
    }

    /** The JWS {@code alg}: {@code EdDSA} or {@code ES256}. */
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

    /** Whether {@code key} is of the one kind (type and curve) this algorithm signs with. */
    abstract boolean fits(JWK key);

    /** A fresh private key with {@code use} and {@code alg} set, without a key id. */
    abstract JWK generate() throws JOSEException;

    /** {@code key} named by its RFC 7638 thumbprint; {@code key} must {@link #fits(JWK) fit}. */
    abstract JWK withThumbprintKeyId(JWK key) throws JOSEException;

    /** @throws IllegalArgumentException or JOSEException when {@code key} is not a usable private key */
    abstract JWSSigner signer(JWK key) throws JOSEException;

    /** @throws JOSEException when {@code key} is not a usable public key */
    abstract JWSVerifier verifier(JWK key) throws JOSEException;
}
