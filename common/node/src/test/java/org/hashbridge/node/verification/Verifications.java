package org.hashbridge.node.verification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hashbridge.node.Documents;
import org.hashbridge.node.NodeException;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.CheckType;
import org.hashbridge.protocol.Receipt;
import org.hashbridge.protocol.Verdict;

/** Verifications as the verification service answers them and its refusals, for other packages; stored verifications. */
public final class Verifications {

    public static final Instant VERIFIED_AT = Instant.parse("2026-03-02T09:30:00.250Z");

    private Verifications() {
    }

    /** Every check valid: VERIFIED. */
    public static VerificationResult verified(UUID id) {
        List<Check> checks = List.of(CheckType.values()).stream().map(type -> Check.valid(type, type + " holds")).toList();
        return new VerificationResult(id, Verdict.of(checks), checks, "header.payload.signature", VERIFIED_AT);
    }

    /** The chain could not be read: every chain check unavailable, REJECTED and retryable. */
    public static VerificationResult chainUnreadable(UUID id) {
        List<Check> checks = List.of(CheckType.values()).stream()
                .map(type -> type == CheckType.INTEGRITY || type == CheckType.VALIDITY ? Check.valid(type, type + " holds")
                        : Check.unavailable(type, "CHAIN_UNAVAILABLE", "the chain could not be read; this check was not made"))
                .toList();
        return new VerificationResult(id, Verdict.of(checks), checks, "header.payload.signature", VERIFIED_AT);
    }

    /** A verification {@code verifier} was answered at {@code at}, its access still to be recorded. */
    static Verification stored(String verifier, Instant at) {
        return stored(verifier, at, "header.payload.signature");
    }

    /** A verification {@code verifier} was answered at {@code at} with {@code signedReceipt}, its access still to be recorded. */
    static Verification stored(String verifier, Instant at, String signedReceipt) {
        Receipt receipt = new Receipt(Receipt.VERSION, UUID.randomUUID().toString(), "sz", verifier, "VERIFIED",
                List.of(Check.valid(CheckType.INTEGRITY, "ok")), "sha-256", "ab".repeat(32), "hk.transunion",
                "credit-report", "cd".repeat(32), "ef".repeat(32), "c0".repeat(32), Documents.CHAIN_ID, Documents.REGISTRY,
                42, at.toString());
        return new Verification(receipt, signedReceipt, "[]", at, at.plus(Duration.ofDays(30)));
    }

    public static NodeException notFound(UUID id) {
        return VerificationNotFound.of(id);
    }
}
