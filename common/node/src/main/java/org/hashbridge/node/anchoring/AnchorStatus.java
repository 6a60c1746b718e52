package org.hashbridge.node.anchoring;

public enum AnchorStatus {
    /** accepted, waiting in the outbox for its batch root to be anchored. */
    PENDING,
    /** its batch root is on chain; the voucher is ready. */
    ANCHORED,
    /** its issuer withdrew it; the revocation is being written on chain (with its voucher once anchored). */
    REVOKING,
    /** withdrawn by its issuer; on chain too once it had been anchored. */
    REVOKED
}
