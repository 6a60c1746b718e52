package org.hashbridge.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What an issuer hands a resident beside the document: everything a verifying node needs, besides the
 * document's digest, to recompute the leaf, walk the Merkle proof to the anchored root and find that
 * root on chain. It holds no document content and no subject identifier (only its keyed hash).
 *
 * <p>The constructor checks that every field is well formed and that the proof leads from
 * {@code leaf} to {@code root}; a voucher that fails either check cannot exist. Whether the leaf
 * belongs to a given document is {@link #matches(Digest)}.
 */
public record Voucher(int version, String anchorId, String issuer, String documentType, String validUntil,
                      String subject, String algorithm, String salt, String leaf, Proof proof, String root,
                      ChainLocation chain) {

    public static final int VERSION = 1;

    /** How a member's name starts in a message: as the member of a request, or of a voucher file, is named. */
    private static final String MEMBER = "voucher.";

    /** Where the root was anchored. */
    public record ChainLocation(long chainId, String registry, String transaction, long block) {
        public ChainLocation {
            requireText(registry, "chain.registry");
            requireText(transaction, "chain.transaction");
        }
    }

    /** The Merkle inclusion proof, hashes in hex. */
    public record Proof(int index, int treeSize, List<String> path) {
        /** @throws InvalidInput {@code MALFORMED_VOUCHER} naming the hash of the path that is missing or not one */
        public Proof {
            path = path == null ? List.of() : path;
            for (int i = 0; i < path.size(); i++) {
                member("proof.path[" + i + "]", path.get(i), Hash32::fromHex);
            }
            path = List.copyOf(path);
        }

        public MerkleProof toMerkleProof() {
            return new MerkleProof(index, treeSize, path.stream().map(Hash32::fromHex).toList());
        }

        static Proof of(MerkleProof proof) {
            return new Proof(proof.index(), proof.treeSize(), proof.path().stream().map(Hash32::hex).toList());
        }
    }

    /**
     * @throws InvalidInput {@code MALFORMED_VOUCHER} when a member is missing or malformed, its message naming the
     *                      member ({@code voucher.salt}) and what is wrong with it; {@code VOUCHER_TAMPERED} when the
     *                      proof does not lead from leaf to root
     */
    public Voucher {
        if (version != VERSION) {
            throw malformed(MEMBER + "version: " + version + " is not a voucher version this reader knows (" + VERSION + ")");
        }
        requireText(anchorId, "anchorId");
        member("issuer", issuer, InstitutionId::new);
        member("documentType", documentType, DocumentType::new);
        member("validUntil", validUntil, Voucher::parseInstant);
        member("subject", subject, SubjectReference::fromHex);
        member("algorithm", algorithm, DigestAlgorithm::of);
        member("salt", salt, Salt::fromHex);
        member("leaf", leaf, Hash32::fromHex);
        member("root", root, Hash32::fromHex);
        member("proof", proof, Proof::toMerkleProof);
        if (chain == null) {
            throw malformed(MEMBER + "chain is missing");
        }
        if (!proof.toMerkleProof().proves(Hash32.fromHex(leaf), Hash32.fromHex(root))) {
            throw InvalidInput.of("VOUCHER_TAMPERED", "the voucher's proof does not lead from its leaf to its root");
        }
    }

    /** Builds the voucher for {@code leaf}, proven by {@code proof} into the anchored {@code root}. */
    public static Voucher issue(String anchorId, Leaf leaf, MerkleProof proof, Hash32 root, ChainLocation chain) {
        return new Voucher(VERSION, anchorId, leaf.issuer().value(), leaf.documentType().value(),
                leaf.validUntil().toString(), leaf.subject().hex(), leaf.digest().algorithm().id(),
                leaf.salt().hex(), leaf.hash().hex(), Proof.of(proof), root.hex(), chain);
    }

    /** @throws InvalidInput as the constructor does, or {@code MALFORMED_VOUCHER} for unreadable JSON */
    public static Voucher parse(String json) {
        return ProtocolJson.read(json.getBytes(StandardCharsets.UTF_8), Voucher.class, "MALFORMED_VOUCHER", "the voucher", "voucher");
    }

    public String toJson() {
        return ProtocolJson.write(this);
    }

    /** The leaf this voucher describes, for a document with {@code digest}. */
    public Leaf leafFor(Digest digest) {
        return new Leaf(digest, Salt.fromHex(salt), new InstitutionId(issuer), new DocumentType(documentType),
                parseInstant(validUntil), SubjectReference.fromHex(subject));
    }

    /**
     * True when {@code digest} (algorithm included) recomputes exactly this voucher's leaf. The voucher's
     * algorithm is compared by what it names, so {@code SHA-256} and {@code sha-256} are the same.
     */
    public boolean matches(Digest digest) {
        return digest.algorithm() == DigestAlgorithm.of(algorithm) && leafFor(digest).hash().equals(leafHash());
    }

    public Hash32 leafHash() {
        return Hash32.fromHex(leaf);
    }

    public Hash32 rootHash() {
        return Hash32.fromHex(root);
    }

    public InstitutionId issuerId() {
        return new InstitutionId(issuer);
    }

    public SubjectReference subjectReference() {
        return SubjectReference.fromHex(subject);
    }

    public Instant validUntilInstant() {
        return parseInstant(validUntil);
    }

    /** Whole seconds only: the leaf commits to the second, so a fraction could never match. */
    private static Instant parseInstant(String value) {
        Instant instant;
        try {
            instant = Instant.parse(Objects.requireNonNull(value, "validUntil"));
        } catch (DateTimeParseException e) {
            throw malformed("not an ISO-8601 instant (such as 2027-06-30T23:59:59Z)");
        }
        if (instant.getNano() != 0) {
            throw malformed("has a fraction of a second, where a leaf commits to whole seconds");
        }
        if (!ValidUntil.inRange(instant)) {
            throw malformed("lies outside 1970 to 9999");
        }
        return instant;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank() || value.length() > 200 || !FreeText.isPrintable(value)) {
            throw malformed(MEMBER + name + " is missing or not printable text of at most 200 characters");
        }
    }

    /**
     * Checks one member with {@code check}; its failure names the member.
     *
     * @throws InvalidInput {@code MALFORMED_VOUCHER}: "voucher.salt is missing", "voucher.salt: a salt must be ..."
     */
    private static <T> void member(String name, T value, Consumer<T> check) {
        if (value == null) {
            throw malformed(MEMBER + name + " is missing");
        }
        try {
            check.accept(value);
        } catch (InvalidInput e) {
            throw malformed(MEMBER + name + ": " + e.getMessage());
        }
    }

    private static InvalidInput malformed(String message) {
        return InvalidInput.of("MALFORMED_VOUCHER", message);
    }
}
