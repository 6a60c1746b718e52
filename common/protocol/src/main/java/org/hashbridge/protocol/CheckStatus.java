package org.hashbridge.protocol;

/** The outcome of one check. */
public enum CheckStatus {
    VALID,
    INVALID,
    /** the check could not be made (for example the chain was unreachable); never counts as VALID. */
    UNAVAILABLE
}
