package org.hashbridge.node.chain;

import java.util.Objects;

/**
 * An operator account as the registry holds it.
 *
 * @param jurisdiction the jurisdiction governance registered it for, such as {@code "SZ"}
 * @param active       whether it may still write; a deactivated operator keeps its jurisdiction
 */
public record OperatorOnChain(String jurisdiction, boolean active) {

    public OperatorOnChain {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
    }
}
