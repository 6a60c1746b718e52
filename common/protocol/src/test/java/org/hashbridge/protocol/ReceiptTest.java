package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class ReceiptTest {

    private static final ReceiptSigner SZ = Fixtures.szSigner();
    private static final ReceiptSigner HK = Fixtures.hkSigner();
    private static final Receipt RECEIPT = Fixtures.receipt();

    private static byte[] segment(String jws, int index) {
        return Base64.getUrlDecoder().decode(jws.split("\\.")[index]);
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The compact JWS with segment {@code index} decoded, one bit of byte {@code at} flipped, re-encoded. */
    private static String flipped(String jws, int index, int at) {
        String[] parts = jws.split("\\.");
        byte[] bytes = segment(jws, index);
        bytes[at] ^= 0x01;
        parts[index] = encode(bytes);
        return String.join(".", parts);
    }

    /** RFC 7638 thumbprint computed by hand: SHA-256 of the required members in lexicographic order. */
    private static String thumbprint(String jwkJson) {
        JsonNode jwk = ProtocolJson.MAPPER.readTree(jwkJson);
        String required = "{\"crv\":\"" + jwk.get("crv").asString() + "\",\"kty\":\"EC\",\"x\":\""
                + jwk.get("x").asString() + "\",\"y\":\"" + jwk.get("y").asString() + "\"}";
        return encode(Fixtures.sha256(required.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signThenVerifyGivesBackTheReceipt() {
        String jws = SZ.sign(RECEIPT);

        assertThat(ReceiptVerifier.of(SZ.publicKeys()).verify(jws)).isEqualTo(RECEIPT);
    }

    @Test
    void verifiesFromThePublishedJwksJson() {
        String jwks = SZ.publicKeys().toString();

        assertThat(jwks).doesNotContain("\"d\"");
        assertThat(ReceiptVerifier.of(jwks).verify(SZ.sign(RECEIPT))).isEqualTo(RECEIPT);
    }

    @Test
    void theHeaderNamesEs256TheThumbprintKeyIdAndTheReceiptType() {
        JsonNode header = ProtocolJson.MAPPER.readTree(segment(SZ.sign(RECEIPT), 0));

        assertThat(header.get("alg").asString()).isEqualTo("ES256");
        assertThat(header.get("typ").asString()).isEqualTo("hashbridge-receipt+jws");
        assertThat(header.get("kid").asString()).isEqualTo(thumbprint(Fixtures.SZ_RECEIPT_KEY)).isEqualTo(SZ.keyId());
        assertThat(header.propertyNames()).containsExactlyInAnyOrder("alg", "typ", "kid");
    }

    @Test
    void thePayloadIsTheCanonicalJsonOfTheReceipt() {
        byte[] payload = segment(SZ.sign(RECEIPT), 1);

        assertThat(payload).isEqualTo(CanonicalJson.canonicalize(payload));
        assertThat(payload).isEqualTo(RECEIPT.toCanonicalJson());
        assertThat(new String(payload, StandardCharsets.UTF_8))
                .startsWith("{\"algorithm\":\"sha-256\",\"block\":42,\"chainId\":31337,\"checks\":[{\"code\":\"OK\",")
                .endsWith(",\"verifiedAt\":\"2026-03-01T08:30:00Z\",\"verifier\":\"cn.abc-shenzhen\",\"version\":1}");
    }

    @Test
    void theSignatureIsTheSixtyFourByteJwsFormNotDer() {
        assertThat(segment(SZ.sign(RECEIPT), 2)).hasSize(64);
    }

    @Test
    void aFlippedPayloadByteBreaksTheSignature() {
        String jws = SZ.sign(RECEIPT);
        ReceiptVerifier verifier = ReceiptVerifier.of(SZ.publicKeys());

        for (int at : new int[] {0, 20, segment(jws, 1).length - 1}) {
            assertRejected(() -> verifier.verify(flipped(jws, 1, at)), "RECEIPT_SIGNATURE_INVALID");
        }
    }

    @Test
    void aFlippedSignatureByteBreaksTheSignature() {
        String jws = SZ.sign(RECEIPT);

        assertRejected(() -> ReceiptVerifier.of(SZ.publicKeys()).verify(flipped(jws, 2, 10)),
                "RECEIPT_SIGNATURE_INVALID");
        assertRejected(() -> ReceiptVerifier.of(SZ.publicKeys()).verify(flipped(jws, 2, 40)),
                "RECEIPT_SIGNATURE_INVALID");
    }

    @Test
    void anEditedHeaderBreaksTheSignature() {
        String edited = withEditedHeader(SZ.sign(RECEIPT), "{", "{\"note\":\"edited\",");

        assertRejected(() -> ReceiptVerifier.of(SZ.publicKeys()).verify(edited), "RECEIPT_SIGNATURE_INVALID");
    }

    @Test
    void aJwsOfAnotherTypeIsNotAReceipt() {
        String edited = withEditedHeader(SZ.sign(RECEIPT), "hashbridge-receipt+jws", "JWT");

        assertRejected(() -> ReceiptVerifier.of(SZ.publicKeys()).verify(edited), "MALFORMED_RECEIPT");
    }

    /** The JWS with {@code from} replaced by {@code to} in its header, payload and signature kept. */
    private static String withEditedHeader(String jws, String from, String to) {
        String header = new String(segment(jws, 0), StandardCharsets.UTF_8).replace(from, to);
        return encode(header.getBytes(StandardCharsets.UTF_8)) + jws.substring(jws.indexOf('.'));
    }

    @Test
    void aReceiptFromAnotherNodesKeyIsAnUnknownKey() {
        assertRejected(() -> ReceiptVerifier.of(HK.publicKeys()).verify(SZ.sign(RECEIPT)), "UNKNOWN_RECEIPT_KEY");
    }

    @Test
    void anotherKeyPublishedUnderTheSignersKeyIdDoesNotVerify() {
        ECKey impostor = new ECKey.Builder((ECKey) HK.publicKeys().getKeys().get(0)).keyID(SZ.keyId()).build();

        assertRejected(() -> ReceiptVerifier.of(new JWKSet(impostor)).verify(SZ.sign(RECEIPT)),
                "RECEIPT_SIGNATURE_INVALID");
    }

    @Test
    void aVerifierThatKnowsBothNodesAcceptsEach() {
        JWKSet both = new JWKSet(List.of(SZ.publicKeys().getKeys().get(0), HK.publicKeys().getKeys().get(0)));
        ReceiptVerifier verifier = ReceiptVerifier.of(both);

        assertThat(verifier.verify(SZ.sign(RECEIPT))).isEqualTo(RECEIPT);
        assertThat(verifier.verify(HK.sign(RECEIPT))).isEqualTo(RECEIPT);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"receipt", "a.b", "a.b.c.d", "eyJhbGciOiJFUzI1NiJ9.e30", "!!!.!!!.!!!"})
    void textThatIsNotACompactJwsIsMalformed(String jws) {
        assertRejected(() -> ReceiptVerifier.of(SZ.publicKeys()).verify(jws), "MALFORMED_RECEIPT");
    }

    @Test
    void aJwsWithAnotherAlgorithmIsMalformed() throws Exception {
        JWSObject hs256 = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(SZ.keyId()).build(),
                new Payload(RECEIPT.toCanonicalJson()));
        hs256.sign(new MACSigner(new byte[32]));

        assertRejected(() -> ReceiptVerifier.of(SZ.publicKeys()).verify(hs256.serialize()), "MALFORMED_RECEIPT");
    }

    @Test
    void aSignedPayloadThatIsNotAReceiptIsMalformed() throws Exception {
        ECKey key = ECKey.parse(Fixtures.SZ_RECEIPT_KEY);
        JWSObject other = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(SZ.keyId()).build(),
                new Payload("{\"hello\":\"world\"}"));
        other.sign(new ECDSASigner(key));

        assertRejected(() -> ReceiptVerifier.of(SZ.publicKeys()).verify(other.serialize()), "MALFORMED_RECEIPT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{\"keys\":7}", "not json"})
    void keysThatAreNotAJwkSetAreInvalid(String jwks) {
        assertRejected(() -> ReceiptVerifier.of(jwks), "INVALID_KEYS");
    }

    @Test
    void thePrivateJwkJsonRoundTrips() {
        ReceiptSigner generated = ReceiptSigner.generate();
        ReceiptSigner restored = ReceiptSigner.fromPrivateJwk(generated.privateJwkJson());

        assertThat(restored.keyId()).isEqualTo(generated.keyId()).isEqualTo(thumbprint(generated.privateJwkJson()));
        assertThat(restored.privateJwkJson()).isEqualTo(generated.privateJwkJson()).contains("\"d\"");
        assertThat(restored.publicKeys().toString()).isEqualTo(generated.publicKeys().toString());
        assertThat(ReceiptVerifier.of(generated.publicKeys()).verify(restored.sign(RECEIPT))).isEqualTo(RECEIPT);
        assertThat(ReceiptVerifier.of(restored.publicKeys()).verify(generated.sign(RECEIPT))).isEqualTo(RECEIPT);
    }

    @Test
    void aKeyFileWithoutKeyIdStillSignsVerifiableReceipts() {
        String withoutKid = Fixtures.SZ_RECEIPT_KEY.replaceFirst("\"kid\":\"[^\"]+\",", "");
        ReceiptSigner signer = ReceiptSigner.fromPrivateJwk(withoutKid);

        assertThat(withoutKid).doesNotContain("kid");
        assertThat(signer.keyId()).isEqualTo(thumbprint(Fixtures.SZ_RECEIPT_KEY));
        assertThat(ReceiptVerifier.of(signer.publicKeys()).verify(signer.sign(RECEIPT))).isEqualTo(RECEIPT);
        assertThat(ReceiptVerifier.of(SZ.publicKeys()).verify(signer.sign(RECEIPT))).isEqualTo(RECEIPT);
    }

    @Test
    void aKeyFileWithAnotherKeyIdIsNamedByItsThumbprint() {
        String renamed = Fixtures.SZ_RECEIPT_KEY.replaceFirst("\"kid\":\"[^\"]+\"", "\"kid\":\"sz-2026\"");

        assertThat(ReceiptSigner.fromPrivateJwk(renamed).keyId()).isEqualTo(thumbprint(Fixtures.SZ_RECEIPT_KEY));
    }

    @Test
    void theFixedTestKeysAreNamedByTheirThumbprints() {
        assertThat(SZ.keyId()).isEqualTo(thumbprint(Fixtures.SZ_RECEIPT_KEY));
        assertThat(HK.keyId()).isEqualTo(thumbprint(Fixtures.HK_RECEIPT_KEY));
    }

    @Test
    void generatedKeysAreFresh() {
        assertThat(ReceiptSigner.generate().keyId()).isNotEqualTo(ReceiptSigner.generate().keyId());
    }

    @Test
    void aSignerNeedsAPrivateP256Key() throws Exception {
        String publicOnly = SZ.publicKeys().getKeys().get(0).toJSONString();
        String p384 = new ECKeyGenerator(Curve.P_384).generate().toJSONString();
        String rsa = new RSAKeyGenerator(2048).generate().toJSONString();

        assertThatIllegalArgumentException().isThrownBy(() -> ReceiptSigner.fromPrivateJwk(publicOnly));
        assertThatIllegalArgumentException().isThrownBy(() -> ReceiptSigner.fromPrivateJwk(p384));
        assertThatIllegalArgumentException().isThrownBy(() -> ReceiptSigner.fromPrivateJwk(rsa));
        assertThatIllegalArgumentException().isThrownBy(() -> ReceiptSigner.fromPrivateJwk("not a key"));
    }
}
