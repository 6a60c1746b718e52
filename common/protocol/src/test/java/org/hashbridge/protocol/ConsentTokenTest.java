package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ConsentTokenTest {

    private static final ConsentToken TOKEN = Fixtures.consentToken();
    private static final String ENCODED = TOKEN.encode();

    private static String body(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private static String commitmentPart(String token) {
        return token.split("\\.")[2];
    }

    /** A token whose body JSON went through {@code edit} and was re-encoded, keeping the old commitment. */
    private static String withEditedBody(UnaryOperator<String> edit) {
        String body = edit.apply(body(ENCODED));
        return "hbc1." + Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes(StandardCharsets.UTF_8))
                + "." + commitmentPart(ENCODED);
    }

    @Test
    void encodeDecodeRoundTrip() {
        ConsentToken decoded = ConsentToken.decode(ENCODED);

        assertThat(decoded).isEqualTo(TOKEN);
        assertThat(decoded.commitment()).isEqualTo(TOKEN.commitment());
        assertThat(decoded.encode()).isEqualTo(ENCODED);
    }

    @Test
    void theEncodingIsPrefixCanonicalBodyAndCommitment() {
        assertThat(ENCODED).matches("hbc1\\.[A-Za-z0-9_-]+\\.[0-9a-f]{64}");
        assertThat(body(ENCODED).getBytes(StandardCharsets.UTF_8))
                .isEqualTo(CanonicalJson.canonicalize(body(ENCODED).getBytes(StandardCharsets.UTF_8)));
        assertThat(body(ENCODED)).startsWith("{\"record\":{\"consentId\":\"consent-0001\",")
                .endsWith(",\"salt\":\"" + Fixtures.consentSalt().hex() + "\"}");
        assertThat(commitmentPart(ENCODED)).isEqualTo(TOKEN.commitment().hex());
    }

    @Test
    void theCommitmentIsTheTaggedHashOfSaltAndCanonicalRecord() {
        byte[] salt = Fixtures.consentSalt().bytes();
        byte[] record = Fixtures.consentRecord().canonicalBytes();
        byte[] tag = "HashBridge/consent/v1".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer preimage = ByteBuffer.allocate(tag.length + 1 + 2 + salt.length + 2 + record.length)
                .put(tag).put((byte) 0).putShort((short) salt.length).put(salt).putShort((short) record.length)
                .put(record);

        assertThat(TOKEN.commitment().bytes()).isEqualTo(Fixtures.sha256(preimage.array()));
    }

    @Test
    void anotherSaltGivesAnotherCommitment() {
        assertThat(ConsentToken.of(Fixtures.consentRecord(), Fixtures.saltFrom(0xa1)).commitment())
                .isNotEqualTo(TOKEN.commitment());
    }

    @Test
    void anEditedRecordUnderTheOldCommitmentIsTampering() {
        assertRejected(() -> ConsentToken.decode(withEditedBody(b -> b.replace("cn.abc-shenzhen", "cn.other-bank"))),
                "CONSENT_TOKEN_TAMPERED");
        assertRejected(() -> ConsentToken.decode(withEditedBody(b -> b.replace("1798761599", "1830297599"))),
                "CONSENT_TOKEN_TAMPERED");
        assertRejected(() -> ConsentToken.decode(withEditedBody(b -> b.replace("credit-report", "bank-statement"))),
                "CONSENT_TOKEN_TAMPERED");
    }

    @Test
    void anEditedSaltUnderTheOldCommitmentIsTampering() {
        assertRejected(() -> ConsentToken.decode(withEditedBody(b -> b.replace("\"salt\":\"a0", "\"salt\":\"a1"))),
                "CONSENT_TOKEN_TAMPERED");
    }

    @Test
    void anEditedCommitmentIsTampering() {
        char last = ENCODED.charAt(ENCODED.length() - 1);
        String edited = ENCODED.substring(0, ENCODED.length() - 1) + (last == '0' ? '1' : '0');

        assertRejected(() -> ConsentToken.decode(edited), "CONSENT_TOKEN_TAMPERED");
    }

    @Test
    void aReformattedButUnchangedBodyStillDecodes() {
        String spaced = withEditedBody(b -> b.replace(",", ", ").replace(":", ": "));

        assertThat(ConsentToken.decode(spaced)).isEqualTo(TOKEN);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"hbc1.", "hbc1..", "hbc2.e30.00", "HBC1.e30.00", "hbc1.e30", "hbc1.e30.00.00",
            "hbc1.!!!!.1234567890123456789012345678901234567890123456789012345678901234",
            "hbc1.e30.not-a-commitment", "eyJyZWNvcmQiOnt9fQ", "not a token"})
    void garbageIsMalformed(String token) {
        assertRejected(() -> ConsentToken.decode(token), "MALFORMED_CONSENT_TOKEN");
    }

    @Test
    void aWellFramedTokenWithAnUnreadableBodyIsMalformed() {
        assertRejected(() -> ConsentToken.decode(withEditedBody(b -> "not json")), "MALFORMED_CONSENT_TOKEN");
        assertRejected(() -> ConsentToken.decode(withEditedBody(b -> "{}")), "MALFORMED_CONSENT_TOKEN");
        assertRejected(() -> ConsentToken.decode(withEditedBody(b -> b.replace("{\"record\"", "{\"x\":1,\"record\""))),
                "MALFORMED_CONSENT_TOKEN");
    }

    @Test
    void aBodyWithAnInvalidRecordIsMalformedWhateverTheFieldsOwnCode() {
        assertRejected(() -> ConsentToken.decode(withEditedBody(b -> b.replace("mortgage application", ""))),
                "MALFORMED_CONSENT_TOKEN");
        assertRejected(() -> ConsentToken.decode(withEditedBody(b -> b.replace("cn.abc-shenzhen", "ABC"))),
                "MALFORMED_CONSENT_TOKEN");
        assertRejected(() -> ConsentToken.decode(withEditedBody(
                b -> b.replaceFirst("\"salt\":\"[0-9a-f]+\"", "\"salt\":\"a0a1\""))), "MALFORMED_CONSENT_TOKEN");
    }

    @Test
    void anOverlongTokenIsMalformed() {
        assertRejected(() -> ConsentToken.decode("hbc1." + "A".repeat(4100) + ".00"), "MALFORMED_CONSENT_TOKEN");
    }

    @Test
    void theSaltMustBeAValidSalt() {
        assertRejected(() -> new ConsentToken(Fixtures.consentRecord(), "0011"), "INVALID_SALT");
    }

    @Test
    void coversExactlyTheVerifierIssuerDocumentTypeAndSubjectItNames() {
        ConsentRecord record = ConsentToken.decode(ENCODED).record();
        SubjectReference someoneElse = SubjectReference.derive(Fixtures.subjectKey(), "HK-Z7654321");

        assertThat(record.covers(Fixtures.ABC_SHENZHEN, Fixtures.TRANSUNION, Fixtures.CREDIT_REPORT,
                Fixtures.subject())).isTrue();
        assertThat(record.covers(new InstitutionId("hk.fusion-bank"), Fixtures.TRANSUNION, Fixtures.CREDIT_REPORT,
                Fixtures.subject())).isFalse();
        assertThat(record.covers(Fixtures.ABC_SHENZHEN, new InstitutionId("cn.baihang"), Fixtures.CREDIT_REPORT,
                Fixtures.subject())).isFalse();
        assertThat(record.covers(Fixtures.ABC_SHENZHEN, Fixtures.TRANSUNION, Fixtures.BANK_STATEMENT,
                Fixtures.subject())).isFalse();
        assertThat(record.covers(Fixtures.ABC_SHENZHEN, Fixtures.TRANSUNION, Fixtures.CREDIT_REPORT, someoneElse))
                .isFalse();
    }

    @Test
    void verifierAndIssuerAreNotInterchangeable() {
        assertThat(Fixtures.consentRecord().covers(Fixtures.TRANSUNION, Fixtures.ABC_SHENZHEN, Fixtures.CREDIT_REPORT,
                Fixtures.subject())).isFalse();
    }
}
