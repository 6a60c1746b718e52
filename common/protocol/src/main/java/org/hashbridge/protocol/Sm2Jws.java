package org.hashbridge.protocol;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.CriticalHeaderParamsDeferral;
import com.nimbusds.jose.util.Base64URL;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * JWS {@code SM2SM3}: the SM2 signature of GB/T 32918.2 over an SM3 digest, with the default user id, of the
 * ASCII signing input (as RFC 7515 signs it), the signature being the 64-byte {@code r || s} (as RFC 7518
 * writes ECDSA's). No IANA name exists for it. Keys are {@link Sm2Key}s; the computation is {@link Sm2#RECEIPTS}.
 * Both signer and verifier are thread-safe.
 */
final class Sm2Jws {

    static final JWSAlgorithm SM2SM3 = new JWSAlgorithm("SM2SM3");

    private Sm2Jws() {
    }

    /** Signs with the private half of an SM2 JWK; SM2 is randomized, so each signature differs. */
    static final class Signer extends OwnJwsProvider implements JWSSigner {

        private final ECPrivateKeyParameters key;
        private final SecureRandom random;

        /** @throws IllegalArgumentException when {@code jwk} is not a private key */
        Signer(Sm2Key jwk) {
            this(jwk, new SecureRandom());
        }

        /** A signer whose k comes from {@code random}: for the standard's examples, which fix k. */
        Signer(Sm2Key jwk, SecureRandom random) {
            super(SM2SM3);
            if (!jwk.isPrivate()) {
                throw new IllegalArgumentException("not a private SM2 key");
            }
            this.key = jwk.privateParameters();
            this.random = random;
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            if (!SM2SM3.equals(header.getAlgorithm())) {
                throw new JOSEException("an SM2 key signs SM2SM3 only, not " + header.getAlgorithm());
            }
            return Base64URL.encode(Sm2.RECEIPTS.sign(key, signingInput, random));
        }
    }

    /** Verifies against an SM2 public key; refuses headers with critical parameters, as Nimbus's verifiers do. */
    static final class Verifier extends OwnJwsProvider implements JWSVerifier {

        private final ECPublicKeyParameters key;
        private final CriticalHeaderParamsDeferral critical = new CriticalHeaderParamsDeferral();

        Verifier(Sm2Key jwk) {
            super(SM2SM3);
            this.key = jwk.publicParameters();
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signedContent, Base64URL signature) {
            return SM2SM3.equals(header.getAlgorithm()) && critical.headerPasses(header)
                    && Sm2.RECEIPTS.verify(key, signedContent, signature.decode());
        }
    }
}
