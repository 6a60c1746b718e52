package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.util.test.TestRandomBigInteger;
import org.junit.jupiter.api.Test;

/**
 * The SM2 signer against the published examples of GB/T 32918 with their fixed k: so the user id, the SM3
 * digest, the curve and the {@code r || s} encoding receipts are signed with are the standard's, not merely
 * consistent with themselves.
 */
class Sm2Test {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] MESSAGE = "message digest".getBytes(StandardCharsets.US_ASCII);

    /** GB/T 32918.2's example (also draft-shen-sm2-ecdsa-02, appendix A.2): a 256-bit test curve, Alice's user id. */
    private static final ECCurve TEST_CURVE = new ECCurve.Fp(
            big("8542D69E4C044F18E8B92435BF6FF7DE457283915C45517D722EDB8B08F1DFC3"),
            big("787968B4FA32C3FD2417842E73BBFEFF2F3C848B6831D7E0EC65228B3937E498"),
            big("63E4C6D3B23B0C849CF84241484BFE48F61D59A5B16BA06E6E12D1DA27C5249A"),
            big("8542D69E4C044F18E8B92435BF6FF7DD297720630485628D5AE74EE7C32E79B7"), BigInteger.ONE);
    private static final Sm2 TEST_CURVE_ALICE = new Sm2(new ECDomainParameters(TEST_CURVE, TEST_CURVE.createPoint(
            big("421DEBD61B62EAB6746434EBC3CC315E32220B3BADD50BDC4C4E6C147FEDD43D"),
            big("0680512BCBB42C07D47349D2153B70C4E5D7FDFCBFA36EA1A85841B9E46E09A2")),
            big("8542D69E4C044F18E8B92435BF6FF7DD297720630485628D5AE74EE7C32E79B7")),
            "ALICE123@YAHOO.COM".getBytes(StandardCharsets.US_ASCII));
    private static final String ALICE_D = "128B2FA8BD433C6C068C8D803DFF79792A519A55171B1B650C23661D15897263";
    private static final String ALICE_X = "0AE4C7798AA0F119471BEE11825BE46202BB79E2A5844495E97C04FF4DF2548A";
    private static final String ALICE_Y = "7C0240F88F1CD4E16352A73C17B7F16F07353E53A176D684A9FE0C6BB798E857";
    private static final String ALICE_K = "6CB28D99385C175C94F94E934817663FC176D925DD72B727260DBAAE1FB2F96F";
    private static final String ALICE_R = "40F1EC59F793D9F49E09DCEF49130D4194F79FB1EED2CAA55BACDB49C4E755D1";
    private static final String ALICE_S = "6FC6DAC32C5D5CF10C77DFB20F7C2EB667A457872FB09EC56327A67EC7DEEBE7";

    /** GB/T 32918.5's example on the curve receipts use, sm2p256v1, with the default user id 1234567812345678. */
    private static final String D = "3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8";
    private static final String X = "09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020";
    private static final String Y = "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13";
    private static final String K = "59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21";
    private static final String R = "F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3";
    private static final String S = "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA";

    private static BigInteger big(String hex) {
        return new BigInteger(hex, 16);
    }

    private static byte[] rs(String r, String s) {
        return HEX.parseHex(r + s);
    }

    @Test
    void reproducesTheStandardsSignatureOnItsTestCurveWithAlicesUserId() {
        ECPrivateKeyParameters key = TEST_CURVE_ALICE.privateKey(big(ALICE_D));
        ECPublicKeyParameters published = TEST_CURVE_ALICE.publicKey(big(ALICE_X), big(ALICE_Y));

        assertThat(TEST_CURVE_ALICE.publicKey(key).getQ()).isEqualTo(published.getQ());
        assertThat(TEST_CURVE_ALICE.sign(key, MESSAGE, new TestRandomBigInteger(ALICE_K, 16))).isEqualTo(rs(ALICE_R, ALICE_S));
        assertThat(TEST_CURVE_ALICE.verify(published, MESSAGE, rs(ALICE_R, ALICE_S))).isTrue();
        assertThat(TEST_CURVE_ALICE.verify(published, "message digesT".getBytes(StandardCharsets.US_ASCII),
                rs(ALICE_R, ALICE_S))).isFalse();
    }

    @Test
    void reproducesTheStandardsSignatureOnTheReceiptCurveWithTheDefaultUserId() {
        ECPrivateKeyParameters key = Sm2.RECEIPTS.privateKey(big(D));
        ECPublicKeyParameters published = Sm2.RECEIPTS.publicKey(big(X), big(Y));

        assertThat(Sm2.DEFAULT_USER_ID).asString(StandardCharsets.US_ASCII).isEqualTo("1234567812345678");
        assertThat(Sm2.RECEIPTS.publicKey(key).getQ()).isEqualTo(published.getQ());
        assertThat(Sm2.RECEIPTS.sign(key, MESSAGE, new TestRandomBigInteger(K, 16))).isEqualTo(rs(R, S));
        assertThat(Sm2.RECEIPTS.verify(published, MESSAGE, rs(R, S))).isTrue();
    }

    /** The JWS signer itself, from the example's key as a JWK, signs the example's message as a signing input. */
    @Test
    void theJwsSignerOfReceiptsSignsTheStandardsExample() throws Exception {
        Sm2Key key = Sm2Key.fromJson(JSONObjectUtils.parse("{\"kty\":\"EC\",\"crv\":\"SM2\",\"x\":\""
                + Base64URL.encode(HEX.parseHex(X)) + "\",\"y\":\"" + Base64URL.encode(HEX.parseHex(Y)) + "\",\"d\":\""
                + Base64URL.encode(HEX.parseHex(D)) + "\"}"));
        JWSHeader header = new JWSHeader(Sm2Jws.SM2SM3);

        Base64URL signature = new Sm2Jws.Signer(key, new TestRandomBigInteger(K, 16)).sign(header, MESSAGE);

        assertThat(signature.decode()).isEqualTo(rs(R, S));
        assertThat(new Sm2Jws.Verifier(key.toPublicJWK()).verify(header, MESSAGE, signature)).isTrue();
    }

    /** The user id is part of what is signed: under another one, the same key, message and k sign otherwise. */
    @Test
    void theUserIdIsSigned() {
        Sm2 alice = new Sm2(new ECDomainParameters(CustomNamedCurves.getByName("sm2p256v1")),
                "ALICE123@YAHOO.COM".getBytes(StandardCharsets.US_ASCII));

        assertThat(alice.sign(alice.privateKey(big(D)), MESSAGE, new TestRandomBigInteger(K, 16))).isNotEqualTo(rs(R, S));
        assertThat(alice.verify(alice.publicKey(big(X), big(Y)), MESSAGE, rs(R, S))).isFalse();
    }

    @Test
    void aSignatureOfAnotherLengthOrOutOfRangeDoesNotVerify() {
        ECPublicKeyParameters key = Sm2.RECEIPTS.publicKey(big(X), big(Y));
        byte[] genuine = rs(R, S);
        String n = "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123";

        for (int length : new int[] {0, 1, 32, 63, 65, 70, 72, 128}) {
            assertThat(Sm2.RECEIPTS.verify(key, MESSAGE, Arrays.copyOf(genuine, length))).as("%d bytes", length).isFalse();
        }
        assertThat(Sm2.RECEIPTS.verify(key, MESSAGE, rs("00".repeat(32), S))).isFalse();
        assertThat(Sm2.RECEIPTS.verify(key, MESSAGE, rs(R, "00".repeat(32)))).isFalse();
        assertThat(Sm2.RECEIPTS.verify(key, MESSAGE, rs(n, S))).isFalse();
        assertThat(Sm2.RECEIPTS.verify(key, MESSAGE, rs(R, n))).isFalse();
    }

    @Test
    void aPointOffTheCurveIsNoPublicKey() {
        BigInteger p = big("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF");

        assertThatIllegalArgumentException().isThrownBy(() -> Sm2.RECEIPTS.publicKey(big(X), big(Y).add(BigInteger.ONE)));
        assertThatIllegalArgumentException().isThrownBy(() -> Sm2.RECEIPTS.publicKey(BigInteger.ZERO, BigInteger.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> Sm2.RECEIPTS.publicKey(big(X).add(p), big(Y)));
        assertThatIllegalArgumentException().isThrownBy(() -> TEST_CURVE_ALICE.publicKey(big(X), big(Y)));
    }

    @Test
    void aPrivateKeyIsFromOneToNMinusTwo() {
        BigInteger n = big("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123");

        assertThat(Sm2.RECEIPTS.privateKey(BigInteger.ONE).getD()).isEqualTo(BigInteger.ONE);
        assertThat(Sm2.RECEIPTS.privateKey(n.subtract(BigInteger.TWO)).getD()).isEqualTo(n.subtract(BigInteger.TWO));
        for (BigInteger d : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE.negate(), n.subtract(BigInteger.ONE), n}) {
            assertThatIllegalArgumentException().as(d.toString(16)).isThrownBy(() -> Sm2.RECEIPTS.privateKey(d));
        }
    }
}
