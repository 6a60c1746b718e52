package org.hashbridge.node.anchoring;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface AnchorRepository extends JpaRepository<AnchorSubmission, UUID> {

    Optional<AnchorSubmission> findByIdAndIssuer(UUID id, String issuer);

    /** The outbox: oldest pending submissions first, in a stable order so a retried batch is the same. */
    List<AnchorSubmission> findByStatusOrderByCreatedAtAscIdAsc(AnchorStatus status, Limit limit);
}
