package org.hashbridge.node.anchoring;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What an issuer sees of one anchor. */
public record AnchorView(UUID anchorId, Optional<String> reference, AnchorStatus status, String documentType,
                         Instant validUntil, Instant submittedAt, Optional<Instant> anchoredAt,
                         Optional<Instant> revokedAt, Optional<String> voucherJson) {

    static AnchorView of(AnchorSubmission s) {
        return new AnchorView(s.id(), s.reference(), s.status(), s.documentType(), s.validUntil(), s.createdAt(),
                s.anchoredAt(), s.revokedAt(), s.voucherJson());
    }
}
