package org.hashbridge.node.anchoring;

import java.util.UUID;
import org.hashbridge.node.NodeException;

/** Why an anchoring request was refused. */
final class AnchoringRefused extends NodeException {

    private AnchoringRefused(Kind kind, String code, String title, String detail) {
        super(kind, code, title, detail);
    }

    static AnchoringRefused notFound(UUID id) {
        return new AnchoringRefused(Kind.NOT_FOUND, "ANCHOR_NOT_FOUND", "Anchor not found",
                "no anchor " + id + " for this issuer");
    }

    static AnchoringRefused alreadyRevoked(UUID id) {
        return new AnchoringRefused(Kind.CONFLICT, "ANCHOR_ALREADY_REVOKED", "Already revoked",
                "anchor " + id + " is revoked already, or its revocation is under way");
    }

    static AnchoringRefused issuerSuspended(String issuer) {
        return new AnchoringRefused(Kind.UNPROCESSABLE, "ISSUER_SUSPENDED", "Issuer suspended",
                issuer + " is suspended on the registry by its home operator and cannot anchor");
    }

    static AnchoringRefused validUntilPassed() {
        return new AnchoringRefused(Kind.UNPROCESSABLE, "VALID_UNTIL_PASSED", "Valid-until has passed",
                "validUntil must be in the future");
    }
}
