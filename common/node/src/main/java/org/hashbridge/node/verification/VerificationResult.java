package org.hashbridge.node.verification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.CheckStatus;
import org.hashbridge.protocol.Verdict;

/**
 * The answer to a verification.
 *
 * @param receipt compact JWS (EdDSA, Ed25519) the bank keeps
 */
public record VerificationResult(UUID verificationId, Verdict verdict, List<Check> checks, String receipt,
                                 Instant verifiedAt) {

    /** True when a check could not be made, so asking again later may change the verdict. */
    public boolean retryable() {
        return checks.stream().anyMatch(c -> c.status() == CheckStatus.UNAVAILABLE);
    }
}
