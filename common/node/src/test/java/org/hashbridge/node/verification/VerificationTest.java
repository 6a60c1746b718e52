package org.hashbridge.node.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.CheckType;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.Receipt;
import org.junit.jupiter.api.Test;

/**
 * A verification's access to its consent is recorded on chain, or skipped, exactly once; one the chain lost is
 * recorded again, or lost for good.
 */
class VerificationTest {

    private static final Instant VERIFIED_AT = Instant.parse("2026-03-02T09:30:00.250Z");
    private static final String COMMITMENT = "c0".repeat(32);
    private static final String REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final Instant CONSENT_ENDS = VERIFIED_AT.plusSeconds(86_400);
    private static final ChainWrite WRITE = new ChainWrite("0xabc", 42, VERIFIED_AT.plusSeconds(2));

    @Test
    void aNewVerificationKeepsWhatWasAnsweredAndWaitsForItsAccessToBeRecorded() {
        Receipt receipt = receipt("VERIFIED");

        Verification verification = new Verification(receipt, "header.payload.signature", "[]", VERIFIED_AT, CONSENT_ENDS);

        assertThat(verification.id()).hasToString(receipt.verificationId());
        assertThat(verification.verified()).isTrue();
        assertThat(verification.consentCommitment()).isEqualTo(Hash32.fromHex(COMMITMENT));
        assertThat(verification.receipt()).isEqualTo("header.payload.signature");
        assertThat(verification.verifiedAt()).isEqualTo(VERIFIED_AT);
        assertThat(verification.consentValidUntil()).contains(CONSENT_ENDS);
        assertThat(verification.consentMayHaveBeenOnChain()).isTrue();
        assertThatCode(() -> verification.accessRecorded(31337, REGISTRY, WRITE)).doesNotThrowAnyException();
        assertThat(verification.accessBlock()).contains(42L);
    }

    @Test
    void aRejectedVerificationIsNotVerified() {
        assertThat(new Verification(receipt("REJECTED"), "h.p.s", "[]", VERIFIED_AT, CONSENT_ENDS).verified()).isFalse();
    }

    @Test
    void anAccessIsRecordedOnlyOnce() {
        Verification verification = pending();
        verification.accessRecorded(31337, REGISTRY, WRITE);

        assertThatThrownBy(() -> verification.accessRecordedBefore(31337, REGISTRY, VERIFIED_AT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("RECORDED");
        assertThatThrownBy(verification::accessSkipped)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("RECORDED");
    }

    @Test
    void aSkippedAccessIsNeverRecordedLater() {
        Verification verification = pending();
        verification.accessSkipped();

        assertThatThrownBy(() -> verification.accessRecorded(31337, REGISTRY, WRITE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SKIPPED");
        assertThatThrownBy(verification::accessSkipped)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SKIPPED");
    }

    @Test
    void anAccessTheChainLostIsPendingAgainUntilItIsRecordedAgain() {
        Verification verification = pending();
        verification.accessRecorded(31337, REGISTRY, WRITE);

        verification.accessLost(VERIFIED_AT.plusSeconds(600));

        assertThat(verification.accessStatus()).isEqualTo(Verification.AccessStatus.PENDING);
        assertThat(verification.lostByChain()).isTrue();
        verification.accessRecorded(31337, REGISTRY, new ChainWrite("0xdef", 7, VERIFIED_AT.plusSeconds(700)));
        assertThat(verification.lostByChain()).isFalse();
        assertThat(verification.accessBlock()).contains(7L);
        assertThatThrownBy(() -> pending().accessLost(VERIFIED_AT))
                .as("an access never recorded cannot be lost").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAccessTheChainLostThatCannotBeRecordedAgainIsLostForGood() {
        Verification verification = pending();
        verification.accessRecorded(31337, REGISTRY, WRITE);
        verification.accessLost(VERIFIED_AT.plusSeconds(600));

        verification.accessSkipped();

        assertThat(verification.lostForGood()).isTrue();
        assertThat(pending().lostForGood()).isFalse();
    }

    @Test
    void aVerificationKnowsWhetherItsConsentWasOnChainOrMayHaveBeen() {
        assertThat(consentCheck(Check.invalid(CheckType.CONSENT, "CONSENT_NOT_FOUND", "no such consent on chain"))).isFalse();
        assertThat(consentCheck(Check.invalid(CheckType.CONSENT, "CONSENT_OTHER_VERIFIER", "another bank's token")))
                .as("stopped at the token, before the chain").isFalse();
        assertThat(consentCheck(Check.invalid(CheckType.CONSENT, "CONSENT_REVOKED", "revoked"))).isTrue();
        assertThat(consentCheck(Check.unavailable(CheckType.CONSENT, "CHAIN_UNAVAILABLE", "not read")))
                .as("the chain could not be read").isTrue();
        assertThat(consentCheck(Check.unavailable(CheckType.CONSENT, "READ_MODEL_BEHIND", "not read")))
                .as("the read model was behind").isTrue();
    }

    private static boolean consentCheck(Check consent) {
        return new Verification(receipt("REJECTED", consent), "h.p.s", "[]", VERIFIED_AT, CONSENT_ENDS)
                .consentMayHaveBeenOnChain();
    }

    private static Verification pending() {
        return new Verification(receipt("VERIFIED"), "h.p.s", "[]", VERIFIED_AT, CONSENT_ENDS);
    }

    private static Receipt receipt(String verdict) {
        return receipt(verdict, Check.valid(CheckType.CONSENT, "authorised"));
    }

    private static Receipt receipt(String verdict, Check consent) {
        return new Receipt(Receipt.VERSION, UUID.randomUUID().toString(), "sz", "cn.abc-shenzhen", verdict,
                List.of(Check.valid(CheckType.INTEGRITY, "ok"), consent), "sha-256", "ab".repeat(32), "hk.transunion",
                "credit-report", "cd".repeat(32), "ef".repeat(32), COMMITMENT, 31337,
                "0x5FbDB2315678afecb367f032d93F642f64180aa3", 42, VERIFIED_AT.toString());
    }
}
