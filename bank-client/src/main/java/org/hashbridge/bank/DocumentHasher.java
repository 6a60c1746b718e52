package org.hashbridge.bank;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Objects;
import org.hashbridge.protocol.CanonicalJson;
import org.hashbridge.protocol.Digest;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.Hash32;

/**
 * Hashes a document the way its issuer did: the file's bytes as they are, or, for a JSON document, its
 * RFC 8785 canonical form, so that whitespace and key order do not change the digest.
 * Immutable and thread-safe.
 */
public final class DocumentHasher {

    /** Read straight into memory outside the heap, a part the processor's cache holds while it is hashed. */
    private static final int BUFFER = 256 * 1024;

    private final DigestAlgorithm algorithm;
    private final boolean canonicalJson;

    private DocumentHasher(DigestAlgorithm algorithm, boolean canonicalJson) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.canonicalJson = canonicalJson;
    }

    /** Hashes the file's bytes as they are, streaming, so a document of any size fits. */
    public static DocumentHasher raw(DigestAlgorithm algorithm) {
        return new DocumentHasher(algorithm, false);
    }

    /** Hashes the RFC 8785 canonical form of a JSON document; the whole document is read into memory. */
    public static DocumentHasher canonicalJson(DigestAlgorithm algorithm) {
        return new DocumentHasher(algorithm, true);
    }

    /**
     * @throws IOException when {@code document} cannot be read
     * @throws org.hashbridge.protocol.InvalidInput {@code INVALID_JSON} when hashing canonical JSON and
     *                                              the file is not JSON
     */
    public Digest hash(Path document) throws IOException {
        if (canonicalJson) {
            return algorithm.digest(CanonicalJson.canonicalize(Files.readAllBytes(document)));
        }
        // one copy, from the page cache into a direct buffer, where a stream makes two (into native memory, then the heap)
        try (FileChannel file = FileChannel.open(document)) {
            MessageDigest digest = algorithm.newMessageDigest();
            ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
            while (file.read(buffer) != -1) {
                digest.update(buffer.flip());
                buffer.clear();
            }
            return new Digest(algorithm, Hash32.of(digest.digest()));
        }
    }

    public DigestAlgorithm algorithm() {
        return algorithm;
    }

    public boolean isCanonicalJson() {
        return canonicalJson;
    }
}
