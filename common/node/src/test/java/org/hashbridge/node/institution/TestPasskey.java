package org.hashbridge.node.institution;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.ResidentApproval;
import org.hashbridge.protocol.ResidentKey;

/**
 * A passkey made in the test: what a browser's authenticator answers to {@code navigator.credentials.create} (attestation
 * "none", its attestation object CBOR-encoded by webauthn4j's own converter) and {@code navigator.credentials.get}, for
 * the relying party and origin it is told. Its key is a P-256 key, or a P-384 one (ES384) that no resident key can be.
 */
public final class TestPasskey {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectConverter CBOR = new ObjectConverter();

    private final KeyPair pair;
    private final COSEAlgorithmIdentifier algorithm;
    private final byte[] credentialId = new byte[16];
    private long counter;

    private TestPasskey(String curve, COSEAlgorithmIdentifier algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            this.pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.algorithm = algorithm;
        new SecureRandom().nextBytes(credentialId);
    }

    /** A passkey as a phone or a security key makes it: P-256, ES256. */
    public static TestPasskey es256() {
        return new TestPasskey("secp256r1", COSEAlgorithmIdentifier.ES256);
    }

    /** A passkey of another kind: P-384, ES384. */
    public static TestPasskey es384() {
        return new TestPasskey("secp384r1", COSEAlgorithmIdentifier.ES384);
    }

    public String credentialId() {
        return BASE64URL.encodeToString(credentialId);
    }

    public ResidentKey key() {
        return ResidentKey.of((ECPublicKey) pair.getPublic());
    }

    /** The JSON {@code PublicKeyCredential} of a registration over {@code challenge}. */
    public String registration(String rpId, String origin, byte[] challenge) {
        AttestedCredentialData credential = new AttestedCredentialData(AAGUID.ZERO, credentialId,
                EC2COSEKey.create((ECPublicKey) pair.getPublic(), algorithm));
        byte flags = (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV | AuthenticatorData.BIT_AT);
        var data = new AuthenticatorData<com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput>(
                sha256(rpId.getBytes(StandardCharsets.UTF_8)), flags, counter, credential);
        byte[] attestation = new AttestationObjectConverter(CBOR).convertToBytes(
                new AttestationObject(data, new NoneAttestationStatement()));
        String id = credentialId();
        return "{\"id\":\"" + id + "\",\"rawId\":\"" + id + "\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\""
                + BASE64URL.encodeToString(clientData("webauthn.create", challenge, origin)) + "\",\"attestationObject\":\""
                + BASE64URL.encodeToString(attestation) + "\",\"transports\":[\"internal\"]},\"clientExtensionResults\":{}}";
    }

    /** What {@code navigator.credentials.get} answers for {@code challenge}: base64url authenticator data, client data, signature. */
    public Assertion assertion(String rpId, String origin, byte[] challenge) {
        counter++;
        byte[] data = ByteBuffer.allocate(37).put(sha256(rpId.getBytes(StandardCharsets.UTF_8)))
                .put((byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV)).putInt((int) counter).array();
        byte[] client = clientData("webauthn.get", challenge, origin);
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(pair.getPrivate());
            ecdsa.update(data);
            ecdsa.update(sha256(client));
            return new Assertion(credentialId(), BASE64URL.encodeToString(data), BASE64URL.encodeToString(client),
                    BASE64URL.encodeToString(ecdsa.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An assertion in the form of a resident approval. */
    public ResidentApproval approve(String rpId, String origin, Hash32 challenge) {
        Assertion assertion = assertion(rpId, origin, challenge.bytes());
        return new ResidentApproval(key(), assertion.authenticatorData(), assertion.clientDataJSON(), assertion.signature());
    }

    public record Assertion(String credentialId, String authenticatorData, String clientDataJSON, String signature) {
    }

    private static byte[] clientData(String type, byte[] challenge, String origin) {
        return ("{\"type\":\"" + type + "\",\"challenge\":\"" + BASE64URL.encodeToString(challenge) + "\",\"origin\":\""
                + origin + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
