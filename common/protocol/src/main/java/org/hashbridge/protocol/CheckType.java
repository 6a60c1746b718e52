package org.hashbridge.protocol;

/** The checks a verification makes; the verdict is VERIFIED only when every one is VALID. */
public enum CheckType {
    /** digest + salt + metadata recompute the leaf, and the proof leads to the root. */
    INTEGRITY,
    /** the root is on chain, final, and written by the operator of the issuer's jurisdiction. */
    ANCHOR,
    /** the leaf is not revoked. */
    STATUS,
    /** the document's valid-until has not passed. */
    VALIDITY,
    /** the issuer is registered on chain and active. */
    ISSUER,
    /** the consent is on chain, authorised, unexpired, and covers this verifier, issuer, type and subject. */
    CONSENT
}
