package org.hashbridge.bank;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.hashbridge.protocol.CanonicalJson;
import org.hashbridge.protocol.Digest;
import org.hashbridge.protocol.DigestAlgorithm;

/**
 * Hashes a document the way its issuer did: the file's bytes as they are, or, for a JSON document, its
 * RFC 8785 canonical form, so that whitespace and key order do not change the digest.
 * Immutable and thread-safe.
 */
public final class DocumentHasher {

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
        try (InputStream in = Files.newInputStream(document)) {
            return algorithm.digest(in);
        }
    }

    public DigestAlgorithm algorithm() {
        return algorithm;
    }

    public boolean isCanonicalJson() {
        return canonicalJson;
    }
}
