package org.hashbridge.node.anchoring;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.SubjectReference;
import org.junit.jupiter.api.Test;

class CheckedSubmissionTest {

    private static final byte[] SUBJECT_KEY = "hk-node subject key, for unit tests only".getBytes(UTF_8);
    private static final NodeProperties NODE = new NodeProperties("hk", "HK", null, List.of("sha-256"), null, null);
    private static final String DIGEST = DigestAlgorithm.SHA_256.digest("credit report".getBytes(UTF_8)).hex();

    private static Submission submission(String reference) {
        return new Submission(reference, DIGEST.toUpperCase(), "SHA256", "credit-report", " hk-a1234567 ",
                "2027-06-30T12:00:00.750Z");
    }

    @Test
    void aSubmissionIsReadIntoWhatIsAnchored() {
        CheckedSubmission checked = CheckedSubmission.of(submission("  TU-2026-000123 "), true, NODE, SUBJECT_KEY);

        assertThat(checked.reference()).as("surrounding blanks stripped").isEqualTo("TU-2026-000123");
        assertThat(checked.digest().hex()).isEqualTo(DIGEST);
        assertThat(checked.digest().algorithm()).isEqualTo(DigestAlgorithm.SHA_256);
        assertThat(checked.subject()).as("the normalised subject's reference")
                .isEqualTo(SubjectReference.derive(SUBJECT_KEY, "HK-A1234567"));
        assertThat(checked.validUntil()).isEqualTo(Instant.parse("2027-06-30T12:00:00Z"));
        assertThat(CheckedSubmission.of(submission(null), false, NODE, SUBJECT_KEY).reference()).isNull();
    }

    @Test
    void eachFieldIsRefusedWithItsOwnCode() {
        Map<Submission, String> refusals = Map.of(
                submission(null), "INVALID_REFERENCE",
                submission("TU\u0000-1"), "INVALID_REFERENCE",
                submission("x".repeat(201)), "INVALID_REFERENCE",
                new Submission("TU-1", "abc", "sha-256", "credit-report", "HK-A1234567", "2027-06-30"), "INVALID_DIGEST",
                new Submission("TU-1", DIGEST, "md5", "credit-report", "HK-A1234567", "2027-06-30"), "UNKNOWN_ALGORITHM",
                new Submission("TU-1", DIGEST, "sha-256", "Credit Report", "HK-A1234567", "2027-06-30"), "INVALID_DOCUMENT_TYPE",
                new Submission("TU-1", DIGEST, "sha-256", "credit-report", "", "2027-06-30"), "INVALID_SUBJECT",
                new Submission("TU-1", DIGEST, "sha-256", "credit-report", "HK-A1234567", "soon"), "INVALID_VALID_UNTIL");
        refusals.forEach((submission, code) -> assertThatThrownBy(() -> CheckedSubmission.of(submission, true, NODE, SUBJECT_KEY))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo(code)));
        assertThat(CheckedSubmission.reference("x".repeat(200))).hasSize(200);
        assertThatThrownBy(() -> CheckedSubmission.of(new Submission("TU-1", DIGEST, "sm3", "credit-report", "HK-A1234567",
                "2027-06-30"), true, NODE, SUBJECT_KEY))
                .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo("ALGORITHM_NOT_ACCEPTED"));
    }

    @Test
    void aRefusedItemIsNamedByIndexAndByItsReferenceUnlessTheReferenceIsWhatWasRefused() {
        List<ItemRefused> refused = new ArrayList<>();

        CheckedSubmission.ofItem(3, new Submission("TU-3", "abc", "sha-256", "credit-report", "HK-A1234567", "2027-06-30"),
                NODE, SUBJECT_KEY, refused);
        CheckedSubmission.ofItem(4, submission("TU\n4"), NODE, SUBJECT_KEY, refused);
        CheckedSubmission.ofItem(5, null, NODE, SUBJECT_KEY, refused);
        CheckedSubmission accepted = CheckedSubmission.ofItem(6, submission("TU-6"), NODE, SUBJECT_KEY, refused);

        assertThat(accepted).isNotNull();
        assertThat(refused).extracting(ItemRefused::index, ItemRefused::reference, ItemRefused::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "TU-3", "INVALID_DIGEST"),
                org.assertj.core.groups.Tuple.tuple(4, null, "INVALID_REFERENCE"),
                org.assertj.core.groups.Tuple.tuple(5, null, "INVALID_REFERENCE"));
    }

    @Test
    void onlyTheSameDocumentWithTheSameMetadataIsTheSameSubmission() {
        CheckedSubmission checked = CheckedSubmission.of(submission("TU-1"), true, NODE, SUBJECT_KEY);
        AnchorSubmission stored = checked.toAnchor(new InstitutionId("hk.transunion"), Instant.parse("2026-11-01T00:00:00Z"));

        assertThat(checked.isAnchoredBy(stored)).isTrue();
        assertThat(CheckedSubmission.of(new Submission("TU-1", DIGEST, "sha-256", "credit-report", "HK-A1234567",
                "2027-06-30T12:00:00Z"), true, NODE, SUBJECT_KEY).isAnchoredBy(stored)).as("spelt otherwise, the same").isTrue();
        for (Submission other : List.of(
                new Submission("TU-1", DigestAlgorithm.SHA_256.digest("another report".getBytes(UTF_8)).hex(), "sha-256", "credit-report", "HK-A1234567", "2027-06-30T12:00:00Z"),
                new Submission("TU-1", DIGEST, "sha-256", "bank-statement", "HK-A1234567", "2027-06-30T12:00:00Z"),
                new Submission("TU-1", DIGEST, "sha-256", "credit-report", "HK-B7654321", "2027-06-30T12:00:00Z"),
                new Submission("TU-1", DIGEST, "sha-256", "credit-report", "HK-A1234567", "2027-06-30T12:00:01Z"))) {
            assertThat(CheckedSubmission.of(other, true, NODE, SUBJECT_KEY).isAnchoredBy(stored)).as(other.toString()).isFalse();
        }
        assertThat(stored.reference()).contains("TU-1");
        assertThat(stored.isNew()).as("inserted without a read first").isTrue();
    }

    @Test
    void aRefusedRequestTakesTheStatusOfItsGravestItem() {
        ItemRefused malformed = ItemRefused.of(0, null, InvalidInput.of("INVALID_DIGEST", "digest"));
        ItemRefused passed = ItemRefused.of(1, "b", AnchoringRefused.validUntilPassed());
        ItemRefused conflict = ItemRefused.of(2, "c", AnchoringRefused.referenceConflict("c"));

        assertThat(AnchoringRefused.items(List.of(conflict, passed, malformed)).code()).isEqualTo("INVALID_ITEMS");
        assertThat(AnchoringRefused.items(List.of(conflict, passed)).kind()).isEqualTo(NodeException.Kind.UNPROCESSABLE);
        assertThat(AnchoringRefused.items(List.of(conflict)).code()).isEqualTo("REFERENCE_CONFLICT");
        assertThat(AnchoringRefused.items(List.of(conflict, passed)).properties().get("errors")).isEqualTo(List.of(conflict, passed));
    }
}
