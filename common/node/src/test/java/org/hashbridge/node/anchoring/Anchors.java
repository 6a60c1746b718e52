package org.hashbridge.node.anchoring;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hashbridge.node.Documents;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.DocumentType;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.Leaf;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;

/**
 * Anchors as the anchoring services show them and their refusals, those of bulk requests and their items
 * included, for other packages; stored anchors and batches.
 */
public final class Anchors {

    public static final Instant SUBMITTED = Instant.parse("2026-03-02T09:30:00.123456Z");
    public static final Instant VALID_UNTIL = Instant.parse("2027-06-30T23:59:59Z");
    public static final Instant ANCHORED = Instant.parse("2026-03-02T09:30:02Z");

    private Anchors() {
    }

    public static AnchorView pending(UUID id) {
        return pending(id, null);
    }

    /** A pending anchor stored under the issuer's {@code reference} (none when null). */
    public static AnchorView pending(UUID id, String reference) {
        return new AnchorView(id, Optional.ofNullable(reference), AnchorStatus.PENDING, "credit-report", VALID_UNTIL,
                SUBMITTED, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** An anchored anchor with the voucher {@link Documents#voucher} issues for it. */
    public static AnchorView anchored(UUID id) {
        return anchored(id, null);
    }

    /** An anchored anchor stored under {@code reference} (none when null), with its voucher. */
    public static AnchorView anchored(UUID id, String reference) {
        return new AnchorView(id, Optional.ofNullable(reference), AnchorStatus.ANCHORED, "credit-report", VALID_UNTIL,
                SUBMITTED, Optional.of(ANCHORED), Optional.empty(), Optional.of(voucherJson(id)));
    }

    public static AnchorView revoking(UUID id) {
        return new AnchorView(id, Optional.empty(), AnchorStatus.REVOKING, "credit-report", VALID_UNTIL, SUBMITTED,
                Optional.of(ANCHORED), Optional.empty(), Optional.of(voucherJson(id)));
    }

    public static AnchorView revoked(UUID id, Instant at) {
        return new AnchorView(id, Optional.empty(), AnchorStatus.REVOKED, "credit-report", VALID_UNTIL, SUBMITTED,
                Optional.of(ANCHORED), Optional.of(at), Optional.of(voucherJson(id)));
    }

    private static String voucherJson(UUID id) {
        Leaf leaf = Documents.leaf("hk.transunion", "HK-A1234567", VALID_UNTIL);
        return Documents.voucher(id, leaf).toJson();
    }

    /** A pending submission, in no batch, of the digest of {@code document} by {@code issuer}, without a reference. */
    static AnchorSubmission submission(String issuer, String document, Instant createdAt) {
        return submission(issuer, null, document, createdAt);
    }

    /** A pending submission, in no batch, of the digest of {@code document} by {@code issuer} under {@code reference}. */
    static AnchorSubmission submission(String issuer, String reference, String document, Instant createdAt) {
        Leaf leaf = new Leaf(DigestAlgorithm.SHA_256.digest(document.getBytes(StandardCharsets.UTF_8)), Salt.random(),
                new InstitutionId(issuer), new DocumentType("credit-report"), VALID_UNTIL,
                SubjectReference.derive(Documents.SUBJECT_KEY, "HK-A1234567"));
        return new AnchorSubmission(UUID.randomUUID(), reference, leaf, createdAt);
    }

    /** {@code submission}, put at {@code index} of {@code batch} and anchored with its voucher in {@code block}. */
    static AnchorSubmission anchored(AnchorSubmission submission, AnchorBatch batch, int index, long block) {
        submission.assignTo(batch.id(), index);
        submission.anchored(Documents.voucher(submission.id(), submission.toLeaf()), "0x" + "ab".repeat(32), block, ANCHORED);
        return submission;
    }

    /** A batch of {@code issuer} being sent, with a root of its own. */
    static AnchorBatch sending(String issuer, Instant createdAt) {
        UUID id = UUID.randomUUID();
        return new AnchorBatch(id, issuer, DigestAlgorithm.SHA_256.digest(id.toString().getBytes(StandardCharsets.UTF_8)).value(),
                1, createdAt);
    }

    /** A batch of {@code issuer} whose root is in {@code block} of {@code registry} on {@code chainId}. */
    static AnchorBatch anchoredBatch(String issuer, long chainId, String registry, long block) {
        AnchorBatch batch = sending(issuer, SUBMITTED);
        batch.anchored(chainId, registry, new ChainWrite("0x" + "cd".repeat(32), block, ANCHORED));
        return batch;
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

    public static NodeException referenceConflict(String reference) {
        return AnchoringRefused.referenceConflict(reference);
    }

    public static NodeException requestNotFound(UUID id) {
        return AnchoringRefused.requestNotFound(id);
    }

    public static NodeException noItems(int max) {
        return AnchoringRefused.noItems(max);
    }

    public static NodeException tooManyItems(int count, int max) {
        return AnchoringRefused.tooManyItems(count, max);
    }

    /** A bulk request refused whole for these items, with the status and code of the gravest. */
    public static NodeException itemsRefused(List<ItemRefused> items) {
        return AnchoringRefused.items(items);
    }

    /** Item {@code index} malformed, refused with {@code code}; {@code reference} null when that is what was refused. */
    public static ItemRefused malformedItem(int index, String reference, String code) {
        return ItemRefused.of(index, reference, InvalidInput.of(code, "item " + index + " is not well formed"));
    }

    /** Item {@code index} well formed but against a rule: {@code refusal} as a single submission gets it. */
    public static ItemRefused unprocessableItem(int index, String reference, NodeException refusal) {
        return ItemRefused.of(index, reference, refusal);
    }

    /** Item {@code index} giving the reference of item {@code first} of the same request. */
    public static ItemRefused duplicateItem(int index, String reference, int first) {
        return ItemRefused.of(index, reference, AnchoringRefused.duplicateReference(first));
    }

    /** Item {@code index} whose reference is stored for another document. */
    public static ItemRefused conflictingItem(int index, String reference) {
        return ItemRefused.of(index, reference, AnchoringRefused.referenceConflict(reference));
    }
}
