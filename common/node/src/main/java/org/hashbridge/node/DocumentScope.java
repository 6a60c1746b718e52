package org.hashbridge.node;

import java.util.Objects;

/**
 * What a document and a consent must share to verify together: the issuer, the document type and the subject
 * reference (the keyed hash of the resident). A bank's verification passes only with a document and a consent
 * of one scope, both on chain; the issuer's home node writes both, so it can keep a revoked document of a scope
 * and an authorised consent of that scope from meeting on chain while the chain's state is being written again
 * after a loss. The two features answer each other through the two questions below.
 *
 * @param issuer       the issuer's institution id
 * @param documentType the document type
 * @param subjectRef   the subject reference, hex
 */
public record DocumentScope(String issuer, String documentType, String subjectRef) {

    public DocumentScope {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(documentType, "documentType");
        Objects.requireNonNull(subjectRef, "subjectRef");
    }

    /** What the anchoring feature tells about the revoked documents of a scope. */
    public interface Revocations {

        /**
         * Whether every document of {@code scope} that its issuer revoked, that has not reached its end, and whose
         * revocation the configured registry held once (or whose root it lost) is revoked there as of the final
         * block. False while one of them could verify once its root is there, or verifies now.
         *
         * @throws org.hashbridge.node.chain.ChainUnavailable when the chain cannot be read
         */
        boolean revokedOnChain(DocumentScope scope);
    }

    /** What the consent feature tells about the consents of a scope. */
    public interface Consents {

        /**
         * Whether a consent of {@code scope} that has not reached its end is authorised on chain as of the final
         * block.
         *
         * @throws org.hashbridge.node.chain.ChainUnavailable when the chain cannot be read
         */
        boolean authorisedOnChain(DocumentScope scope);
    }
}
