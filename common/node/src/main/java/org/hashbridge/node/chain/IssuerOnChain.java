package org.hashbridge.node.chain;

import java.util.Objects;

/**
 * An issuer as the registry holds it.
 *
 * @param jurisdiction the jurisdiction of the operator that registered it, such as {@code "HK"}
 * @param active       whether its home operator currently lets it issue
 */
public record IssuerOnChain(String jurisdiction, boolean active) {

    public IssuerOnChain {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
    }
}
