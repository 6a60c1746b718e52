package org.hashbridge.node.consent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hashbridge.node.Documents;
import org.hashbridge.node.NodeException;
import org.hashbridge.protocol.ConsentToken;

/** Consents as the consent service shows them, and its refusals, for tests outside this package. */
public final class Consents {

    public static final Instant ISSUED = Instant.parse("2026-03-02T09:30:00Z");
    public static final Instant VALID_UNTIL = Instant.parse("2027-01-31T23:59:59Z");

    private Consents() {
    }

    /** A consent of {@code status} granted by HK-A1234567 to cn.abc-shenzhen for hk.transunion's credit reports. */
    public static ConsentView view(ConsentStatus status) {
        ConsentToken token = Documents.consentToken("HK-A1234567", "hk.transunion", "cn.abc-shenzhen", ISSUED, VALID_UNTIL);
        Optional<Instant> revokedAt = status == ConsentStatus.REVOKED ? Optional.of(ISSUED.plusSeconds(3600)) : Optional.empty();
        Optional<String> failure = status == ConsentStatus.FAILED ? Optional.of("VerifierSuspended") : Optional.empty();
        return new ConsentView(UUID.fromString(token.record().consentId()), status, "hk.transunion", "cn.abc-shenzhen",
                "credit-report", "consumer loan application", ISSUED, VALID_UNTIL, revokedAt, token.commitment().hex(),
                token.encode(), false, failure, Optional.empty(), "ASSISTED", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Page 0 of one access by the verifier the consent names. */
    public static AccessPage oneAccess() {
        return new AccessPage(List.of(new Access("cn.abc-shenzhen", ISSUED.plusSeconds(60), "VERIFIED", "d9".repeat(32),
                "0x" + "7f".repeat(32))), 0, AccessPage.DEFAULT_SIZE, 1);
    }

    public static NodeException notFound(UUID id) {
        return ConsentRefused.notFound(id);
    }

    public static NodeException alreadyRevoked(UUID id) {
        return ConsentRefused.alreadyRevoked(id);
    }

    public static NodeException pending(UUID id) {
        return ConsentRefused.pending(id);
    }

    public static NodeException failed(UUID id) {
        return ConsentRefused.failed(id, "VerifierSuspended");
    }

    public static NodeException subjectMismatch() {
        return ConsentRefused.subjectMismatch();
    }

    public static NodeException issuerNotHome(String issuer) {
        return ConsentRefused.issuerNotHome(issuer);
    }

    public static NodeException unknownVerifier(String verifier) {
        return ConsentRefused.unknownVerifier(verifier);
    }

    public static NodeException validUntilTooFar() {
        return ConsentRefused.validUntilTooFar();
    }

    public static NodeException refusedByRegistry(UUID id) {
        return ConsentRefused.refusedByRegistry(id, "IssuerSuspended");
    }
}
