package org.hashbridge.node.institution;

import java.util.Objects;

/**
 * The authenticated principal of a request: an institution id such as {@code hk.transunion}, or a
 * resident's subject identifier.
 */
public record Caller(String id, Role role) {

    public Caller {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
    }
}
