package org.hashbridge.bank;

import java.util.Objects;
import org.hashbridge.protocol.Digest;

/**
 * One document an issuer asks its home node to anchor: only its digest is sent, never the document.
 *
 * @param reference    the issuer's own reference for the document (its number, its file name): 1 to 200
 *                     printable characters, unique among the issuer's anchors. The same reference sent again
 *                     answers the anchor stored under it, so a request may always be sent again
 * @param digest       the document's digest, with its algorithm
 * @param documentType such as {@code credit-report}
 * @param subject      the resident's identifier; the node keeps only its keyed hash
 * @param validUntil   an ISO-8601 instant or date (a date means its last second, UTC)
 */
public record AnchorItem(String reference, Digest digest, String documentType, String subject, String validUntil) {

    /** @throws NullPointerException when a field is null; the node checks the rest */
    public AnchorItem {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(documentType, "documentType");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(validUntil, "validUntil");
    }
}
