package org.hashbridge.node.consent;

public enum ConsentStatus {
    /**
     * stored for a resident with a bound key, waiting for their approval (10 minutes); nothing is on chain and the
     * token is not usable.
     */
    AWAITING_APPROVAL,
    /** the resident did not approve it in time; nothing was ever on chain, the token is worth nothing. */
    UNAPPROVED,
    /** stored; its commitment is being recorded on chain, and the token is not usable until it is. */
    PENDING,
    /** its commitment is on chain: the token is usable. */
    AUTHORISED,
    /** the registry refused to record it (the reason says why); the token is worth nothing. */
    FAILED,
    /** the resident revoked it; the revocation is being written on chain. */
    REVOKING,
    /** revoked on chain. */
    REVOKED
}
