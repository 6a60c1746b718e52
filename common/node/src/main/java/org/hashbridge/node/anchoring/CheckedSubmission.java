package org.hashbridge.node.anchoring;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.node.web.Instants;
import org.hashbridge.protocol.Digest;
import org.hashbridge.protocol.DocumentType;
import org.hashbridge.protocol.FreeText;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.Leaf;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;

/**
 * A {@link Submission} whose every field was read and checked; nothing about it is known to be stored yet.
 *
 * @param reference  stripped of surrounding blanks; null when the issuer gave none
 * @param validUntil in whole seconds, as it is anchored
 */
record CheckedSubmission(String reference, Digest digest, DocumentType documentType, SubjectReference subject,
                         Instant validUntil) {

    /**
     * Reads {@code submission}, in the order a single submission is checked: reference, digest and
     * algorithm, document type, subject, valid-until. Whether valid-until has passed is not checked here:
     * a submission sent again answers its anchor even once its document has expired.
     *
     * @param referenceRequired whether a missing reference is refused
     * @throws InvalidInput  {@code INVALID_REFERENCE} (1 to 200 printable characters), {@code INVALID_DIGEST},
     *                       {@code UNKNOWN_ALGORITHM}, {@code INVALID_DOCUMENT_TYPE}, {@code INVALID_SUBJECT},
     *                       {@code INVALID_VALID_UNTIL}
     * @throws NodeException {@code ALGORITHM_NOT_ACCEPTED}
     */
    static CheckedSubmission of(Submission submission, boolean referenceRequired, NodeProperties node, byte[] subjectKey) {
        String reference = submission.reference() == null && !referenceRequired ? null : reference(submission.reference());
        Digest digest = node.accepted(Digest.parse(submission.algorithm(), submission.digest()));
        DocumentType type = new DocumentType(submission.documentType());
        SubjectReference subject = SubjectReference.derive(subjectKey, submission.subject());
        Instant validUntil = Instants.parseValidUntil(submission.validUntil()).truncatedTo(ChronoUnit.SECONDS);
        return new CheckedSubmission(reference, digest, type, subject, validUntil);
    }

    /**
     * Item {@code index} of a bulk request, read as {@link #of} reads it with a reference required.
     *
     * @return null when it is refused, then added to {@code refused}
     */
    static CheckedSubmission ofItem(int index, Submission submission, NodeProperties node, byte[] subjectKey,
                                    List<ItemRefused> refused) {
        if (submission == null) {
            refused.add(ItemRefused.of(index, null, InvalidInput.of("INVALID_REFERENCE", "the item is null")));
            return null;
        }
        try {
            return of(submission, true, node, subjectKey);
        } catch (InvalidInput e) {
            refused.add(ItemRefused.of(index, readableReference(submission), e));
        } catch (NodeException e) {
            refused.add(ItemRefused.of(index, readableReference(submission), e));
        }
        return null;
    }

    /** The item's reference when it is one; never what was refused, which is not echoed. */
    private static String readableReference(Submission submission) {
        try {
            return reference(submission.reference());
        } catch (InvalidInput e) {
            return null;
        }
    }

    /**
     * The reference as stored, when {@code written} is one.
     *
     * @throws InvalidInput {@code INVALID_REFERENCE} when missing, blank, over 200 characters or not printable
     */
    static String reference(String written) {
        return FreeText.strip(written, AnchorSubmission.MAX_REFERENCE, "INVALID_REFERENCE", "a reference");
    }

    /** A new anchor of this document, under a fresh salt. */
    AnchorSubmission toAnchor(InstitutionId issuer, Instant now) {
        Leaf leaf = new Leaf(digest, Salt.random(), issuer, documentType, validUntil, subject);
        return new AnchorSubmission(UUID.randomUUID(), reference, leaf, now);
    }

    /** True when {@code stored} anchors this very document: the submission is sent again. */
    boolean isAnchoredBy(AnchorSubmission stored) {
        return stored.holds(digest, documentType, subject, validUntil);
    }
}
