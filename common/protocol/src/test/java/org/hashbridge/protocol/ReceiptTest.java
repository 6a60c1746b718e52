package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.hashbridge.protocol.CompactJws.encode;
import static org.hashbridge.protocol.CompactJws.segment;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Signing and verifying receipts with both algorithms, and the receipt keys. Attacks: {@link ReceiptForgeryTest}. */
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

        assertThat(header.get("alg").asString()).isEqualTo(algorithm == ReceiptAlgorithm.EDDSA ? "EdDSA" : "ES256");
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

    @Test
    void thePayloadIsTheCanonicalJsonOfTheReceipt() {
        byte[] payload = segment(Fixtures.szSigner().sign(RECEIPT), 1);

        assertThat(payload).isEqualTo(CanonicalJson.canonicalize(payload));
        assertThat(payload).isEqualTo(RECEIPT.toCanonicalJson());
        assertThat(new String(payload, StandardCharsets.UTF_8))
                .startsWith("{\"algorithm\":\"sha-256\",\"block\":42,\"chainId\":31337,\"checks\":[{\"code\":\"OK\",")
                .endsWith(",\"verifiedAt\":\"2026-03-01T08:30:00Z\",\"verifier\":\"cn.abc-shenzhen\",\"version\":1}");
    }

    /** Ed25519's R || S (RFC 8032) and ES256's R || S of RFC 7518, not DER: 64 bytes each. */
    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void theSignatureIsSixtyFourBytes(ReceiptAlgorithm algorithm) {
        assertThat(segment(Fixtures.szSigner(algorithm).sign(RECEIPT), 2)).hasSize(64);
    }

    @Test
    void ed25519SignaturesAreDeterministicEs256SignaturesAreNot() {
        ReceiptSigner eddsa = Fixtures.szSigner(ReceiptAlgorithm.EDDSA);
        ReceiptSigner es256 = Fixtures.szSigner(ReceiptAlgorithm.ES256);

        assertThat(eddsa.sign(RECEIPT)).isEqualTo(eddsa.sign(RECEIPT));
        assertThat(es256.sign(RECEIPT)).isNotEqualTo(es256.sign(RECEIPT));
    }

    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void theNodesPublishedKeysVerifyItsReceiptsOfEitherAlgorithm(ReceiptAlgorithm algorithm) {
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
    @ValueSource(strings = {"", "[]", "{\"keys\":7}", "not json"})
    void keysThatAreNotAJwkSetAreInvalid(String jwks) {
        assertRejected(() -> ReceiptVerifier.of(jwks), "INVALID_KEYS");
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
    @ValueSource(strings = {Fixtures.SZ_RECEIPT_KEY, Fixtures.SZ_ES256_RECEIPT_KEY})
    void aKeyFileWithoutKeyIdStillSignsVerifiableReceipts(String keyFile) {
        String withoutKid = keyFile.replaceFirst("\"kid\":\"[^\"]+\",", "");
        ReceiptSigner signer = ReceiptSigner.fromPrivateJwk(withoutKid);

        assertThat(withoutKid).doesNotContain("kid");
        assertThat(signer.keyId()).isEqualTo(thumbprint(keyFile));
        assertThat(ReceiptVerifier.of(signer.publicKeys()).verify(signer.sign(RECEIPT))).isEqualTo(RECEIPT);
        assertThat(ReceiptVerifier.of(Fixtures.szPublishedKeys()).verify(signer.sign(RECEIPT))).isEqualTo(RECEIPT);
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.SZ_RECEIPT_KEY, Fixtures.SZ_ES256_RECEIPT_KEY})
    void aKeyFileWithAnotherKeyIdIsNamedByItsThumbprint(String keyFile) {
        String renamed = keyFile.replaceFirst("\"kid\":\"[^\"]+\"", "\"kid\":\"sz-2026\"");

        assertThat(ReceiptSigner.fromPrivateJwk(renamed).keyId()).isEqualTo(thumbprint(keyFile));
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.SZ_RECEIPT_KEY, Fixtures.HK_RECEIPT_KEY, Fixtures.SZ_ES256_RECEIPT_KEY,
            Fixtures.HK_ES256_RECEIPT_KEY})
    void theFixedTestKeysAreNamedByTheirThumbprints(String keyFile) {
        assertThat(ReceiptSigner.fromPrivateJwk(keyFile).keyId()).isEqualTo(thumbprint(keyFile))
                .isEqualTo(ProtocolJson.MAPPER.readTree(keyFile).get("kid").asString());
    }

    @ParameterizedTest
    @EnumSource(ReceiptAlgorithm.class)
    void generatedKeysAreFresh(ReceiptAlgorithm algorithm) {
        assertThat(ReceiptSigner.generate(algorithm).keyId()).isNotEqualTo(ReceiptSigner.generate(algorithm).keyId());
    }

    @Test
    void aSignerNeedsAPrivateEd25519OrP256Key() throws Exception {
        X25519PrivateKeyParameters x25519 = new X25519PrivateKeyParameters(new SecureRandom());
        Ed448PrivateKeyParameters ed448 = new Ed448PrivateKeyParameters(new SecureRandom());
        List<String> refused = List.of(
                Fixtures.szSigner(ReceiptAlgorithm.EDDSA).publicKeys().getKeys().get(0).toJSONString(),
                Fixtures.szSigner(ReceiptAlgorithm.ES256).publicKeys().getKeys().get(0).toJSONString(),
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

    private static String okp(Curve curve, byte[] d, byte[] x) {
        return new OctetKeyPair.Builder(curve, Base64URL.encode(x)).d(Base64URL.encode(d)).build().toJSONString();
    }
}
