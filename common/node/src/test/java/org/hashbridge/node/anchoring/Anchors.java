package org.hashbridge.node.anchoring;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.hashbridge.node.Documents;
import org.hashbridge.node.NodeException;
import org.hashbridge.protocol.Leaf;

/** Anchors as the anchoring service shows them, and its refusals, for tests outside this package. */
public final class Anchors {

    public static final Instant SUBMITTED = Instant.parse("2026-03-02T09:30:00.123456Z");
    public static final Instant VALID_UNTIL = Instant.parse("2027-06-30T23:59:59Z");
    public static final Instant ANCHORED = Instant.parse("2026-03-02T09:30:02Z");

    private Anchors() {
    }

    public static AnchorView pending(UUID id) {
        return new AnchorView(id, AnchorStatus.PENDING, "credit-report", VALID_UNTIL, SUBMITTED, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** An anchored anchor with the voucher {@link Documents#voucher} issues for it. */
    public static AnchorView anchored(UUID id) {
        return new AnchorView(id, AnchorStatus.ANCHORED, "credit-report", VALID_UNTIL, SUBMITTED, Optional.of(ANCHORED),
                Optional.empty(), Optional.of(voucherJson(id)));
    }

    public static AnchorView revoking(UUID id) {
        return new AnchorView(id, AnchorStatus.REVOKING, "credit-report", VALID_UNTIL, SUBMITTED, Optional.of(ANCHORED),
                Optional.empty(), Optional.of(voucherJson(id)));
    }

    public static AnchorView revoked(UUID id, Instant at) {
        return new AnchorView(id, AnchorStatus.REVOKED, "credit-report", VALID_UNTIL, SUBMITTED, Optional.of(ANCHORED),
                Optional.of(at), Optional.of(voucherJson(id)));
    }

    private static String voucherJson(UUID id) {
        Leaf leaf = Documents.leaf("hk.transunion", "HK-A1234567", VALID_UNTIL);
        return Documents.voucher(id, leaf).toJson();
    }

    public static NodeException notFound(UUID id) {
        return AnchoringRefused.notFound(id);
    }

    public static NodeException alreadyRevoked(UUID id) {
        return AnchoringRefused.alreadyRevoked(id);
    }

    public static NodeException issuerSuspended(String issuer) {
        return AnchoringRefused.issuerSuspended(issuer);
    }

    public static NodeException validUntilPassed() {
        return AnchoringRefused.validUntilPassed();
    }
}
