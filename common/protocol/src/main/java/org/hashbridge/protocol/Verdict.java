package org.hashbridge.protocol;

import java.util.Collection;

/** The answer to a verification. */
public enum Verdict {
    VERIFIED,
    REJECTED;

    /** VERIFIED only when there is at least one check and every check is VALID. */
    public static Verdict of(Collection<Check> checks) {
        return !checks.isEmpty() && checks.stream().allMatch(Check::passed) ? VERIFIED : REJECTED;
    }
}
