package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MerkleTreeTest {

    static IntStream sizes() {
        return IntStream.rangeClosed(1, 17);
    }

    /** Raw 32-byte entries D[0..n); the tree is built over their leaf hashes. */
    private static List<byte[]> entries(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> Fixtures.sha256(("entry " + i).getBytes(StandardCharsets.US_ASCII))).toList();
    }

    private static MerkleTree treeOf(List<byte[]> entries) {
        return MerkleTree.of(entries.stream().map(e -> MerkleTree.leafHash(Hash32.of(e))).toList());
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void rootEqualsTheRfc6962Definition(int n) {
        List<byte[]> d = entries(n);

        assertThat(treeOf(d).root().bytes()).isEqualTo(Rfc6962.mth(d));
        assertThat(treeOf(d).size()).isEqualTo(n);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void everyProofIsTheRfc6962AuditPathAndProvesItsLeaf(int n) {
        List<byte[]> d = entries(n);
        MerkleTree tree = treeOf(d);

        for (int m = 0; m < n; m++) {
            MerkleProof proof = tree.proof(m);

            assertThat(proof.index()).isEqualTo(m);
            assertThat(proof.treeSize()).isEqualTo(n);
            assertThat(proof.path().stream().map(Hash32::bytes).toList())
                    .as("path of leaf %d of %d", m, n).containsExactlyElementsOf(Rfc6962.path(m, d));
            assertThat(proof.proves(leafHashOf(d, m), tree.root())).as("leaf %d of %d", m, n).isTrue();
            assertThat(proof.rootFor(leafHashOf(d, m))).contains(tree.root());
        }
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void aProofWithAnyByteFlippedFails(int n) {
        List<byte[]> d = entries(n);
        MerkleTree tree = treeOf(d);

        for (int m = 0; m < n; m++) {
            MerkleProof proof = tree.proof(m);
            for (int step = 0; step < proof.path().size(); step++) {
                for (int bit : new int[] {0, 7, 31 * 8 + 5}) {
                    List<Hash32> path = new ArrayList<>(proof.path());
                    path.set(step, flipBit(path.get(step), bit));
                    MerkleProof broken = new MerkleProof(m, n, path);

                    assertThat(broken.proves(leafHashOf(d, m), tree.root()))
                            .as("leaf %d of %d, step %d, bit %d", m, n, step, bit).isFalse();
                }
            }
            assertThat(proof.proves(flipBit(leafHashOf(d, m), 100), tree.root())).isFalse();
            assertThat(proof.proves(leafHashOf(d, m), flipBit(tree.root(), 200))).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void aProofUnderAnotherIndexFails(int n) {
        List<byte[]> d = entries(n);
        MerkleTree tree = treeOf(d);

        for (int m = 0; m < n; m++) {
            for (int other = 0; other < n; other++) {
                if (other != m) {
                    MerkleProof moved = new MerkleProof(other, n, tree.proof(m).path());

                    assertThat(moved.proves(leafHashOf(d, m), tree.root()))
                            .as("leaf %d of %d claimed as %d", m, n, other).isFalse();
                }
            }
        }
    }

    /**
     * The tree size only tells the verifier the tree's shape. A wrong size must fail unless it gives the
     * leaf exactly the same path shape (for example leaf 0 of 4 and of 3: two steps, sibling on the right
     * both times), in which case the very same hashes are computed and the root still binds the leaves.
     */
    @ParameterizedTest
    @MethodSource("sizes")
    void aProofUnderAnotherTreeSizeFailsUnlessTheShapeIsTheSame(int n) {
        List<byte[]> d = entries(n);
        MerkleTree tree = treeOf(d);
        int mustFail = 0;

        for (int m = 0; m < n; m++) {
            for (int size = m + 1; size <= 40; size++) {
                if (size != n) {
                    boolean sameShape = Rfc6962.siblingOnRight(m, size).equals(Rfc6962.siblingOnRight(m, n));
                    MerkleProof resized = new MerkleProof(m, size, tree.proof(m).path());

                    assertThat(resized.proves(leafHashOf(d, m), tree.root()))
                            .as("leaf %d of %d claimed in a tree of %d", m, n, size).isEqualTo(sameShape);
                    mustFail += sameShape ? 0 : 1;
                }
            }
        }
        assertThat(mustFail).isPositive();
    }

    @Test
    void aWrongTreeSizeThatChangesTheShapeFails() {
        List<byte[]> d = entries(5);
        MerkleProof lastOfFive = treeOf(d).proof(4);

        assertThat(lastOfFive.path()).hasSize(1);
        assertThat(new MerkleProof(4, 6, lastOfFive.path()).rootFor(leafHashOf(d, 4))).isEmpty();
        assertThat(new MerkleProof(4, 8, lastOfFive.path()).rootFor(leafHashOf(d, 4))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void aPathOneHashTooLongOrTooShortFails(int n) {
        List<byte[]> d = entries(n);
        MerkleTree tree = treeOf(d);

        for (int m = 0; m < n; m++) {
            List<Hash32> path = tree.proof(m).path();
            List<Hash32> longer = new ArrayList<>(path);
            longer.add(tree.root());

            assertThat(new MerkleProof(m, n, longer).proves(leafHashOf(d, m), tree.root())).isFalse();
            if (!path.isEmpty()) {
                List<Hash32> shorter = path.subList(0, path.size() - 1);
                assertThat(new MerkleProof(m, n, shorter).rootFor(leafHashOf(d, m))).isEmpty();
            }
        }
    }

    @Test
    void aTreeOfOneHasTheLeafAsRootAndAnEmptyProof() {
        Hash32 leaf = Fixtures.creditReportLeaf().hash();
        MerkleTree tree = MerkleTree.of(List.of(leaf));

        assertThat(tree.root()).isEqualTo(leaf);
        assertThat(tree.proof(0).path()).isEmpty();
        assertThat(tree.proof(0).proves(leaf, leaf)).isTrue();
    }

    @Test
    void leafAndNodeHashesAreDomainSeparated() {
        Hash32 a = Hash32.of(Fixtures.sha256("a".getBytes(StandardCharsets.US_ASCII)));
        Hash32 b = Hash32.of(Fixtures.sha256("b".getBytes(StandardCharsets.US_ASCII)));

        assertThat(MerkleTree.leafHash(a).bytes()).isEqualTo(Fixtures.sha256(new byte[] {0x00}, a.bytes()));
        assertThat(MerkleTree.nodeHash(a, b).bytes())
                .isEqualTo(Fixtures.sha256(new byte[] {0x01}, a.bytes(), b.bytes()));
        assertThat(MerkleTree.nodeHash(a, b)).isNotEqualTo(MerkleTree.nodeHash(b, a));
    }

    @Test
    void leafOrderMatters() {
        List<Hash32> leaves = new ArrayList<>(Fixtures.distinctLeafHashes(4));
        Hash32 root = MerkleTree.of(leaves).root();
        Collections.swap(leaves, 1, 2);

        assertThat(MerkleTree.of(leaves).root()).isNotEqualTo(root);
    }

    @Test
    void refusesAnEmptyBatchAndIndicesOutsideTheTree() {
        MerkleTree tree = MerkleTree.of(Fixtures.distinctLeafHashes(3));

        assertThatIllegalArgumentException().isThrownBy(() -> MerkleTree.of(List.of()));
        assertThatThrownBy(() -> tree.proof(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> tree.proof(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aProofMustPointInsideItsTree() {
        List<Hash32> path = List.of();

        assertRejected(() -> new MerkleProof(0, 0, path), "INVALID_PROOF");
        assertRejected(() -> new MerkleProof(-1, 3, path), "INVALID_PROOF");
        assertRejected(() -> new MerkleProof(3, 3, path), "INVALID_PROOF");
        assertRejected(() -> new MerkleProof(0, 2, Collections.nCopies(65, Hash32.of(new byte[32]))), "INVALID_PROOF");
    }

    private static Hash32 leafHashOf(List<byte[]> entries, int m) {
        return Hash32.of(Fixtures.sha256(new byte[] {0x00}, entries.get(m)));
    }

    private static Hash32 flipBit(Hash32 hash, int bit) {
        byte[] bytes = hash.bytes();
        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        return Hash32.of(bytes);
    }

    /** RFC 6962 section 2.1 and 2.1.1 written out from the text, sharing no code with MerkleTree. */
    private static final class Rfc6962 {

        static byte[] mth(List<byte[]> d) {
            int n = d.size();
            if (n == 1) {
                return Fixtures.sha256(new byte[] {0x00}, d.get(0));
            }
            int k = split(n);
            return Fixtures.sha256(new byte[] {0x01}, mth(d.subList(0, k)), mth(d.subList(k, n)));
        }

        static List<byte[]> path(int m, List<byte[]> d) {
            int n = d.size();
            List<byte[]> path = new ArrayList<>();
            if (n == 1) {
                return path;
            }
            int k = split(n);
            if (m < k) {
                path.addAll(path(m, d.subList(0, k)));
                path.add(mth(d.subList(k, n)));
            } else {
                path.addAll(path(m - k, d.subList(k, n)));
                path.add(mth(d.subList(0, k)));
            }
            return path;
        }

        /** For each step of leaf m's path in a tree of n, from the leaf up: is the sibling on the right? */
        static List<Boolean> siblingOnRight(int m, int n) {
            List<Boolean> sides = new ArrayList<>();
            if (n == 1) {
                return sides;
            }
            int k = split(n);
            if (m < k) {
                sides.addAll(siblingOnRight(m, k));
                sides.add(true);
            } else {
                sides.addAll(siblingOnRight(m - k, n - k));
                sides.add(false);
            }
            return sides;
        }

        /** The largest power of two smaller than n. */
        private static int split(int n) {
            int k = 1;
            while (k * 2 < n) {
                k *= 2;
            }
            return k;
        }
    }
}
