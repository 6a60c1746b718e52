package org.hashbridge.bank;

import java.util.List;
import java.util.Objects;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.Verdict;

/**
 * The node's answer to {@code POST /api/v1/verifications}.
 *
 * @param verificationId the node's id for this verification
 * @param verdict        {@link Verdict#VERIFIED} only when every check is VALID
 * @param checks         the typed checks in the node's order; never null
 * @param receipt        the signed receipt as a compact JWS; keep it, check it with
 *                       {@link org.hashbridge.protocol.ReceiptVerifier}
 * @param verifiedAt     ISO-8601 instant, as the node wrote it
 * @param json           the node's answer exactly as received
 */
public record VerificationResult(String verificationId, Verdict verdict, List<Check> checks, String receipt,
                                 String verifiedAt, String json) {

    public VerificationResult {
        Objects.requireNonNull(verificationId, "verificationId");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(json, "json");
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    public boolean verified() {
        return verdict == Verdict.VERIFIED;
    }
}
