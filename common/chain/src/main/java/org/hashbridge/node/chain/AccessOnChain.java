package org.hashbridge.node.chain;

import java.time.Instant;
import java.util.Objects;
import org.hashbridge.protocol.Hash32;

/**
 * One use of a consent, as a verifying node recorded it on chain.
 *
 * @param verifier the verifier's institution key
 * @param receipt  SHA-256 of the receipt the verifying node signed
 * @param verified whether the verdict was VERIFIED
 * @param at       the timestamp of the block that recorded it
 * @param txHash   the transaction that recorded it
 */
public record AccessOnChain(Hash32 verifier, Hash32 receipt, boolean verified, Instant at, String txHash) {

    public AccessOnChain {
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(txHash, "txHash");
    }
}
