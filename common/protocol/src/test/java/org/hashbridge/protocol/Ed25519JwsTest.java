package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;

/** The Bouncy Castle EdDSA JWS against the examples of RFC 8037, appendix A. */
class Ed25519JwsTest {

    /** RFC 8037 A.1 (private key) and A.2 (its public half). */
    private static final String RFC_8037_KEY = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
            + "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
    /** RFC 8037 A.3. */
    private static final String RFC_8037_THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";
    /** RFC 8037 A.4: header {"alg":"EdDSA"}, payload "Example of Ed25519 signing". */
    private static final String RFC_8037_JWS = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
            + "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    private static OctetKeyPair key() throws Exception {
        return OctetKeyPair.parse(RFC_8037_KEY);
    }

    @Test
    void signsTheRfc8037Example() throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.EdDSA), new Payload("Example of Ed25519 signing"));
        jws.sign(new Ed25519Jws.Signer(key()));

        assertThat(jws.serialize()).isEqualTo(RFC_8037_JWS);
    }

    @Test
    void verifiesTheRfc8037ExampleAndNothingElse() throws Exception {
        Ed25519Jws.Verifier verifier = new Ed25519Jws.Verifier(key().toPublicJWK());

        assertThat(JWSObject.parse(RFC_8037_JWS).verify(verifier)).isTrue();
        assertThat(JWSObject.parse(RFC_8037_JWS.replace(".RXhh", ".RXha")).verify(verifier)).isFalse();
    }

    @Test
    void theRfc8037KeyIsNamedByItsThumbprint() throws Exception {
        ReceiptSigner signer = ReceiptSigner.fromPrivateJwk(RFC_8037_KEY);

        assertThat(key().computeThumbprint().toString()).isEqualTo(RFC_8037_THUMBPRINT);
        assertThat(signer.keyId()).isEqualTo(RFC_8037_THUMBPRINT);
        assertThat(signer.algorithm()).isEqualTo(ReceiptAlgorithm.EDDSA);
    }

    @Test
    void signsAndVerifiesEdDsaOnly() throws Exception {
        JWSHeader es256 = new JWSHeader(JWSAlgorithm.ES256);
        byte[] input = "eyJhbGciOiJFUzI1NiJ9.e30".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Base64URL signature = new Ed25519Jws.Signer(key()).sign(new JWSHeader(JWSAlgorithm.EdDSA), input);

        assertThatThrownBy(() -> new Ed25519Jws.Signer(key()).sign(es256, input)).isInstanceOf(JOSEException.class);
        assertThat(new Ed25519Jws.Verifier(key()).verify(new JWSHeader(JWSAlgorithm.EdDSA), input, signature)).isTrue();
        assertThat(new Ed25519Jws.Verifier(key()).verify(es256, input, signature)).isFalse();
    }

    @Test
    void aKeyOfAnotherCurveIsNotAnEd25519Key() throws Exception {
        OctetKeyPair x25519 = new OctetKeyPair.Builder(Curve.X25519, key().getX()).d(key().getD()).build();

        assertThatIllegalArgumentException().isThrownBy(() -> new Ed25519Jws.Signer(x25519));
        assertThatThrownBy(() -> new Ed25519Jws.Verifier(x25519.toPublicJWK())).isInstanceOf(JOSEException.class);
        assertThatIllegalArgumentException().isThrownBy(() -> new Ed25519Jws.Signer(key().toPublicJWK()));
    }
}
