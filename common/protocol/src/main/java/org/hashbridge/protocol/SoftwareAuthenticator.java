package org.hashbridge.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/**
 * A resident key held in software, for residents and integrators who script their consents: a P-256 key pair
 * whose approvals have the exact form of a passkey's ({@link ResidentApproval}), so every checker treats both
 * alike. Its authenticator data names no relying party (the SHA-256 of "hashbridge-software-key"), with the
 * user-present and user-verified flags, and a counter of zero.
 */
public final class SoftwareAuthenticator {

    static final String ORIGIN = "hashbridge:software-key";
    private static final byte FLAGS = 0x05; // user present, user verified
    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";

    private final ECPrivateKey privateKey;
    private final ResidentKey key;

    private SoftwareAuthenticator(ECPrivateKey privateKey, ECPublicKey publicKey) {
        this.privateKey = privateKey;
        this.key = ResidentKey.of(publicKey);
    }

    public static SoftwareAuthenticator generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            return new SoftwareAuthenticator((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK makes P-256 keys", e);
        }
    }

    /**
     * The key of a PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}), as {@link #toPem()} writes it and
     * {@code openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256} makes it.
     *
     * @throws InvalidInput {@code MALFORMED_RESIDENT_KEY} when it is not a P-256 private key
     */
    public static SoftwareAuthenticator fromPem(String pem) {
        try {
            String body = pem.strip();
            if (!body.startsWith(PEM_BEGIN) || !body.endsWith(PEM_END)) {
                throw new IllegalArgumentException("not a PKCS#8 PEM");
            }
            byte[] der = Base64.getMimeDecoder().decode(body.substring(PEM_BEGIN.length(), body.length() - PEM_END.length()));
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
            if (!(key instanceof ECPrivateKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256
                    || !ec.getParams().getOrder().equals(p256Order())) {
                throw new IllegalArgumentException("not a P-256 key");
            }
            return new SoftwareAuthenticator(ec, publicOf(ec));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw InvalidInput.of("MALFORMED_RESIDENT_KEY", "a resident key file holds a P-256 private key in PKCS#8 PEM");
        }
    }

    /** The private key as PKCS#8 PEM. Whoever holds it can consent in the resident's name: keep it as a password. */
    public String toPem() {
        return PEM_BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(privateKey.getEncoded()) + "\n" + PEM_END + "\n";
    }

    public ResidentKey key() {
        return key;
    }

    /** An approval of {@code challenge}, in the form a passkey gives. */
    public ResidentApproval approve(Hash32 challenge) {
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        byte[] data = ByteBuffer.allocate(37)
                .put(ResidentChallenges.sha256("hashbridge-software-key".getBytes(StandardCharsets.US_ASCII)))
                .put(FLAGS).putInt(0).array();
        byte[] client = ("{\"type\":\"webauthn.get\",\"challenge\":\"" + base64url.encodeToString(challenge.bytes())
                + "\",\"origin\":\"" + ORIGIN + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(privateKey);
            ecdsa.update(data);
            ecdsa.update(ResidentChallenges.sha256(client));
            return new ResidentApproval(key, base64url.encodeToString(data), base64url.encodeToString(client),
                    base64url.encodeToString(ecdsa.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK signs ECDSA on P-256", e);
        }
    }

    @Override
    public String toString() {
        return "SoftwareAuthenticator[" + key.hash() + "]";
    }

    private static java.math.BigInteger p256Order() {
        return CustomNamedCurves.getByName("secp256r1").getN();
    }

    private static ECPublicKey publicOf(ECPrivateKey key) throws GeneralSecurityException {
        X9ECParameters curve = CustomNamedCurves.getByName("secp256r1");
        org.bouncycastle.math.ec.ECPoint q = curve.getG().multiply(key.getS()).normalize();
        ECPoint point = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, key.getParams()));
    }
}
