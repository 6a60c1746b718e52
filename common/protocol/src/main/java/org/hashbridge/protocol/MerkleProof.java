package org.hashbridge.protocol;

import java.util.List;
import java.util.Objects;

/**
 * An RFC 9162 inclusion proof: the leaf's index, the size of its tree and the audit path from the leaf
 * up. A tree of one leaf has {@code index 0, treeSize 1} and an empty path.
 */
public record MerkleProof(int index, int treeSize, List<Hash32> path) {

    private static final int MAX_PATH = 64;

    /** @throws InvalidInput {@code INVALID_PROOF} for an index outside the tree or an oversized path */
    public MerkleProof {
        Objects.requireNonNull(path, "path");
        if (treeSize < 1 || index < 0 || index >= treeSize || path.size() > MAX_PATH) {
            throw InvalidInput.of("INVALID_PROOF", "a proof needs 0 <= index < treeSize and at most 64 hashes");
        }
        path = List.copyOf(path);
    }

    /**
     * The root this proof leads to from {@code leafHash} (RFC 9162 section 2.1.3.2), or empty when the
     * path does not fit the tree's shape.
     */
    public java.util.Optional<Hash32> rootFor(Hash32 leafHash) {
        long fn = index;
        long sn = treeSize - 1L;
        Hash32 r = leafHash;
        for (Hash32 p : path) {
            if (sn == 0) {
                return java.util.Optional.empty();
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleTree.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = MerkleTree.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? java.util.Optional.of(r) : java.util.Optional.empty();
    }

    /** True when this proof leads from {@code leafHash} to {@code root}. */
    public boolean proves(Hash32 leafHash, Hash32 root) {
        return rootFor(leafHash).filter(root::equals).isPresent();
    }
}
