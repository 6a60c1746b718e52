package org.hashbridge.node.consent.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hashbridge.node.consent.Access;
import org.hashbridge.node.consent.ConsentStatus;
import org.hashbridge.node.consent.ConsentView;

/**
 * One consent as the resident page shows it: its terms, how it was collected, its token once usable, and who checked
 * it. Times are in UTC, as the chain keeps them.
 *
 * @param terms    the version 2 terms, null for a consent recorded before them
 * @param token    what the resident hands to the bank, only while it is usable (AUTHORISED)
 * @param accesses each verification that used it, oldest first; null when the chain could not be read
 */
record ResidentConsent(UUID id, ConsentStatus status, boolean expired, String recipient, String verifier, String issuer,
                       String documentType, String purpose, String validUntil, String issuedAt, String revokedAt,
                       String commitment, ConsentView.Terms terms, String collection, String token,
                       List<AccessRow> accesses) {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    /** Statuses of a consent whose commitment is, or was being, on chain: it has accesses, a receipt. */
    private static final Set<ConsentStatus> RECORDED = Set.of(ConsentStatus.PENDING, ConsentStatus.AUTHORISED,
            ConsentStatus.REVOKING, ConsentStatus.REVOKED);

    /** One verification that used the consent: which bank, when, and its answer. */
    record AccessRow(String verifier, String at, String verdict) {
        static AccessRow of(Access access) {
            return new AccessRow(access.verifier(), time(access.at()), access.verdict());
        }
    }

    static ResidentConsent of(ConsentView view, List<Access> accesses) {
        ConsentView.Terms terms = view.terms().orElse(null);
        String recipient = terms == null ? view.verifier() : terms.recipient().name();
        return new ResidentConsent(view.consentId(), view.status(), view.expired(), recipient, view.verifier(),
                view.issuer(), view.documentType(), view.purpose(), time(view.validUntil()), time(view.issuedAt()),
                view.revokedAt().map(ResidentConsent::time).orElse(null), view.commitment(), terms, view.collection(),
                view.status() == ConsentStatus.AUTHORISED ? view.token() : null,
                accesses == null ? null : accesses.stream().map(AccessRow::of).toList());
    }

    /** Whether its accesses are worth reading from the chain. */
    static boolean recorded(ConsentView view) {
        return RECORDED.contains(view.status());
    }

    /** The status a resident reads: an authorised consent past its end is expired. */
    public String displayStatus() {
        return status == ConsentStatus.AUTHORISED && expired ? "EXPIRED" : status.name();
    }

    public boolean awaitingApproval() {
        return status == ConsentStatus.AWAITING_APPROVAL;
    }

    public boolean residentSigned() {
        return "RESIDENT_SIGNED".equals(collection);
    }

    public boolean revocable() {
        return status == ConsentStatus.AUTHORISED;
    }

    public boolean receiptAvailable() {
        return RECORDED.contains(status);
    }

    static String time(Instant at) {
        return UTC.format(at);
    }
}
