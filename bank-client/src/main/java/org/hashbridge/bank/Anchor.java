package org.hashbridge.bank;

import java.util.Optional;
import org.hashbridge.protocol.Voucher;

/**
 * One anchor as its issuer's node shows it.
 *
 * @param reference the issuer's reference; null for an anchor submitted without one
 * @param status    {@code PENDING}, {@code ANCHORED}, {@code REVOKING} or {@code REVOKED}
 * @param voucher   once anchored (kept after a revocation); its proof was checked when it was read
 */
public record Anchor(String anchorId, String reference, String status, Optional<Voucher> voucher) {

    public static final String PENDING = "PENDING";
    public static final String ANCHORED = "ANCHORED";

    /** Still waiting for its root to be on chain. */
    public boolean isPending() {
        return PENDING.equals(status);
    }
}
