package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.hashbridge.protocol.CompactJws.encode;
import static org.hashbridge.protocol.CompactJws.segment;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Signing and verifying receipts with each algorithm, and the receipt keys. Attacks: {@link ReceiptForgeryTest}. */
class ReceiptTest {

    private static final Receipt RECEIPT = Fixtures.receipt();

    /** RFC 7638 thumbprint computed by hand: SHA-256 of the required members in lexicographic order. */
    private static String thumbprint(String jwkJson) {
        JsonNode jwk = ProtocolJson.MAPPER.readTree(jwkJson);
        String required = switch (jwk.get("kty").asString()) {
            case "EC" -> "{\"crv\":\"" + jwk.get("crv").asString() + "\",\"kty\":\"EC\",\"x\":\""
                    + jwk.get("x").asString() + "\",\"y\":\"" + jwk.get("y").asString() + "\"}";
            case "OKP" -> "{\"crv\":\"" + jwk.get("crv").asString() + "\",\"kty\":\"OKP\",\"x\":\""
                    + jwk.get("x").asString() + "\"}";
            default -> throw new IllegalArgumentException(jwkJson);
        };
        return encode(Fixtures.sha256(required.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void signThenVerifyGivesBackTheReceipt(ReceiptAlgorithm algorithm) {
        ReceiptSigner signer = Fixtures.szSigner(algorithm);

        assertThat(ReceiptVerifier.of(signer.publicKeys()).verify(signer.sign(RECEIPT))).isEqualTo(RECEIPT);
    }

    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void verifiesFromThePublishedJwksJson(ReceiptAlgorithm algorithm) {
        ReceiptSigner signer = Fixtures.szSigner(algorithm);
        String jwks = signer.publicKeys().toString();

        assertThat(jwks).doesNotContain("\"d\"");
        assertThat(ReceiptVerifier.of(jwks).verify(signer.sign(RECEIPT))).isEqualTo(RECEIPT);
    }

    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void theHeaderNamesTheAlgorithmTheThumbprintKeyIdAndTheReceiptType(ReceiptAlgorithm algorithm) {
        ReceiptSigner signer = Fixtures.szSigner(algorithm);
        JsonNode header = ProtocolJson.MAPPER.readTree(segment(signer.sign(RECEIPT), 0));

        assertThat(header.get("alg").asString()).isEqualTo(switch (algorithm) {
            case EDDSA -> "EdDSA";
            case ES256 -> "ES256";
            case SM2 -> "SM2SM3";
        });
        assertThat(header.get("typ").asString()).isEqualTo("hashbridge-receipt+jws");
        assertThat(header.get("kid").asString()).isEqualTo(signer.keyId()).isEqualTo(thumbprint(signer.privateJwkJson()));
        assertThat(header.propertyNames()).containsExactlyInAnyOrder("alg", "typ", "kid");
    }

    @Test
    void aNewSignerSignsEdDsaWithAnEd25519Key() {
        ReceiptSigner signer = ReceiptSigner.generate();
        JsonNode jwk = ProtocolJson.MAPPER.readTree(signer.privateJwkJson());

        assertThat(signer.algorithm()).isEqualTo(ReceiptAlgorithm.EDDSA);
        assertThat(jwk.get("kty").asString()).isEqualTo("OKP");
        assertThat(jwk.get("crv").asString()).isEqualTo("Ed25519");
        assertThat(jwk.get("alg").asString()).isEqualTo("EdDSA");
        assertThat(jwk.get("use").asString()).isEqualTo("sig");
        assertThat(Base64URL.from(jwk.get("x").asString()).decode()).hasSize(32);
        assertThat(Base64URL.from(jwk.get("d").asString()).decode()).hasSize(32);
        assertThat(CompactJws.text(signer.sign(RECEIPT), 0)).contains("\"alg\":\"EdDSA\"");
    }

    /** An SM2 key as RFC 7518 writes EC keys, its point d·G on sm2p256v1 by Bouncy Castle's generic curve arithmetic. */
    @Test
    void anSm2SignerSignsSm2Sm3WithAnSm2Key() {
        ReceiptSigner signer = ReceiptSigner.generate(ReceiptAlgorithm.SM2);
        JsonNode jwk = ProtocolJson.MAPPER.readTree(signer.privateJwkJson());
        X9ECParameters sm2p256v1 = GMNamedCurves.getByName("sm2p256v1");
        BigInteger d = new BigInteger(1, Base64URL.from(jwk.get("d").asString()).decode());
        ECPoint q = sm2p256v1.getG().multiply(d).normalize();

        assertThat(signer.algorithm()).isEqualTo(ReceiptAlgorithm.SM2);
        assertThat(jwk.get("kty").asString()).isEqualTo("EC");
        assertThat(jwk.get("crv").asString()).isEqualTo("SM2");
        assertThat(jwk.get("alg").asString()).isEqualTo("SM2SM3");
        assertThat(jwk.get("use").asString()).isEqualTo("sig");
        assertThat(Base64URL.from(jwk.get("x").asString()).decode()).isEqualTo(q.getAffineXCoord().getEncoded()).hasSize(32);
        assertThat(Base64URL.from(jwk.get("y").asString()).decode()).isEqualTo(q.getAffineYCoord().getEncoded()).hasSize(32);
        assertThat(Base64URL.from(jwk.get("d").asString()).decode()).hasSize(32);
        assertThat(CompactJws.text(signer.sign(RECEIPT), 0)).contains("\"alg\":\"SM2SM3\"");
    }

    @Test
    void thePayloadIsTheCanonicalJsonOfTheReceipt() {
        byte[] payload = segment(Fixtures.szSigner().sign(RECEIPT), 1);

        assertThat(payload).isEqualTo(CanonicalJson.canonicalize(payload));
        assertThat(payload).isEqualTo(RECEIPT.toCanonicalJson());
        assertThat(new String(payload, StandardCharsets.UTF_8))
                .startsWith("{\"algorithm\":\"sha-256\",\"block\":42,\"chainId\":31337,\"checks\":[{\"code\":\"OK\",")
                .endsWith(",\"verifiedAt\":\"2026-03-01T08:30:00Z\",\"verifier\":\"cn.abc-shenzhen\",\"version\":1}");
    }

    /** Ed25519's R || S (RFC 8032), ES256's R || S of RFC 7518 and SM2's r || s, not DER: 64 bytes each. */
    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void theSignatureIsSixtyFourBytes(ReceiptAlgorithm algorithm) {
        assertThat(segment(Fixtures.szSigner(algorithm).sign(RECEIPT), 2)).hasSize(64);
    }

    @Test
    void ed25519SignaturesAreDeterministicEs256AndSm2SignaturesAreNot() {
        ReceiptSigner eddsa = Fixtures.szSigner(ReceiptAlgorithm.EDDSA);
        ReceiptSigner es256 = Fixtures.szSigner(ReceiptAlgorithm.ES256);
        ReceiptSigner sm2 = Fixtures.szSigner(ReceiptAlgorithm.SM2);

        assertThat(eddsa.sign(RECEIPT)).isEqualTo(eddsa.sign(RECEIPT));
        assertThat(es256.sign(RECEIPT)).isNotEqualTo(es256.sign(RECEIPT));
        assertThat(sm2.sign(RECEIPT)).isNotEqualTo(sm2.sign(RECEIPT));
    }

    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void theNodesPublishedKeysVerifyItsReceiptsOfEachAlgorithm(ReceiptAlgorithm algorithm) {
        assertThat(ReceiptVerifier.of(Fixtures.szPublishedKeys()).verify(Fixtures.szSigner(algorithm).sign(RECEIPT)))
                .isEqualTo(RECEIPT);
        assertThat(ReceiptVerifier.of(Fixtures.szPublishedKeys().toString()).verify(Fixtures.szSigner(algorithm).sign(RECEIPT)))
                .isEqualTo(RECEIPT);
    }

    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void aVerifierThatKnowsBothNodesAcceptsEach(ReceiptAlgorithm algorithm) {
        ReceiptSigner sz = Fixtures.szSigner(algorithm);
        ReceiptSigner hk = Fixtures.hkSigner(algorithm);
        ReceiptVerifier verifier = ReceiptVerifier.of(new JWKSet(List.of(sz.publicKeys().getKeys().get(0),
                hk.publicKeys().getKeys().get(0))));

        assertThat(verifier.verify(sz.sign(RECEIPT))).isEqualTo(RECEIPT);
        assertThat(verifier.verify(hk.sign(RECEIPT))).isEqualTo(RECEIPT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{}", "{\"keys\":7}", "{\"keys\":[7]}", "{\"keys\":[[]]}", "not json"})
    void keysThatAreNotAJwkSetAreInvalid(String jwks) {
        assertRejected(() -> ReceiptVerifier.of(jwks), "INVALID_KEYS");
    }

    /**
     * A JWKS that also lists keys of kinds no receipt is signed with (RSA, other curves, a key type of a later
     * version, an object that is no key at all) still verifies every receipt of the kinds it knows.
     */
    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void keysOfUnknownKindsInTheJwksAreLeftOut(ReceiptAlgorithm algorithm) throws Exception {
        List<String> unknown = List.of(new RSAKeyGenerator(2048).generate().toPublicJWK().toJSONString(),
                new ECKeyGenerator(Curve.P_384).generate().toPublicJWK().toJSONString(),
                "{\"kty\":\"EC\",\"crv\":\"brainpoolP256r1\",\"x\":\"AAAA\",\"y\":\"AAAA\",\"kid\":\"bp\"}",
                "{\"kty\":\"AKP\",\"alg\":\"ML-DSA-44\",\"pub\":\"AAAA\",\"kid\":\"pq\"}",
                "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"" + encode(new byte[32]) + "\"}",
                "{\"use\":\"sig\"}");
        List<String> known = Fixtures.szPublishedKeys().getKeys().stream().map(JWK::toJSONString).toList();
        List<String> all = new ArrayList<>(unknown);
        all.addAll(1, known);
        String jwks = "{\"keys\":[" + String.join(",", all) + "]}";

        ReceiptVerifier verifier = ReceiptVerifier.of(jwks);

        assertThat(verifier.verify(Fixtures.szSigner(algorithm).sign(RECEIPT))).isEqualTo(RECEIPT);
        assertRejected(() -> verifier.verify(Fixtures.hkSigner(algorithm).sign(RECEIPT)), "UNKNOWN_RECEIPT_KEY");
    }

    /** The SM2 key of a JWKS, its point moved off the curve or written at another length: no key at all. */
    @Test
    void anSm2KeyThatIsNoPointOfTheCurveMakesTheKeysInvalid() {
        Sm2Key sm2 = (Sm2Key) Fixtures.szSigner(ReceiptAlgorithm.SM2).publicKeys().getKeys().get(0);
        String x = sm2.toJSONObject().get("x").toString();
        String y = sm2.toJSONObject().get("y").toString();
        byte[] offCurve = Base64URL.from(y).decode();
        offCurve[31] ^= 0x01;
        String published = Fixtures.szPublishedKeys().toString();

        for (String broken : List.of(published.replace(y, encode(offCurve)), published.replace(x, y),
                published.replace(x, encode(Arrays.copyOf(Base64URL.from(x).decode(), 31))),
                published.replace(x, encode(Arrays.copyOf(Base64URL.from(x).decode(), 33))),
                published.replace(y, encode(new byte[32])).replace(x, encode(new byte[32])),
                published.replace("\"y\":\"" + y + "\",", ""))) {
            assertThat(broken).isNotEqualTo(published);
            assertRejected(() -> ReceiptVerifier.of(broken), "INVALID_KEYS");
        }
    }

    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void thePrivateJwkJsonRoundTrips(ReceiptAlgorithm algorithm) {
        ReceiptSigner generated = ReceiptSigner.generate(algorithm);
        ReceiptSigner restored = ReceiptSigner.fromPrivateJwk(generated.privateJwkJson());

        assertThat(restored.algorithm()).isEqualTo(generated.algorithm()).isEqualTo(algorithm);
        assertThat(restored.keyId()).isEqualTo(generated.keyId()).isEqualTo(thumbprint(generated.privateJwkJson()));
        assertThat(restored.privateJwkJson()).isEqualTo(generated.privateJwkJson()).contains("\"d\"");
        assertThat(restored.publicKeys().toString()).isEqualTo(generated.publicKeys().toString());
        assertThat(ReceiptVerifier.of(generated.publicKeys()).verify(restored.sign(RECEIPT))).isEqualTo(RECEIPT);
        assertThat(ReceiptVerifier.of(restored.publicKeys()).verify(generated.sign(RECEIPT))).isEqualTo(RECEIPT);
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.SZ_RECEIPT_KEY, Fixtures.SZ_ES256_RECEIPT_KEY, Fixtures.SZ_SM2_RECEIPT_KEY})
    void aKeyFileWithoutKeyIdStillSignsVerifiableReceipts(String keyFile) {
        String withoutKid = keyFile.replaceFirst("\"kid\":\"[^\"]+\",", "");
        ReceiptSigner signer = ReceiptSigner.fromPrivateJwk(withoutKid);

        assertThat(withoutKid).doesNotContain("kid");
        assertThat(signer.keyId()).isEqualTo(thumbprint(keyFile));
        assertThat(ReceiptVerifier.of(signer.publicKeys()).verify(signer.sign(RECEIPT))).isEqualTo(RECEIPT);
        assertThat(ReceiptVerifier.of(Fixtures.szPublishedKeys()).verify(signer.sign(RECEIPT))).isEqualTo(RECEIPT);
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.SZ_RECEIPT_KEY, Fixtures.SZ_ES256_RECEIPT_KEY, Fixtures.SZ_SM2_RECEIPT_KEY})
    void aKeyFileWithAnotherKeyIdIsNamedByItsThumbprint(String keyFile) {
        String renamed = keyFile.replaceFirst("\"kid\":\"[^\"]+\"", "\"kid\":\"sz-2026\"");

        assertThat(ReceiptSigner.fromPrivateJwk(renamed).keyId()).isEqualTo(thumbprint(keyFile));
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.SZ_RECEIPT_KEY, Fixtures.HK_RECEIPT_KEY, Fixtures.SZ_ES256_RECEIPT_KEY,
            Fixtures.HK_ES256_RECEIPT_KEY, Fixtures.SZ_SM2_RECEIPT_KEY, Fixtures.HK_SM2_RECEIPT_KEY})
    void theFixedTestKeysAreNamedByTheirThumbprints(String keyFile) {
        assertThat(ReceiptSigner.fromPrivateJwk(keyFile).keyId()).isEqualTo(thumbprint(keyFile))
                .isEqualTo(ProtocolJson.MAPPER.readTree(keyFile).get("kid").asString());
    }

    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void generatedKeysAreFresh(ReceiptAlgorithm algorithm) {
        assertThat(ReceiptSigner.generate(algorithm).keyId()).isNotEqualTo(ReceiptSigner.generate(algorithm).keyId());
    }

    /** A key file without use or alg, as another tool may write it: the published key still says both. */
    @ParameterizedTest
    @ValueSource(strings = {Fixtures.SZ_RECEIPT_KEY, Fixtures.SZ_ES256_RECEIPT_KEY, Fixtures.SZ_SM2_RECEIPT_KEY})
    void thePublishedKeyNamesItsUseAndAlgorithm(String keyFile) {
        String bare = keyFile.replaceFirst("\"use\":\"sig\",\"alg\":\"[^\"]+\",", "");
        ReceiptSigner signer = ReceiptSigner.fromPrivateJwk(bare);
        JsonNode published = ProtocolJson.MAPPER.readTree(signer.publicKeys().toString()).get("keys").get(0);

        assertThat(bare).doesNotContain("\"use\"", "\"alg\"");
        assertThat(published.get("use").asString()).isEqualTo("sig");
        assertThat(published.get("alg").asString()).isEqualTo(signer.algorithm().jws().getName());
    }

    /** One key, one algorithm: a key file naming another algorithm than its kind's signs nothing. */
    @ParameterizedTest
    @ValueSource(strings = {Fixtures.SZ_RECEIPT_KEY, Fixtures.SZ_ES256_RECEIPT_KEY, Fixtures.SZ_SM2_RECEIPT_KEY})
    void aKeyFileNamingAnotherAlgorithmIsRefused(String keyFile) {
        for (String alg : List.of("EdDSA", "ES256", "SM2SM3", "HS256")) {
            String renamed = keyFile.replaceFirst("\"alg\":\"[^\"]+\"", "\"alg\":\"" + alg + "\"");
            if (!renamed.equals(keyFile)) {
                assertThatIllegalArgumentException().as(renamed).isThrownBy(() -> ReceiptSigner.fromPrivateJwk(renamed));
            }
        }
    }

    @Test
    void aSignerNeedsAPrivateEd25519P256OrSm2Key() throws Exception {
        X25519PrivateKeyParameters x25519 = new X25519PrivateKeyParameters(new SecureRandom());
        Ed448PrivateKeyParameters ed448 = new Ed448PrivateKeyParameters(new SecureRandom());
        List<String> refused = List.of(
                Fixtures.szSigner(ReceiptAlgorithm.EDDSA).publicKeys().getKeys().get(0).toJSONString(),
                Fixtures.szSigner(ReceiptAlgorithm.ES256).publicKeys().getKeys().get(0).toJSONString(),
                Fixtures.szSigner(ReceiptAlgorithm.SM2).publicKeys().getKeys().get(0).toJSONString(),
                new ECKeyGenerator(Curve.P_384).generate().toJSONString(),
                new ECKeyGenerator(Curve.SECP256K1).provider(new BouncyCastleProvider()).generate().toJSONString(),
                new RSAKeyGenerator(2048).generate().toJSONString(),
                okp(Curve.X25519, x25519.getEncoded(), x25519.generatePublicKey().getEncoded()),
                okp(Curve.Ed448, ed448.getEncoded(), ed448.generatePublicKey().getEncoded()),
                "not a key");

        for (String key : refused) {
            assertThatIllegalArgumentException().as(key).isThrownBy(() -> ReceiptSigner.fromPrivateJwk(key));
        }
    }

    /** An Ed25519 key file whose x is not d's public half would sign receipts its published key never verifies. */
    @Test
    void anEd25519KeyWhosePublicHalfIsAnotherKeysIsRefused() {
        OctetKeyPair sz = (OctetKeyPair) Fixtures.szSigner().publicKeys().getKeys().get(0);
        OctetKeyPair hk = (OctetKeyPair) Fixtures.hkSigner(ReceiptAlgorithm.EDDSA).publicKeys().getKeys().get(0);
        String mixed = Fixtures.SZ_RECEIPT_KEY.replace(sz.getX().toString(), hk.getX().toString());
        String shortD = Fixtures.SZ_RECEIPT_KEY.replaceFirst("\"d\":\"[^\"]+\"", "\"d\":\"" + encode(new byte[31]) + "\"");

        assertThat(mixed).isNotEqualTo(Fixtures.SZ_RECEIPT_KEY);
        assertThatIllegalArgumentException().isThrownBy(() -> ReceiptSigner.fromPrivateJwk(mixed))
                .withMessageContaining("does not match");
        assertThatIllegalArgumentException().isThrownBy(() -> ReceiptSigner.fromPrivateJwk(shortD));
    }

    /** An SM2 key file whose x and y are another key's, or whose d is out of range or of another length. */
    @Test
    void anSm2KeyWhosePointIsNotItsScalarsIsRefused() {
        JsonNode sz = ProtocolJson.MAPPER.readTree(Fixtures.SZ_SM2_RECEIPT_KEY);
        JsonNode hk = ProtocolJson.MAPPER.readTree(Fixtures.HK_SM2_RECEIPT_KEY);
        String mixed = Fixtures.SZ_SM2_RECEIPT_KEY.replace(sz.get("x").asString(), hk.get("x").asString())
                .replace(sz.get("y").asString(), hk.get("y").asString());
        String withD = "\"d\":\"" + sz.get("d").asString() + "\"";

        assertThat(mixed).isNotEqualTo(Fixtures.SZ_SM2_RECEIPT_KEY);
        for (String refused : List.of(mixed, Fixtures.SZ_SM2_RECEIPT_KEY.replace(withD, "\"d\":\"" + encode(new byte[32]) + "\""),
                Fixtures.SZ_SM2_RECEIPT_KEY.replace(withD, "\"d\":\"" + encode(new byte[31]) + "\""),
                Fixtures.SZ_SM2_RECEIPT_KEY.replace(withD, "\"d\":7"))) {
            assertThatIllegalArgumentException().as(refused).isThrownBy(() -> ReceiptSigner.fromPrivateJwk(refused));
        }
    }

    private static String okp(Curve curve, byte[] d, byte[] x) {
        return new OctetKeyPair.Builder(curve, Base64URL.encode(x)).d(Base64URL.encode(d)).build().toJSONString();
    }
}
