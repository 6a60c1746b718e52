package org.hashbridge.node.anchoring;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface AnchorRepository extends JpaRepository<AnchorSubmission, UUID> {

    Optional<AnchorSubmission> findByIdAndIssuer(UUID id, String issuer);

    /** The issuers with submissions in the outbox. */
    @Query("select distinct a.issuer from AnchorSubmission a where a.status = :status")
    List<String> findIssuersByStatus(AnchorStatus status);

    /** The submissions of one digest by one issuer, but for those in {@code except}, oldest first. */
    @Query("select a from AnchorSubmission a where a.issuer = :issuer and a.algorithm = :algorithm"
            + " and a.digest = :digest and a.status <> :except order by a.createdAt, a.id")
    List<AnchorSubmission> findCopies(String issuer, String algorithm, String digest, AnchorStatus except);

    /** One issuer's outbox: oldest first, in a stable order so a retried batch is the same. */
    List<AnchorSubmission> findByIssuerAndStatusOrderByCreatedAtAscIdAsc(String issuer, AnchorStatus status, Limit limit);
}
