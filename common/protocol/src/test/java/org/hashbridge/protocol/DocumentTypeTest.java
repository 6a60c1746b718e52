package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {"credit-report", "bank-statement", "a", "1099", "payslip-2026"})
    void acceptsLowerCaseLettersDigitsAndDashes(String value) {
        assertThat(new DocumentType(value)).hasToString(value);
    }

    @Test
    void acceptsSixtyFourCharacters() {
        assertThat(new DocumentType("a".repeat(64)).value()).hasSize(64);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Credit-Report", "-credit", "credit report", "credit_report", "credit.report",
            "credit-report\n", " credit-report", "信用报告"})
    void rejectsAnythingElse(String value) {
        assertRejected(() -> new DocumentType(value), "INVALID_DOCUMENT_TYPE");
    }

    @Test
    void rejectsSixtyFiveCharacters() {
        assertRejected(() -> new DocumentType("a".repeat(65)), "INVALID_DOCUMENT_TYPE");
    }
}
