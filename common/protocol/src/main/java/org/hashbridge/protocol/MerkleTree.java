package org.hashbridge.protocol;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 6962 (RFC 9162 section 2.1) Merkle tree over leaf hashes: leaves are SHA-256(0x00 || data),
 * inner nodes SHA-256(0x01 || left || right), and the split is at the largest power of two below the
 * size, so trees of any size are well defined. A tree of one leaf has that leaf as root and an empty
 * proof. Building the root visits every subtree a proof can name, so the tree is immutable afterwards.
 */
public final class MerkleTree {

    private final List<Hash32> leaves;
    /** Every subtree root, keyed by its leaf range, so proofs of a whole batch cost O(n log n), not O(n²). */
    private final Map<Long, Hash32> subtrees = new HashMap<>();
    private final Hash32 root;

    private MerkleTree(List<Hash32> leaves) {
        this.leaves = List.copyOf(leaves);
        this.root = subtreeRoot(0, leaves.size());
    }

    /**
     * @param leafHashes the leaf hashes in batch order, already prefixed (see {@link #leafHash})
     * @throws IllegalArgumentException when empty
     */
    public static MerkleTree of(List<Hash32> leafHashes) {
        if (leafHashes.isEmpty()) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        }
        return new MerkleTree(leafHashes);
    }

    public static Hash32 leafHash(Hash32 data) {
        return hash((byte) 0x00, data.bytes(), new byte[0]);
    }

    static Hash32 nodeHash(Hash32 left, Hash32 right) {
        return hash((byte) 0x01, left.bytes(), right.bytes());
    }

    public Hash32 root() {
        return root;
    }

    public int size() {
        return leaves.size();
    }

    /** The audit path of leaf {@code index}, ordered from the leaf up. */
    public MerkleProof proof(int index) {
        if (index < 0 || index >= leaves.size()) {
            throw new IndexOutOfBoundsException("no leaf " + index + " in a tree of " + leaves.size());
        }
        List<Hash32> path = new ArrayList<>();
        collectPath(index, 0, leaves.size(), path);
        return new MerkleProof(index, leaves.size(), path);
    }

    private void collectPath(int index, int from, int to, List<Hash32> path) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (index < k) {
            collectPath(index, from, from + k, path);
            path.add(subtreeRoot(from + k, to));
        } else {
            collectPath(index - k, from + k, to, path);
            path.add(subtreeRoot(from, from + k));
        }
    }

    private Hash32 subtreeRoot(int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        long range = ((long) from << 32) | to;
        Hash32 known = subtrees.get(range);
        if (known == null) {
            int k = largestPowerOfTwoBelow(n);
            known = nodeHash(subtreeRoot(from, from + k), subtreeRoot(from + k, to));
            subtrees.put(range, known);
        }
        return known;
    }

    static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static Hash32 hash(byte prefix, byte[] left, byte[] right) {
        MessageDigest md = DigestAlgorithm.SHA_256.newMessageDigest();
        md.update(prefix);
        md.update(left);
        md.update(right);
        return Hash32.of(md.digest());
    }
}
