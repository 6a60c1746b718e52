package org.hashbridge.node.chain;

import java.util.Objects;

/**
 * An issuer or a verifier as the registry holds it.
 *
 * @param jurisdiction the jurisdiction of the operator that registered it, such as {@code "HK"}
 * @param active       whether its home operator currently lets it issue or verify
 */
public record InstitutionOnChain(String jurisdiction, boolean active) {

    public InstitutionOnChain {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
    }
}
