package org.hashbridge.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;

/**
 * A resident's own public key: a passkey's (COSE algorithm -7, ES256) or a software key's, a P-256 point written as
 * an RFC 7517 JWK ({@code kty} EC, {@code crv} P-256, {@code x} and {@code y} in base64url). A key that exists is a
 * point of the curve. Its {@link #hash()} is what the registry binds to the resident; the key itself travels only in
 * signed forms the resident hands over.
 */
public record ResidentKey(String kty, String crv, String x, String y) {

    static final String KEY_TAG = "HashBridge/resident-key/v1";
    static final String BINDING_TAG = "HashBridge/resident-binding/v1";

    /** @throws InvalidInput {@code MALFORMED_APPROVAL} when this is not a P-256 public key */
    public ResidentKey {
        if (!"EC".equals(kty) || !Curve.P_256.getName().equals(crv) || x == null || y == null) {
            throw malformed("a resident key is a JWK with kty EC and crv P-256");
        }
        if (!x.matches("[A-Za-z0-9_-]{43}") || !y.matches("[A-Za-z0-9_-]{43}")) {
            throw malformed("a resident key's x and y are 32 bytes each, in base64url");
        }
        try {
            new ECKey.Builder(Curve.P_256, new Base64URL(x), new Base64URL(y)).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw malformed("the resident key is not a point of P-256");
        }
    }

    public static ResidentKey of(ECPublicKey key) {
        ECKey jwk = new ECKey.Builder(Curve.P_256, key).build();
        return new ResidentKey("EC", Curve.P_256.getName(), jwk.getX().toString(), jwk.getY().toString());
    }

    /** The key from its JSON (JWK) form; members besides kty, crv, x and y are refused. */
    public static ResidentKey fromJson(String json) {
        return ProtocolJson.read(Objects.requireNonNull(json).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ResidentKey.class, "MALFORMED_APPROVAL", "the resident key", "key");
    }

    public String toJson() {
        return ProtocolJson.write(this);
    }

    /** The 32-byte big-endian x coordinate. */
    public byte[] xBytes() {
        return new Base64URL(x).decode();
    }

    /** The 32-byte big-endian y coordinate. */
    public byte[] yBytes() {
        return new Base64URL(y).decode();
    }

    /** SHA-256("HashBridge/resident-key/v1" || x || y): Solidity's {@code sha256(abi.encodePacked(tag, qx, qy))}. */
    public Hash32 hash() {
        return ResidentChallenges.packed(KEY_TAG, xBytes(), yBytes());
    }

    @JsonIgnore
    public ECPublicKey publicKey() {
        try {
            return new ECKey.Builder(Curve.P_256, new Base64URL(x), new Base64URL(y)).build().toECPublicKey();
        } catch (JOSEException e) {
            throw malformed("the resident key is not a P-256 public key");
        }
    }

    /**
     * The resident's binding in the registry: SHA-256("HashBridge/resident-binding/v1" || subject reference). A
     * function of the subject reference alone, so it links nothing the subject reference does not.
     */
    public static Hash32 binding(SubjectReference subject) {
        return ResidentChallenges.packed(BINDING_TAG, subject.value().bytes());
    }

    private static InvalidInput malformed(String message) {
        return InvalidInput.of("MALFORMED_APPROVAL", message);
    }
}
