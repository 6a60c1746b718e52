package org.hashbridge.node.chain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.hashbridge.protocol.Hash32;

/**
 * A Merkle root as the registry holds it.
 *
 * @param issuer     the issuer key the root was anchored for
 * @param operator   the operator account that anchored it (EIP-55 checksummed address)
 * @param anchoredAt the timestamp of the block that anchored it
 * @param leafCount  how many leaves the batch holds
 * @param revokedAt  when the anchoring jurisdiction revoked the whole batch, empty while it stands
 */
public record AnchorOnChain(Hash32 issuer, String operator, Instant anchoredAt, long leafCount,
        Optional<Instant> revokedAt) {

    public AnchorOnChain {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(anchoredAt, "anchoredAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }
}
