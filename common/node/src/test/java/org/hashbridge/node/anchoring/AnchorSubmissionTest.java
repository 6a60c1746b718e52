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
    private final AnchorSubmission submission = new AnchorSubmission(UUID.randomUUID(), null, leaf, SUBMITTED);

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
    void aSubmissionJoinsOneBatchOnlyAndOnlyWhilePending() {
        UUID batch = UUID.randomUUID();
        submission.assignTo(batch, 3);

        assertThat(submission.batchId()).contains(batch);
        assertThat(submission.batchIndex()).isEqualTo(3);
        assertThatThrownBy(() -> submission.assignTo(UUID.randomUUID(), 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("in batch " + batch);
    }

    @Test
    void aPendingSubmissionOutsideAnyBatchIsRevokedAtOnceWithNothingToWriteOnChain() {
        Instant at = SUBMITTED.plusSeconds(1);

        boolean onChain = submission.requestRevocation("issued in error", at);

        assertThat(onChain).isFalse();
        assertThat(submission.status()).isEqualTo(AnchorStatus.REVOKED);
        assertThat(submission.revokedAt()).contains(at);
        assertThatThrownBy(() -> submission.assignTo(UUID.randomUUID(), 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> submission.anchored(voucherFor(submission), "0xabc", 42, MINED))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("REVOKED");
    }

    @Test
    void aSubmissionRevokedWhileItsBatchIsOnTheWayGetsItsVoucherAndStaysRevokingUntilTheChainHasIt() {
        submission.assignTo(UUID.randomUUID(), 0);

        assertThat(submission.requestRevocation("issued in error", SUBMITTED.plusSeconds(1))).isTrue();
        assertThat(submission.status()).isEqualTo(AnchorStatus.REVOKING);
        submission.anchored(voucherFor(submission), "0xabc", 42, MINED);

        assertThat(submission.status()).isEqualTo(AnchorStatus.REVOKING);
        assertThat(submission.voucherJson()).isPresent();
        assertThat(submission.revokedAt()).isEmpty();
        submission.revoked(MINED.plusSeconds(2));
        assertThat(submission.status()).isEqualTo(AnchorStatus.REVOKED);
        assertThat(submission.revokedAt()).contains(MINED.plusSeconds(2));
    }

    @Test
    void anAnchoredSubmissionIsRevokedOnlyOnceTheChainHasItsRevocationAndKeepsItsVoucher() {
        submission.anchored(voucherFor(submission), "0xabc", 42, MINED);

        assertThat(submission.requestRevocation("report superseded", MINED.plusSeconds(60))).isTrue();
        assertThat(submission.status()).isEqualTo(AnchorStatus.REVOKING);
        submission.revoked(MINED.plusSeconds(62));

        assertThat(submission.status()).isEqualTo(AnchorStatus.REVOKED);
        assertThat(submission.voucherJson()).isPresent();
    }

    @Test
    void revokingTwiceIsRefusedWhetherTheFirstRevocationIsUnderWayOrDone() {
        submission.anchored(voucherFor(submission), "0xabc", 42, MINED);
        submission.requestRevocation("report superseded", MINED.plusSeconds(1));

        assertThatThrownBy(() -> submission.requestRevocation("again", MINED.plusSeconds(2)))
                .isInstanceOfSatisfying(NodeException.class, e -> {
                    assertThat(e.code()).isEqualTo("ANCHOR_ALREADY_REVOKED");
                    assertThat(e.kind()).isEqualTo(NodeException.Kind.CONFLICT);
                });
        submission.revoked(MINED.plusSeconds(3));
        assertThatThrownBy(() -> submission.requestRevocation("again", MINED.plusSeconds(4)))
                .isInstanceOf(NodeException.class);
        assertThat(submission.revokedAt()).contains(MINED.plusSeconds(3));
    }

    @Test
    void onlyARevocationUnderWayCompletesAndOnlyAnAnchoredRevokedLeafCanLoseItsRevocation() {
        assertThatThrownBy(() -> submission.revoked(MINED)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(submission::revocationLost).isInstanceOf(IllegalStateException.class);
        submission.anchored(voucherFor(submission), "0xabc", 42, MINED);
        submission.requestRevocation("report superseded", MINED);
        submission.revoked(MINED.plusSeconds(1));

        submission.revocationLost();

        assertThat(submission.status()).isEqualTo(AnchorStatus.REVOKING);
        assertThat(submission.voucherJson()).isPresent();
    }

    private static Voucher voucherFor(AnchorSubmission submission) {
        Leaf leaf = submission.toLeaf();
        MerkleTree batch = MerkleTree.of(List.of(leaf.hash()));
        return Voucher.issue(submission.id().toString(), leaf, batch.proof(0), batch.root(),
                new Voucher.ChainLocation(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3", "0xabc", 42));
    }
}
