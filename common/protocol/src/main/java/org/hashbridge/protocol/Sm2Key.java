package org.hashbridge.protocol;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyRevocation;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * An SM2 receipt key as a JWK: {@code kty} {@code EC}, {@code crv} {@code SM2} (the sm2p256v1 curve of
 * GB/T 32918.5), the public point's {@code x} and {@code y} and, in a private key, the scalar {@code d}, each
 * 32 bytes in base64url as RFC 7518 section 6.2 writes EC keys. Nimbus's {@code ECKey} refuses curves it does
 * not know, hence this class. A key that exists is valid: its point is on the curve and, in a private key, is
 * d·G. Immutable.
 */
final class Sm2Key extends JWK {

    static final String CURVE = "SM2";

    private final Base64URL x;
    private final Base64URL y;
    private final Base64URL d;

    /** @throws IllegalArgumentException when (x, y) is not a point of the curve or d is not its private scalar */
    private Sm2Key(Base64URL x, Base64URL y, Base64URL d, KeyUse use, Algorithm alg, String kid) {
        super(KeyType.EC, use, null, alg, kid, null, null, null, null, null, null, null, null, null);
        this.x = x;
        this.y = y;
        this.d = d;
        ECPublicKeyParameters point = publicParameters();
        if (d != null && !Sm2.RECEIPTS.publicKey(privateParameters()).getQ().equals(point.getQ())) {
            // a key file whose x and y are not d's point signs receipts that its published key never verifies
            throw new IllegalArgumentException("the SM2 key's public point (x, y) does not match its private scalar (d)");
        }
    }

    /** A fresh private key for {@code alg}, of {@code use} sig, without a key id. */
    static Sm2Key generate(Algorithm alg) {
        ECPrivateKeyParameters key = Sm2.RECEIPTS.generate(new SecureRandom());
        ECPoint q = Sm2.RECEIPTS.publicKey(key).getQ();
        return new Sm2Key(Base64URL.encode(q.getAffineXCoord().getEncoded()), Base64URL.encode(q.getAffineYCoord().getEncoded()),
                Base64URL.encode(BigIntegers.asUnsignedByteArray(Sm2.RECEIPTS.size(), key.getD())), KeyUse.SIGNATURE, alg, null);
    }

    /**
     * The SM2 key a JSON object holds; members other than {@code kty}, {@code crv}, {@code x}, {@code y},
     * {@code d}, {@code use}, {@code alg} and {@code kid} are left out.
     *
     * @throws ParseException when it is not an SM2 JWK: another type or curve, a member missing or of the wrong
     *                        type, a coordinate or scalar not 32 bytes, a point off the curve, a d that is not its
     *                        point's
     */
    static Sm2Key fromJson(Map<String, Object> json) throws ParseException {
        if (!KeyType.EC.getValue().equals(JSONObjectUtils.getString(json, "kty"))
                || !CURVE.equals(JSONObjectUtils.getString(json, "crv"))) {
            throw new ParseException("not an SM2 JWK", 0);
        }
        Base64URL x = JSONObjectUtils.getBase64URL(json, "x");
        Base64URL y = JSONObjectUtils.getBase64URL(json, "y");
        if (x == null || y == null) {
            throw new ParseException("an SM2 JWK has x and y", 0);
        }
        String alg = JSONObjectUtils.getString(json, "alg");
        try {
            return new Sm2Key(x, y, JSONObjectUtils.getBase64URL(json, "d"), KeyUse.parse(JSONObjectUtils.getString(json, "use")),
                    alg == null ? null : Algorithm.parse(alg), JSONObjectUtils.getString(json, "kid"));
        } catch (IllegalArgumentException e) {
            throw new ParseException(e.getMessage(), 0);
        }
    }

    /** This key with {@code kid}, {@code alg} and {@code use} sig. */
    Sm2Key named(String kid, Algorithm alg) {
        return new Sm2Key(x, y, d, KeyUse.SIGNATURE, alg, kid);
    }

    ECPublicKeyParameters publicParameters() {
        return Sm2.RECEIPTS.publicKey(integer(x, "x"), integer(y, "y"));
    }

    /** @throws IllegalStateException when this is a public key */
    ECPrivateKeyParameters privateParameters() {
        if (d == null) {
            throw new IllegalStateException("not a private SM2 key");
        }
        return Sm2.RECEIPTS.privateKey(integer(d, "d"));
    }

    private static BigInteger integer(Base64URL value, String member) {
        byte[] bytes = value.decode();
        if (bytes.length != Sm2.RECEIPTS.size()) {
            throw new IllegalArgumentException("an SM2 key's " + member + " is " + Sm2.RECEIPTS.size() + " bytes");
        }
        return new BigInteger(1, bytes);
    }

    /** What RFC 7638 hashes, in its order: as for every EC key, crv, kty, x and y. */
    @Override
    public LinkedHashMap<String, ?> getRequiredParams() {
        LinkedHashMap<String, String> required = new LinkedHashMap<>();
        required.put("crv", CURVE);
        required.put("kty", KeyType.EC.getValue());
        required.put("x", x.toString());
        required.put("y", y.toString());
        return required;
    }

    @Override
    public boolean isPrivate() {
        return d != null;
    }

    @Override
    public Sm2Key toPublicJWK() {
        return new Sm2Key(x, y, null, getKeyUse(), getAlgorithm(), getKeyID());
    }

    /** Receipt keys are published or not; a JWKS never lists one as revoked. */
    @Override
    public JWK toRevokedJWK(KeyRevocation revocation) {
        throw new UnsupportedOperationException("an SM2 receipt key is not revoked in its JWK");
    }

    @Override
    public int size() {
        return Sm2.RECEIPTS.size() * 8;
    }

    @Override
    public Map<String, Object> toJSONObject() {
        Map<String, Object> json = super.toJSONObject();
        json.put("crv", CURVE);
        json.put("x", x.toString());
        json.put("y", y.toString());
        if (d != null) {
            json.put("d", d.toString());
        }
        return json;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sm2Key key && super.equals(key) && x.equals(key.x) && y.equals(key.y)
                && Objects.equals(d, key.d);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), x, y, d);
    }
}
