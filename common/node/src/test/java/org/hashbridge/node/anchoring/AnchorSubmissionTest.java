package org.hashbridge.node.anchoring;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.hashbridge.node.NodeException;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.DocumentType;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.Leaf;
import org.hashbridge.protocol.MerkleTree;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;
import org.hashbridge.protocol.Voucher;
import org.junit.jupiter.api.Test;

class AnchorSubmissionTest {

    private static final Instant SUBMITTED = Instant.parse("2026-03-02T09:30:00.123Z");
    private static final Instant MINED = SUBMITTED.plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);

    private final Leaf leaf = new Leaf(DigestAlgorithm.SHA_256.digest("credit report".getBytes(UTF_8)), Salt.random(),
            new InstitutionId("hk.transunion"), new DocumentType("credit-report"),
            Instant.parse("2027-03-02T00:00:00Z"),
            SubjectReference.derive("hk-node subject key, for unit tests only".getBytes(UTF_8), "HK-A1234567"));
    private final AnchorSubmission submission = new AnchorSubmission(UUID.randomUUID(), leaf, SUBMITTED);

    @Test
    void aNewSubmissionIsPendingAndHoldsItsLeafButNoVoucher() {
        assertThat(submission.status()).isEqualTo(AnchorStatus.PENDING);
        assertThat(submission.toLeaf()).isEqualTo(leaf);
        assertThat(submission.leafHash()).isEqualTo(leaf.hash());
        assertThat(submission.root()).isEmpty();
        assertThat(submission.voucherJson()).isEmpty();
        assertThat(submission.anchoredAt()).isEmpty();
    }

    @Test
    void anchoringAPendingSubmissionStoresTheVoucherIssuedForIt() {
        Voucher voucher = voucherFor(submission);

        submission.anchored(voucher, "0xabc", 42, MINED);

        assertThat(submission.status()).isEqualTo(AnchorStatus.ANCHORED);
        assertThat(submission.root()).contains(voucher.rootHash());
        assertThat(submission.voucherJson().map(Voucher::parse)).contains(voucher);
        assertThat(submission.anchoredAt()).contains(MINED);
    }

    @Test
    void anAnchoredSubmissionCannotBeAnchoredAgain() {
        Voucher first = voucherFor(submission);
        submission.anchored(first, "0xabc", 42, MINED);

        assertThatThrownBy(() -> submission.anchored(voucherFor(submission), "0xdef", 43, MINED.plusSeconds(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ANCHORED");
        assertThat(submission.voucherJson().map(Voucher::parse)).contains(first);
    }

    @Test
    void aRevokedSubmissionCannotBeAnchored() {
        submission.revoke("report superseded", SUBMITTED.plusSeconds(1));

        assertThatThrownBy(() -> submission.anchored(voucherFor(submission), "0xabc", 42, MINED))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("REVOKED");
        assertThat(submission.status()).isEqualTo(AnchorStatus.REVOKED);
        assertThat(submission.voucherJson()).isEmpty();
    }

    @Test
    void aPendingSubmissionCanBeRevoked() {
        Instant at = SUBMITTED.plusSeconds(1);

        submission.revoke("issued in error", at);

        assertThat(submission.status()).isEqualTo(AnchorStatus.REVOKED);
        assertThat(submission.revokedAt()).contains(at);
    }

    @Test
    void anAnchoredSubmissionCanBeRevokedAndKeepsItsVoucher() {
        submission.anchored(voucherFor(submission), "0xabc", 42, MINED);

        submission.revoke("report superseded", MINED.plusSeconds(60));

        assertThat(submission.status()).isEqualTo(AnchorStatus.REVOKED);
        assertThat(submission.voucherJson()).isPresent();
    }

    @Test
    void revokingTwiceIsRefusedAndKeepsTheFirstRevocation() {
        Instant first = SUBMITTED.plusSeconds(1);
        submission.revoke("report superseded", first);

        assertThatThrownBy(() -> submission.revoke("again", first.plusSeconds(5)))
                .isInstanceOfSatisfying(NodeException.class, e -> {
                    assertThat(e.code()).isEqualTo("ANCHOR_ALREADY_REVOKED");
                    assertThat(e.kind()).isEqualTo(NodeException.Kind.CONFLICT);
                });
        assertThat(submission.revokedAt()).contains(first);
    }

    private static Voucher voucherFor(AnchorSubmission submission) {
        Leaf leaf = submission.toLeaf();
        MerkleTree batch = MerkleTree.of(List.of(leaf.hash()));
        return Voucher.issue(submission.id().toString(), leaf, batch.proof(0), batch.root(),
                new Voucher.ChainLocation(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3", "0xabc", 42));
    }
}
