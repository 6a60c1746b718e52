package org.hashbridge.node.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.CheckType;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.Receipt;
import org.junit.jupiter.api.Test;

/** A verification's access to its consent is recorded on chain, or skipped, exactly once. */
class VerificationTest {

    private static final Instant VERIFIED_AT = Instant.parse("2026-03-02T09:30:00.250Z");
    private static final String COMMITMENT = "c0".repeat(32);

    @Test
    void aNewVerificationKeepsWhatWasAnsweredAndWaitsForItsAccessToBeRecorded() {
        Receipt receipt = receipt("VERIFIED");

        Verification verification = new Verification(receipt, "header.payload.signature", "[]", VERIFIED_AT);

        assertThat(verification.id()).hasToString(receipt.verificationId());
        assertThat(verification.verified()).isTrue();
        assertThat(verification.consentCommitment()).isEqualTo(Hash32.fromHex(COMMITMENT));
        assertThat(verification.receipt()).isEqualTo("header.payload.signature");
        assertThat(verification.verifiedAt()).isEqualTo(VERIFIED_AT);
        assertThatCode(() -> verification.accessRecorded("0xabc", 42L)).doesNotThrowAnyException();
    }

    @Test
    void aRejectedVerificationIsNotVerified() {
        assertThat(new Verification(receipt("REJECTED"), "h.p.s", "[]", VERIFIED_AT).verified()).isFalse();
    }

    @Test
    void anAccessIsRecordedOnlyOnce() {
        Verification verification = pending();
        verification.accessRecorded("0xabc", 42L);

        assertThatThrownBy(() -> verification.accessRecorded("0xdef", 43L))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("RECORDED");
        assertThatThrownBy(verification::accessSkipped)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("RECORDED");
    }

    @Test
    void aSkippedAccessIsNeverRecordedLater() {
        Verification verification = pending();
        verification.accessSkipped();

        assertThatThrownBy(() -> verification.accessRecorded("0xabc", 42L))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SKIPPED");
        assertThatThrownBy(verification::accessSkipped)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SKIPPED");
    }

    private static Verification pending() {
        return new Verification(receipt("VERIFIED"), "h.p.s", "[]", VERIFIED_AT);
    }

    private static Receipt receipt(String verdict) {
        return new Receipt(Receipt.VERSION, UUID.randomUUID().toString(), "sz", "cn.abc-shenzhen", verdict,
                List.of(Check.valid(CheckType.INTEGRITY, "ok")), "sha-256", "ab".repeat(32), "hk.transunion",
                "credit-report", "cd".repeat(32), "ef".repeat(32), COMMITMENT, 31337,
                "0x5FbDB2315678afecb367f032d93F642f64180aa3", 42, VERIFIED_AT.toString());
    }
}
