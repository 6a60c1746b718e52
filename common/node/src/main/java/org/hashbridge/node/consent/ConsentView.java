package org.hashbridge.node.consent;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What a resident sees of one consent. {@code token} is what they hand to the bank, usable once the
 * status is AUTHORISED; {@code failureReason} is the registry's refusal of a FAILED one.
 */
public record ConsentView(UUID consentId, ConsentStatus status, String issuer, String verifier,
                          String documentType, String purpose, Instant issuedAt, Instant validUntil,
                          Optional<Instant> revokedAt, String commitment, String token, boolean expired,
                          Optional<String> failureReason) {

    static ConsentView of(Consent c, Instant now) {
        return new ConsentView(c.id(), c.status(), c.issuer(), c.verifier(), c.documentType(), c.purpose(),
                c.issuedAt(), c.validUntil(), c.revokedAt(), c.commitment().hex(), c.token(), c.expiredAt(now),
                c.failureReason());
    }
}
