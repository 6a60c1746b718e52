package org.hashbridge.protocol;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.CriticalHeaderParamsDeferral;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * RFC 8037 {@code EdDSA} JWS over Ed25519 keys ({@code OKP} JWKs), computed by Bouncy Castle: Nimbus's own
 * Ed25519 signer and verifier need Google Tink, which nothing else here uses. Both are thread-safe.
 */
final class Ed25519Jws {

    private Ed25519Jws() {
    }

    /** A fresh private Ed25519 JWK (no key id yet). */
    static OctetKeyPair generate() {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(key.generatePublicKey().getEncoded()))
                .d(Base64URL.encode(key.getEncoded())).build();
    }

    /** Signs with the private half of an Ed25519 JWK. */
    static final class Signer extends OwnJwsProvider implements JWSSigner {

        private final Ed25519PrivateKeyParameters key;

        /** @throws IllegalArgumentException when {@code jwk} is not a private Ed25519 key whose {@code x} is its public half */
        Signer(OctetKeyPair jwk) {
            super(JWSAlgorithm.EdDSA);
            if (!Curve.Ed25519.equals(jwk.getCurve()) || jwk.getD() == null
                    || jwk.getDecodedD().length != Ed25519PrivateKeyParameters.KEY_SIZE) {
                throw new IllegalArgumentException("not a private Ed25519 key");
            }
            this.key = new Ed25519PrivateKeyParameters(jwk.getDecodedD());
            // a key file whose x is not derived from d signs receipts that its published key never verifies
            if (!MessageDigest.isEqual(key.generatePublicKey().getEncoded(), jwk.getDecodedX())) {
                throw new IllegalArgumentException("the Ed25519 key's public half (x) does not match its private half (d)");
            }
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
                throw new JOSEException("an Ed25519 key signs EdDSA only, not " + header.getAlgorithm());
            }
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, key);
            signer.update(signingInput, 0, signingInput.length);
            return Base64URL.encode(signer.generateSignature());
        }
    }

    /** Verifies against an Ed25519 public key; refuses headers with critical parameters, as Nimbus's verifiers do. */
    static final class Verifier extends OwnJwsProvider implements JWSVerifier {

        private final Ed25519PublicKeyParameters key;
        private final CriticalHeaderParamsDeferral critical = new CriticalHeaderParamsDeferral();

        /** @throws JOSEException when {@code jwk} is not an Ed25519 key or its {@code x} is not a curve point */
        Verifier(OctetKeyPair jwk) throws JOSEException {
            super(JWSAlgorithm.EdDSA);
            byte[] x = jwk.getDecodedX();
            if (!Curve.Ed25519.equals(jwk.getCurve()) || x.length != Ed25519PublicKeyParameters.KEY_SIZE) {
                throw new JOSEException("not an Ed25519 public key");
            }
            try {
                this.key = new Ed25519PublicKeyParameters(x);
            } catch (IllegalArgumentException e) {
                throw new JOSEException("not an Ed25519 public key", e);
            }
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signedContent, Base64URL signature) {
            if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm()) || !critical.headerPasses(header)) {
                return false;
            }
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, key);
            verifier.update(signedContent, 0, signedContent.length);
            return verifier.verifySignature(signature.decode());
        }
    }
}
