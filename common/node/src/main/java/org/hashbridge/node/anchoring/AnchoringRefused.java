package org.hashbridge.node.anchoring;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hashbridge.node.NodeException;

/** Why an anchoring request was refused. */
final class AnchoringRefused extends NodeException {

    private AnchoringRefused(Kind kind, String code, String title, String detail) {
        super(kind, code, title, detail);
    }

    private AnchoringRefused(Kind kind, String code, String title, String detail, Map<String, Object> properties) {
        super(kind, code, title, detail, properties);
    }

    static AnchoringRefused notFound(UUID id) {
        return new AnchoringRefused(Kind.NOT_FOUND, "ANCHOR_NOT_FOUND", "Anchor not found",
                "no anchor " + id + " for this issuer");
    }

    static AnchoringRefused alreadyRevoked(UUID id) {
        return new AnchoringRefused(Kind.CONFLICT, "ANCHOR_ALREADY_REVOKED", "Already revoked",
                "anchor " + id + " is revoked already, or its revocation is under way");
    }

    static AnchoringRefused issuerSuspended(String issuer) {
        return new AnchoringRefused(Kind.UNPROCESSABLE, "ISSUER_SUSPENDED", "Issuer suspended",
                issuer + " is suspended on the registry by its home operator and cannot anchor");
    }

    static AnchoringRefused validUntilPassed() {
        return new AnchoringRefused(Kind.UNPROCESSABLE, "VALID_UNTIL_PASSED", "Valid-until has passed",
                "validUntil must be in the future");
    }

    static AnchoringRefused requestNotFound(UUID id) {
        return new AnchoringRefused(Kind.NOT_FOUND, "ANCHOR_REQUEST_NOT_FOUND", "Bulk request not found",
                "no bulk anchoring request " + id + " for this issuer");
    }

    /** The reference anchors another document (or the same with other metadata): an issuer's reference names one. */
    static AnchoringRefused referenceConflict(String reference) {
        return new AnchoringRefused(Kind.CONFLICT, "REFERENCE_CONFLICT", "Reference used for another document",
                "the reference " + reference + " already anchors another digest, document type, subject or validUntil");
    }

    static AnchoringRefused duplicateReference(int firstIndex) {
        return new AnchoringRefused(Kind.INVALID, "DUPLICATE_REFERENCE", "Reference given twice",
                "the same reference as item " + firstIndex + " of this request");
    }

    static AnchoringRefused noItems(int max) {
        return new AnchoringRefused(Kind.INVALID, "NO_ITEMS", "No items",
                "items is a list of 1 to " + max + " submissions", Map.of("maxItems", max));
    }

    static AnchoringRefused tooManyItems(int count, int max) {
        return new AnchoringRefused(Kind.TOO_LARGE, "TOO_MANY_ITEMS", "Too many items",
                count + " items; one request takes at most " + max + ", send the rest in further requests",
                Map.of("maxItems", max));
    }

    /**
     * The whole request is refused, nothing stored: every offending item is named in {@code errors}. The
     * status is the gravest of theirs: a malformed item (400) before a rule broken (422) before a reference
     * conflict (409), as a client fixes them in that order.
     */
    static AnchoringRefused items(List<ItemRefused> refused) {
        Kind gravest = refused.stream().map(ItemRefused::kind).min(Comparator.comparingInt(AnchoringRefused::gravity))
                .orElseThrow();
        String code = switch (gravest) {
            case INVALID -> "INVALID_ITEMS";
            case CONFLICT -> "REFERENCE_CONFLICT";
            default -> "ITEMS_UNPROCESSABLE";
        };
        return new AnchoringRefused(gravest, code, "Items refused", refused.size()
                + " items refused (see errors); nothing was stored", Map.of("errors", List.copyOf(refused)));
    }

    private static int gravity(Kind kind) {
        return switch (kind) {
            case INVALID -> 0;
            case CONFLICT -> 2;
            default -> 1;
        };
    }
}
