package org.hashbridge.node.institution;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One institution as this node holds it, beside the registry's view of it.
 *
 * @param active    whether its operator lets it act: the node refuses a suspended institution's keys at once
 * @param changedAt when its operator last suspended or reactivated it, empty if never
 * @param liveKeys  how many of its API keys work
 * @param pending   true while the chain does not hold what the node wants and the node is still bringing it there
 *                  (an institution it has to register, a suspension or reactivation it has to write); false for a
 *                  state set on chain around the node, which it reports and leaves
 */
public record InstitutionView(String id, Role role, boolean active, Instant createdAt, Optional<Instant> changedAt,
                              long liveKeys, ChainView chain, boolean pending) {

    public InstitutionView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(chain, "chain");
    }
}
