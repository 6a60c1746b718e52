package org.hashbridge.node.consent;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.ResidentApproval;
import org.hashbridge.protocol.ResidentChallenges;

/**
 * What a resident sees of one consent. {@code token} is what they hand to the bank, usable once the status is
 * AUTHORISED (a resident-signed one carries the resident's approval from then on); {@code failureReason} is the
 * registry's refusal of a FAILED one.
 *
 * @param terms              what the resident agrees to (PIPL Art. 39, ISO/IEC TS 27560); empty for a version 1 consent
 * @param collection         {@code RESIDENT_SIGNED} (approved with the resident's own key) or {@code ASSISTED}
 *                           (collected by the home operator); {@code ASSISTED} for a version 1 consent
 * @param residentKey        hex hash of the key that approves it, for a resident-signed one
 * @param challenge          base64url of what the resident's key signs to approve it, while AWAITING_APPROVAL
 * @param approvalDeadline   when an AWAITING_APPROVAL consent stops taking approvals
 * @param revocationChallenge base64url of what the resident's key signs to revoke it, for a resident-signed one
 * @param approval           the resident's approval, once given
 * @param revocation         the resident's signed revocation, once given
 */
public record ConsentView(UUID consentId, ConsentStatus status, String issuer, String verifier,
                          String documentType, String purpose, Instant issuedAt, Instant validUntil,
                          Optional<Instant> revokedAt, String commitment, String token, boolean expired,
                          Optional<String> failureReason, Optional<Terms> terms, String collection,
                          Optional<String> residentKey, Optional<String> challenge, Optional<Instant> approvalDeadline,
                          Optional<String> revocationChallenge, Optional<ResidentApproval> approval,
                          Optional<ResidentApproval> revocation) {

    /**
     * The terms of a version 2 consent record.
     *
     * @param language {@code en}, {@code zh-Hant-HK} or {@code zh-Hans-CN}
     */
    public record Terms(ConsentRecord.Recipient recipient, List<String> dataCategories, String processing,
                        String retention, String withdrawal, String language) {
    }

    /** True when the resident approved it with their own key (or is to). */
    public boolean residentSigned() {
        return ConsentRecord.RESIDENT_SIGNED.equals(collection);
    }

    static ConsentView of(Consent c, Instant now) {
        ConsentToken token = ConsentToken.decode(c.token());
        ConsentRecord record = token.record();
        Optional<Terms> terms = record.version() == ConsentRecord.VERSION_1 ? Optional.empty()
                : Optional.of(new Terms(record.recipient(), record.dataCategories(), record.processing(), record.retention(),
                        record.withdrawal(), record.language()));
        boolean signed = record.residentSigned();
        ConsentStatus status = c.approvalLapsedAt(now) ? ConsentStatus.UNAPPROVED : c.status();
        boolean awaiting = status == ConsentStatus.AWAITING_APPROVAL;
        return new ConsentView(c.id(), status, c.issuer(), c.verifier(), c.documentType(), c.purpose(),
                c.issuedAt(), c.validUntil(), c.revokedAt(), c.commitment().hex(), c.token(), c.expiredAt(now),
                c.failureReason(), terms, signed ? ConsentRecord.RESIDENT_SIGNED : ConsentRecord.ASSISTED,
                Optional.ofNullable(record.residentKey()),
                awaiting ? Optional.of(base64url(token.approvalChallenge())) : Optional.empty(),
                awaiting ? c.approvalDeadline() : Optional.empty(),
                signed ? Optional.of(base64url(ResidentChallenges.consentRevocation(token.commitment()))) : Optional.empty(),
                Optional.ofNullable(token.approval()), c.revocation().map(ResidentApproval::fromJson));
    }

    static String base64url(Hash32 challenge) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(challenge.bytes());
    }
}
