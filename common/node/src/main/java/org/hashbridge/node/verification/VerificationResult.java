package org.hashbridge.node.verification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.Verdict;

/**
 * The answer to a verification.
 *
 * @param receipt   compact JWS (ES256) the bank keeps
 * @param retryable true when a check could not be made and asking again later may change the verdict
 */
public record VerificationResult(UUID verificationId, Verdict verdict, List<Check> checks, String receipt,
                                 Instant verifiedAt, boolean retryable) {
}
