package org.hashbridge.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * What an issuer vouches for: a document digest, the salt that hides it, and the metadata a verifier
 * relies on. {@link #hash()} is the Merkle leaf anchored (through its batch root) on chain.
 *
 * @param validUntil whole seconds within {@link ValidUntil}'s range; the document is valid strictly before this instant
 */
public record Leaf(Digest digest, Salt salt, InstitutionId issuer, DocumentType documentType,
                   Instant validUntil, SubjectReference subject) {

    static final String TAG = "HashBridge/leaf/v1";

    public Leaf {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(documentType, "documentType");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(validUntil, "validUntil");
        if (validUntil.getNano() != 0) {
            throw InvalidInput.of("INVALID_VALID_UNTIL", "validUntil must be in whole seconds");
        }
        ValidUntil.require(validUntil);
    }

    /** The domain-separated commitment to every field (docs/protocol.md, "Leaf"). */
    public Hash32 commitment() {
        return Preimage.tagged(TAG)
                .text(digest.algorithm().id())
                .hash(digest.value())
                .bytes(salt.bytes())
                .text(issuer.value())
                .text(documentType.value())
                .u64(validUntil.getEpochSecond())
                .hash(subject.value())
                .sha256();
    }

    /** The RFC 6962 leaf hash of the commitment: SHA-256(0x00 || commitment). */
    public Hash32 hash() {
        return MerkleTree.leafHash(commitment());
    }
}
