package org.hashbridge.node.anchoring;

/**
 * What an issuer asks to anchor, as it sent it; {@link AnchorIntake} checks every field.
 *
 * @param reference  the issuer's own reference for the document, unique per issuer; null when it gave none
 * @param subject    the resident's identifier, kept off chain (only its subject reference is stored)
 * @param validUntil an ISO-8601 instant or date
 */
public record Submission(String reference, String digest, String algorithm, String documentType, String subject,
                         String validUntil) {
}
