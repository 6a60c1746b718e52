package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsentRecordTest {

    private static final ConsentRecord RECORD = Fixtures.consentRecord();
    private static final String SUBJECT = Fixtures.subject().hex();

    private static ConsentRecord record(int version, String consentId, String subject, String verifier, String purpose,
                                        long issuedAt, long validUntil, String jurisdiction) {
        return new ConsentRecord(version, consentId, subject, "hk.transunion", verifier, "credit-report", purpose,
                issuedAt, validUntil, jurisdiction);
    }

    @Test
    void theCanonicalFormHasSortedKeysAndNoWhitespace() {
        assertThat(new String(RECORD.canonicalBytes(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"consentId\":\"consent-0001\",\"documentType\":\"credit-report\",\"issuedAt\":1767225600,"
                        + "\"issuer\":\"hk.transunion\",\"jurisdiction\":\"HK\",\"purpose\":\"mortgage application\","
                        + "\"subject\":\"" + SUBJECT + "\",\"validUntil\":1798761599,"
                        + "\"verifier\":\"cn.abc-shenzhen\",\"version\":1}");
    }

    @Test
    void aPurposeOutsideAsciiIsWrittenAsUtf8NotEscaped() {
        ConsentRecord record = record(1, "c-1", SUBJECT, "cn.abc-shenzhen", "按揭申请 mortgage", 1, 2, "SZ");

        assertThat(new String(record.canonicalBytes(), StandardCharsets.UTF_8))
                .contains("\"purpose\":\"按揭申请 mortgage\"");
    }

    @Test
    void readsItsFieldsAsProtocolValues() {
        assertThat(RECORD.issuerId()).isEqualTo(Fixtures.TRANSUNION);
        assertThat(RECORD.verifierId()).isEqualTo(Fixtures.ABC_SHENZHEN);
        assertThat(RECORD.subjectReference()).isEqualTo(Fixtures.subject());
        assertThat(RECORD.validUntilInstant()).isEqualTo(Instant.parse("2026-12-31T23:59:59Z"));
    }

    @Test
    void rejectsMalformedFieldsWithTheirCodes() {
        assertRejected(() -> record(3, "c-1", SUBJECT, "cn.abc-shenzhen", "p", 1, 2, "HK"), "MALFORMED_CONSENT");
        assertRejected(() -> record(1, " ", SUBJECT, "cn.abc-shenzhen", "p", 1, 2, "HK"), "MALFORMED_CONSENT");
        assertRejected(() -> record(1, "c".repeat(65), SUBJECT, "cn.abc-shenzhen", "p", 1, 2, "HK"),
                "MALFORMED_CONSENT");
        assertRejected(() -> record(1, "c-1", "HK-A1234567", "cn.abc-shenzhen", "p", 1, 2, "HK"), "INVALID_HASH");
        assertRejected(() -> record(1, "c-1", SUBJECT, "ABC Shenzhen", "p", 1, 2, "HK"), "INVALID_INSTITUTION");
        assertRejected(() -> record(1, "c-1", SUBJECT, "cn.abc-shenzhen", " ", 1, 2, "HK"), "INVALID_PURPOSE");
        assertRejected(() -> record(1, "c-1", SUBJECT, "cn.abc-shenzhen", "p".repeat(201), 1, 2, "HK"),
                "INVALID_PURPOSE");
        assertRejected(() -> record(1, "c-1", SUBJECT, "cn.abc-shenzhen", "p", 2, 2, "HK"), "INVALID_VALID_UNTIL");
        assertRejected(() -> record(1, "c-1", SUBJECT, "cn.abc-shenzhen", "p", 1, 2, "hk"), "MALFORMED_CONSENT");
        assertRejected(() -> new ConsentRecord(1, "c-1", SUBJECT, "hk.transunion", "cn.abc-shenzhen", "Credit",
                "p", 1, 2, "HK"), "INVALID_DOCUMENT_TYPE");
    }

    @Test
    void refusesAPurposeOrIdThatIsNotPrintable() {
        assertRejected(() -> record(1, "c-1", SUBJECT, "cn.abc-shenzhen", "loan\u0000", 1, 2, "HK"), "INVALID_PURPOSE");
        assertRejected(() -> record(1, "c-1", SUBJECT, "cn.abc-shenzhen", "loan\nFORGED", 1, 2, "HK"), "INVALID_PURPOSE");
        assertRejected(() -> record(1, "c-1\r", SUBJECT, "cn.abc-shenzhen", "loan", 1, 2, "HK"), "MALFORMED_CONSENT");
    }

    /** RFC 8785 numbers are doubles: 2^53 and 2^53 + 1 would share one canonical form and one commitment. */
    @Test
    void refusesTimesThatCanonicalJsonCannotWriteExactly() {
        assertRejected(() -> record(1, "c-1", SUBJECT, "cn.abc-shenzhen", "p", 1, (1L << 53) + 1, "HK"),
                "INVALID_VALID_UNTIL");
        assertRejected(() -> record(1, "c-1", SUBJECT, "cn.abc-shenzhen", "p", 1, Long.MAX_VALUE, "HK"),
                "INVALID_VALID_UNTIL");
        assertRejected(() -> record(1, "c-1", SUBJECT, "cn.abc-shenzhen", "p", -1, 2, "HK"), "MALFORMED_CONSENT");
    }

    @Test
    void theLatestValidUntilSurvivesTheToken() {
        ConsentRecord record = record(1, "c-1", SUBJECT, "cn.abc-shenzhen", "p", 0, ConsentRecord.MAX_SECONDS, "HK");

        assertThat(record.validUntilInstant()).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
        assertThat(ConsentToken.decode(ConsentToken.of(record, Fixtures.consentSalt()).encode()).record())
                .isEqualTo(record);
    }
}
