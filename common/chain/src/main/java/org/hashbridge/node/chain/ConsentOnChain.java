package org.hashbridge.node.chain;

import java.time.Instant;
import java.util.Objects;
import org.hashbridge.protocol.Hash32;

/**
 * A consent commitment as the registry holds it.
 *
 * @param issuer     the issuer key the consent names
 * @param verifier   the verifier key the consent is for
 * @param operator   the operator account that recorded it (EIP-55 checksummed address)
 * @param validUntil the end of the consent, to the second
 * @param updatedAt  the timestamp of the block that recorded or last revoked it
 * @param status     whether it is still authorised
 */
public record ConsentOnChain(Hash32 issuer, Hash32 verifier, String operator, Instant validUntil, Instant updatedAt,
        Status status) {

    /** The status of a recorded consent; a commitment never recorded has no {@code ConsentOnChain}. */
    public enum Status {
        AUTHORISED,
        REVOKED
    }

    public ConsentOnChain {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(status, "status");
    }
}
