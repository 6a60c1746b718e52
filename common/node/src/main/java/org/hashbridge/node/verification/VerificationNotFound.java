package org.hashbridge.node.verification;

import java.util.UUID;
import org.hashbridge.node.NodeException;

final class VerificationNotFound extends NodeException {

    private VerificationNotFound(UUID id) {
        super(Kind.NOT_FOUND, "VERIFICATION_NOT_FOUND", "Verification not found", "no verification " + id + " for this verifier");
    }

    static VerificationNotFound of(UUID id) {
        return new VerificationNotFound(id);
    }
}
