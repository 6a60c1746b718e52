package org.hashbridge.protocol;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * The SM2 digital signature of GB/T 32918.2 with SM3 (GB/T 32905) as its hash, computed by Bouncy Castle's
 * {@link SM2Signer}: the signer's Z is the SM3 of its user id, the curve and its public key; the message is
 * signed as SM3(Z || message); the signature is {@code r || s}, each as long as the curve's order (64 bytes on
 * a 256-bit curve), not DER. Receipts use {@link #RECEIPTS}; the other constructor exists for the standard's
 * examples, which also use a test curve and another user id. Thread-safe.
 */
final class Sm2 {

    /** The user id of a signer that agreed on no other (GM/T 0009, GB/T 35276): the ASCII digits 1 to 8, twice. */
    static final byte[] DEFAULT_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

    /** Receipts: curve sm2p256v1 of GB/T 32918.5 and the default user id. */
    static final Sm2 RECEIPTS = new Sm2(new ECDomainParameters(CustomNamedCurves.getByName("sm2p256v1")), DEFAULT_USER_ID);

    private final ECDomainParameters domain;
    private final byte[] userId;

    Sm2(ECDomainParameters domain, byte[] userId) {
        this.domain = domain;
        this.userId = userId.clone();
    }

    /** The length in bytes of a coordinate, of a private scalar and of each of {@code r} and {@code s}. */
    int size() {
        return (domain.getN().bitLength() + 7) / 8;
    }

    /** A fresh private key, as Bouncy Castle draws EC keys, short of n - 1, which SM2 leaves out. */
    ECPrivateKeyParameters generate(SecureRandom random) {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(domain, random));
        while (true) {
            ECPrivateKeyParameters key = (ECPrivateKeyParameters) generator.generateKeyPair().getPrivate();
            if (key.getD().compareTo(domain.getN().subtract(BigInteger.TWO)) <= 0) {
                return key;
            }
        }
    }

    /** @throws IllegalArgumentException unless 1 &le; d &le; n - 2, as GB/T 32918.1 requires of an SM2 private key */
    ECPrivateKeyParameters privateKey(BigInteger d) {
        if (d.signum() <= 0 || d.compareTo(domain.getN().subtract(BigInteger.TWO)) > 0) {
            throw new IllegalArgumentException("an SM2 private key is an integer from 1 to n - 2");
        }
        return new ECPrivateKeyParameters(d, domain);
    }

    /** The public point {@code (x, y)}. @throws IllegalArgumentException when it is not a finite point of the curve */
    ECPublicKeyParameters publicKey(BigInteger x, BigInteger y) {
        try {
            return new ECPublicKeyParameters(domain.getCurve().validatePoint(x, y), domain);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("not a point of the SM2 curve", e);
        }
    }

    /** The public half of {@code key}: d·G. */
    ECPublicKeyParameters publicKey(ECPrivateKeyParameters key) {
        return new ECPublicKeyParameters(new FixedPointCombMultiplier().multiply(domain.getG(), key.getD()).normalize(), domain);
    }

    /** {@code r || s} over {@code message}, with {@code random} choosing k. */
    byte[] sign(ECPrivateKeyParameters key, byte[] message, SecureRandom random) {
        SM2Signer signer = signer();
        signer.init(true, new ParametersWithID(new ParametersWithRandom(key, random), userId));
        signer.update(message, 0, message.length);
        try {
            return signer.generateSignature();
        } catch (CryptoException e) {
            throw new IllegalStateException("SM2 signing failed", e);
        }
    }

    /** Whether {@code signature} is an {@code r || s} of {@code message} by {@code key}; false for any other length. */
    boolean verify(ECPublicKeyParameters key, byte[] message, byte[] signature) {
        SM2Signer verifier = signer();
        verifier.init(false, new ParametersWithID(key, userId));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    private static SM2Signer signer() {
        return new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
    }
}
