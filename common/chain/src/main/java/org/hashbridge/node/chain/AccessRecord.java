package org.hashbridge.node.chain;

import java.util.Objects;
import org.hashbridge.protocol.Hash32;

/**
 * One use of a consent to write on chain.
 *
 * @param commitment the consent commitment
 * @param verifier   the verifier's institution key, a verifier of the writing operator's jurisdiction
 * @param receipt    SHA-256 of the receipt the verifying node signed
 * @param verified   whether the verdict was VERIFIED
 */
public record AccessRecord(Hash32 commitment, Hash32 verifier, Hash32 receipt, boolean verified) {

    public AccessRecord {
        Objects.requireNonNull(commitment, "commitment");
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(receipt, "receipt");
    }
}
