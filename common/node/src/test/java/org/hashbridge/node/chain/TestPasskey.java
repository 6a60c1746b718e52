package org.hashbridge.node.chain;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.ResidentApproval;
import org.hashbridge.protocol.ResidentKey;
import org.hashbridge.protocol.SoftwareAuthenticator;

/**
 * A resident's key for tests: the protocol's {@link SoftwareAuthenticator} for approvals of the ordinary form, and
 * its private key for the forms a genuine authenticator never makes (another type, no user presence, a challenge
 * out of place) or that a browser's passkey makes (its own origin, user verification not done), each signed for
 * real so that only the rule under test can refuse it.
 */
public final class TestPasskey {

    /** The order of P-256's group. */
    public static final BigInteger N = new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
    public static final int USER_PRESENT = 0x01;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SoftwareAuthenticator authenticator;
    private final PrivateKey privateKey;

    private TestPasskey(SoftwareAuthenticator authenticator) {
        this.authenticator = authenticator;
        String pem = authenticator.toPem().replaceAll("-----[A-Z ]+-----|\\s", "");
        try {
            this.privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestPasskey generate() {
        return new TestPasskey(SoftwareAuthenticator.generate());
    }

    public ResidentKey key() {
        return authenticator.key();
    }

    public Hash32 keyHash() {
        return key().hash();
    }

    /** An approval of {@code challenge} as the software authenticator makes it. */
    public ResidentApproval approve(Hash32 challenge) {
        return authenticator.approve(challenge);
    }

    /**
     * An approval of {@code challenge} as a browser's passkey makes it for {@code https://hk-node.example}: the user
     * present but not verified (a security key without a PIN), the origin and {@code crossOrigin} after the challenge.
     */
    public ResidentApproval approveInBrowser(Hash32 challenge) {
        return sign(authenticatorData(USER_PRESENT), clientData("webauthn.get", challenge)
                .replace("}", ",\"origin\":\"https://hk-node.example\",\"crossOrigin\":false}"));
    }

    /** An approval over exactly these bytes, signed by this key. */
    public ResidentApproval sign(byte[] authenticatorData, String clientDataJson) {
        byte[] client = clientDataJson.getBytes(StandardCharsets.UTF_8);
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(privateKey);
            ecdsa.update(authenticatorData);
            ecdsa.update(MessageDigest.getInstance("SHA-256").digest(client));
            return new ResidentApproval(key(), BASE64URL.encodeToString(authenticatorData), BASE64URL.encodeToString(client),
                    BASE64URL.encodeToString(ecdsa.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code approval} carrying {@code signature} (DER) instead of its own, under its own key. */
    public static ResidentApproval withSignature(ResidentApproval approval, String signature) {
        return new ResidentApproval(approval.key(), approval.authenticatorData(), approval.clientDataJSON(), signature);
    }

    /** An authenticator data of the relying party {@code hk-node.example} with these flags and a counter of 7. */
    public static byte[] authenticatorData(int flags) {
        try {
            return ByteBuffer.allocate(37).put(MessageDigest.getInstance("SHA-256")
                    .digest("hk-node.example".getBytes(StandardCharsets.US_ASCII))).put((byte) flags).putInt(7).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code {"type":…,"challenge":…}}, the challenge in base64url. */
    public static String clientData(String type, Hash32 challenge) {
        return "{\"type\":\"" + type + "\",\"challenge\":\"" + BASE64URL.encodeToString(challenge.bytes()) + "\"}";
    }

    /** r || s of {@code approval} with s in the upper half of the group order: the same signature, malleated. */
    public static byte[] highS(ResidentApproval approval) {
        byte[] raw = approval.rawSignature();
        BigInteger high = N.subtract(new BigInteger(1, Arrays.copyOfRange(raw, 32, 64)));
        byte[] s = high.toByteArray();
        byte[] out = raw.clone();
        Arrays.fill(out, 32, 64, (byte) 0);
        int length = Math.min(s.length, 32);
        System.arraycopy(s, s.length - length, out, 64 - length, length);
        return out;
    }
}
