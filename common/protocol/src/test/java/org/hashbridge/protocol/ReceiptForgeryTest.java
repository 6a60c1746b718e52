package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.protocol.CompactJws.encode;
import static org.hashbridge.protocol.CompactJws.flipped;
import static org.hashbridge.protocol.CompactJws.segment;
import static org.hashbridge.protocol.CompactJws.signed;
import static org.hashbridge.protocol.CompactJws.withEditedHeader;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Receipts someone other than the node made or changed: each must be refused against the keys the
 * Shenzhen node publishes on the {@code sm} profile (its SM2 key, and the Ed25519 and P-256 keys of the
 * receipts it signed before).
 */
class ReceiptForgeryTest {

    private static final Receipt RECEIPT = Fixtures.receipt();
    private static final ReceiptVerifier SZ = ReceiptVerifier.of(Fixtures.szPublishedKeys());
    private static final String ED25519_KID = Fixtures.szSigner(ReceiptAlgorithm.EDDSA).keyId();

    private static String signedBySz(ReceiptAlgorithm algorithm) {
        return Fixtures.szSigner(algorithm).sign(RECEIPT);
    }

    private static JWSHeader header(JWSAlgorithm alg, String kid) {
        return new JWSHeader.Builder(alg).keyID(kid).type(ReceiptSigner.TYPE).build();
    }

    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void aFlippedPayloadByteBreaksTheSignature(ReceiptAlgorithm algorithm) {
        String jws = signedBySz(algorithm);

        for (int at : new int[] {0, 20, segment(jws, 1).length - 1}) {
            assertRejected(() -> SZ.verify(flipped(jws, 1, at)), "RECEIPT_SIGNATURE_INVALID");
        }
    }

    /** A REJECTED verdict changed into VERIFIED, everything else kept. */
    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void aVerdictEditedIntoThePayloadBreaksTheSignature(ReceiptAlgorithm algorithm) {
        String rejected = Fixtures.szSigner(algorithm).sign(Fixtures.receipt(Verdict.REJECTED));
        String[] parts = rejected.split("\\.");
        String edited = parts[0] + "." + encode(CompactJws.text(rejected, 1)
                .replace("\"verdict\":\"REJECTED\"", "\"verdict\":\"VERIFIED\"")) + "." + parts[2];

        assertThat(segment(edited, 1)).isEqualTo(RECEIPT.toCanonicalJson());
        assertRejected(() -> SZ.verify(edited), "RECEIPT_SIGNATURE_INVALID");
    }

    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void aFlippedSignatureByteBreaksTheSignature(ReceiptAlgorithm algorithm) {
        String jws = signedBySz(algorithm);

        assertRejected(() -> SZ.verify(flipped(jws, 2, 10)), "RECEIPT_SIGNATURE_INVALID");
        assertRejected(() -> SZ.verify(flipped(jws, 2, 40)), "RECEIPT_SIGNATURE_INVALID");
    }

    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void aSignatureOfAnotherLengthDoesNotVerify(ReceiptAlgorithm algorithm) {
        String jws = signedBySz(algorithm);

        for (int length : new int[] {1, 32, 63, 65, 70, 72, 128}) {
            byte[] signature = Arrays.copyOf(segment(jws, 2), length);
            String resized = jws.substring(0, jws.lastIndexOf('.') + 1) + encode(signature);

            assertRejected(() -> SZ.verify(resized), "RECEIPT_SIGNATURE_INVALID");
        }
    }

    /** An SM2 r or s of zero, or of the curve's order n or more, is no signature (GB/T 32918.2, 7.1). */
    @Test
    void anSm2SignatureOutOfRangeDoesNotVerify() {
        String jws = signedBySz(ReceiptAlgorithm.SM2);
        byte[] genuine = segment(jws, 2);
        byte[] n = HexFormat.of().parseHex("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123");
        byte[] zero = new byte[32];

        for (byte[][] rs : new byte[][][] {{zero, Arrays.copyOfRange(genuine, 32, 64)}, {Arrays.copyOf(genuine, 32), zero},
                {n, Arrays.copyOfRange(genuine, 32, 64)}, {Arrays.copyOf(genuine, 32), n}}) {
            byte[] signature = Arrays.copyOf(rs[0], 64);
            System.arraycopy(rs[1], 0, signature, 32, 32);
            String forged = jws.substring(0, jws.lastIndexOf('.') + 1) + encode(signature);

            assertRejected(() -> SZ.verify(forged), "RECEIPT_SIGNATURE_INVALID");
        }
    }

    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void anEditedHeaderBreaksTheSignature(ReceiptAlgorithm algorithm) {
        String edited = withEditedHeader(signedBySz(algorithm), "{", "{\"note\":\"edited\",");

        assertRejected(() -> SZ.verify(edited), "RECEIPT_SIGNATURE_INVALID");
    }

    /** RFC 7515 section 4.1.11: a recipient must refuse critical header parameters it does not understand. */
    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void aCriticalHeaderParameterIsRefused(ReceiptAlgorithm algorithm) {
        JWSHeader critical = new JWSHeader.Builder(algorithm.jws()).keyID(Fixtures.szSigner(algorithm).keyId())
                .type(ReceiptSigner.TYPE).criticalParams(Set.of("exp")).customParam("exp", 1_900_000_000L).build();
        String jws = signed(critical, RECEIPT.toCanonicalJson(), Fixtures.szReceiptKey(algorithm));

        assertRejected(() -> SZ.verify(jws), "RECEIPT_SIGNATURE_INVALID");
    }

    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void aJwsOfAnotherTypeIsNotAReceipt(ReceiptAlgorithm algorithm) {
        String edited = withEditedHeader(signedBySz(algorithm), "hashbridge-receipt+jws", "JWT");

        assertRejected(() -> SZ.verify(edited), "MALFORMED_RECEIPT");
    }

    /** Someone with a key of their own writes the node's key id in the header: the node's key does not verify it. */
    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void aReceiptResignedByAnotherKeyUnderTheNodesKeyIdDoesNotVerify(ReceiptAlgorithm algorithm) {
        ReceiptSigner impostor = ReceiptSigner.generate(algorithm);
        String forged = signed(header(algorithm.jws(), Fixtures.szSigner(algorithm).keyId()), RECEIPT.toCanonicalJson(),
                impostor.privateJwkJson());

        assertThat(ReceiptVerifier.of(impostor.publicKeys().toString().replace(impostor.keyId(),
                Fixtures.szSigner(algorithm).keyId())).verify(forged)).as("a well-made JWS").isEqualTo(RECEIPT);
        assertRejected(() -> SZ.verify(forged), "RECEIPT_SIGNATURE_INVALID");
    }

    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void anotherKeyPublishedUnderTheSignersKeyIdDoesNotVerify(ReceiptAlgorithm algorithm) {
        String kid = Fixtures.szSigner(algorithm).keyId();
        String impostor = Fixtures.hkSigner(algorithm).publicKeys().toString()
                .replace(Fixtures.hkSigner(algorithm).keyId(), kid);

        assertRejected(() -> ReceiptVerifier.of(impostor).verify(signedBySz(algorithm)), "RECEIPT_SIGNATURE_INVALID");
    }

    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void aReceiptFromAnotherNodesKeyIsAnUnknownKey(ReceiptAlgorithm algorithm) {
        assertRejected(() -> SZ.verify(Fixtures.hkSigner(algorithm).sign(RECEIPT)), "UNKNOWN_RECEIPT_KEY");
    }

    @Test
    void aReceiptWithoutKeyIdIsAnUnknownKey() {
        String jws = signed(new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(ReceiptSigner.TYPE).build(),
                RECEIPT.toCanonicalJson(), Fixtures.SZ_RECEIPT_KEY);

        assertRejected(() -> SZ.verify(jws), "UNKNOWN_RECEIPT_KEY");
    }

    /**
     * Only EdDSA, SM2SM3 and ES256 are receipts: RFC 9864's fully-specified {@code Ed25519} included, nodes never
     * write it, nor any other spelling of SM2.
     */
    @ParameterizedTest
    @ValueSource(strings = {"none", "HS256", "HS512", "RS256", "PS256", "ES384", "ES512", "ES256K", "Ed25519", "Ed448",
            "eddsa", "EdDSA ", "", "SM2", "SM3", "sm2sm3", "SM2-SM3", "SM3withSM2", "SM2SM3 ", "SM2_SM3"})
    void anAlgorithmOtherThanEdDsaSm2OrEs256IsNotAReceipt(String alg) {
        String edited = withEditedHeader(signedBySz(ReceiptAlgorithm.EDDSA), "\"alg\":\"EdDSA\"", "\"alg\":\"" + alg + "\"");

        assertThat(CompactJws.text(edited, 0)).contains("\"alg\":\"" + alg + "\"");
        assertRejected(() -> SZ.verify(edited), "MALFORMED_RECEIPT");
    }

    @Test
    void anUnsignedReceiptIsNotAReceipt() {
        String header = "{\"alg\":\"none\",\"kid\":\"" + ED25519_KID + "\",\"typ\":\"hashbridge-receipt+jws\"}";
        String unsigned = encode(header) + "." + encode(RECEIPT.toCanonicalJson()) + ".";

        assertRejected(() -> SZ.verify(unsigned), "MALFORMED_RECEIPT");
    }

    /** The classic confusion: the public key, which anyone has, used as an HMAC secret. */
    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void anHs256ReceiptKeyedWithThePublishedKeyIsNotAReceipt(ReceiptAlgorithm algorithm) throws Exception {
        JWK published = Fixtures.szSigner(algorithm).publicKeys().getKeys().get(0);
        byte[] secret = published.toJSONString().getBytes(StandardCharsets.UTF_8);
        JWSObject hs256 = new JWSObject(header(JWSAlgorithm.HS256, published.getKeyID()), new Payload(RECEIPT.toCanonicalJson()));
        hs256.sign(new MACSigner(secret));

        assertRejected(() -> SZ.verify(hs256.serialize()), "MALFORMED_RECEIPT");
    }

    /**
     * One key, one algorithm: a receipt whose header names one of the node's keys under another algorithm,
     * signed with the node's key of that algorithm, and a genuine receipt whose {@code alg} was changed.
     */
    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void aHeaderNamingTheNodesKeyOfAnotherKindIsAnUnknownKey(ReceiptAlgorithm algorithm) {
        for (ReceiptAlgorithm other : ReceiptAlgorithm.values()) {
            if (other != algorithm) {
                String kid = Fixtures.szSigner(other).keyId();
                String jws = signed(header(algorithm.jws(), kid), RECEIPT.toCanonicalJson(), Fixtures.szReceiptKey(algorithm));
                String swapped = withEditedHeader(signedBySz(other), "\"alg\":\"" + other.jws() + "\"",
                        "\"alg\":\"" + algorithm.jws() + "\"");

                assertThat(CompactJws.text(swapped, 0)).contains("\"alg\":\"" + algorithm.jws() + "\"", kid);
                assertRejected(() -> SZ.verify(jws), "UNKNOWN_RECEIPT_KEY");
                assertRejected(() -> SZ.verify(swapped), "UNKNOWN_RECEIPT_KEY");
            }
        }
    }

    /** A published key of the receipt's kind that names another {@code alg} is not used under this one. */
    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void aPublishedKeyNamingAnotherAlgorithmIsAnUnknownKey(ReceiptAlgorithm algorithm) {
        String published = Fixtures.szSigner(algorithm).publicKeys().toString();
        String renamed = published.replace("\"alg\":\"" + algorithm.jws() + "\"", "\"alg\":\"HS256\"");
        String without = published.replace(",\"alg\":\"" + algorithm.jws() + "\"", "");

        assertThat(renamed).isNotEqualTo(published);
        assertThat(without).isNotEqualTo(published).doesNotContain("\"alg\"");
        assertRejected(() -> ReceiptVerifier.of(renamed).verify(signedBySz(algorithm)), "UNKNOWN_RECEIPT_KEY");
        assertThat(ReceiptVerifier.of(without).verify(signedBySz(algorithm))).isEqualTo(RECEIPT);
    }

    /** The node's Ed25519 x published as an X25519 or Ed448 key under its key id: not an Ed25519 key. */
    @Test
    void anEdDsaReceiptAgainstAnOkpKeyOfAnotherCurveIsAnUnknownKey() {
        OctetKeyPair ed25519 = (OctetKeyPair) Fixtures.szSigner().publicKeys().getKeys().get(0);
        OctetKeyPair x25519 = new OctetKeyPair.Builder(Curve.X25519, ed25519.getX()).keyID(ED25519_KID).build();
        byte[] ed448x = new Ed448PrivateKeyParameters(new SecureRandom()).generatePublicKey().getEncoded();
        OctetKeyPair ed448 = new OctetKeyPair.Builder(Curve.Ed448, Base64URL.encode(ed448x)).keyID(ED25519_KID).build();

        for (JWK wrongCurve : List.of(x25519, ed448)) {
            assertRejected(() -> ReceiptVerifier.of(new JWKSet(wrongCurve)).verify(signedBySz(ReceiptAlgorithm.EDDSA)),
                    "UNKNOWN_RECEIPT_KEY");
        }
    }

    /** EC keys of other curves (P-256 and SM2 among them, but for the receipt's own) under the node's key id. */
    @ParameterizedTest
    @EnumSource(value = ReceiptAlgorithm.class, names = {"ES256", "SM2"})
    void anEcReceiptAgainstAnEcKeyOfAnotherCurveIsAnUnknownKey(ReceiptAlgorithm algorithm) throws Exception {
        String kid = Fixtures.szSigner(algorithm).keyId();
        List<JWK> wrongCurves = new ArrayList<>();
        for (Curve curve : List.of(Curve.P_256, Curve.P_384, Curve.P_521, Curve.SECP256K1)) {
            wrongCurves.add(new ECKeyGenerator(curve).keyID(kid).provider(new BouncyCastleProvider()).generate().toPublicJWK());
        }
        wrongCurves.add(Fixtures.szSigner(ReceiptAlgorithm.SM2).publicKeys().getKeys().get(0));
        wrongCurves.removeIf(key -> ReceiptAlgorithm.ofKey(key).orElse(null) == algorithm);

        assertThat(wrongCurves).hasSize(4);
        for (JWK wrongCurve : wrongCurves) {
            String published = new JWKSet(wrongCurve).toString().replace(wrongCurve.getKeyID(), kid);
            assertRejected(() -> ReceiptVerifier.of(published).verify(signedBySz(algorithm)), "UNKNOWN_RECEIPT_KEY");
        }
    }

    /** The node's SM2 point written as a P-256 key: Nimbus finds it off that curve, so the key set is invalid. */
    @Test
    void theNodesSm2PointPublishedAsAP256KeyIsNoKey() {
        String published = Fixtures.szSigner(ReceiptAlgorithm.SM2).publicKeys().toString();

        assertRejected(() -> ReceiptVerifier.of(published.replace("\"crv\":\"SM2\"", "\"crv\":\"P-256\"")), "INVALID_KEYS");
    }

    @Test
    void aPublishedEd25519KeyThatIsNoCurvePointVerifiesNothing() {
        byte[] notAPoint = new byte[32];
        Arrays.fill(notAPoint, (byte) 0xff);
        JWK broken = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(notAPoint)).keyID(ED25519_KID).build();

        assertRejected(() -> ReceiptVerifier.of(new JWKSet(broken)).verify(signedBySz(ReceiptAlgorithm.EDDSA)),
                "RECEIPT_SIGNATURE_INVALID");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"receipt", "a.b", "a.b.c.d", "eyJhbGciOiJFZERTQSJ9.e30", "!!!.!!!.!!!"})
    void textThatIsNotACompactJwsIsMalformed(String jws) {
        assertRejected(() -> SZ.verify(jws), "MALFORMED_RECEIPT");
    }

    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void aSignedPayloadThatIsNotAReceiptIsMalformed(ReceiptAlgorithm algorithm) {
        String other = signed(header(algorithm.jws(), Fixtures.szSigner(algorithm).keyId()),
                "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8), Fixtures.szReceiptKey(algorithm));

        assertRejected(() -> SZ.verify(other), "MALFORMED_RECEIPT");
    }
}
