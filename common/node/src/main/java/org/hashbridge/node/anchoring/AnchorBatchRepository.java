package org.hashbridge.node.anchoring;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface AnchorBatchRepository extends JpaRepository<AnchorBatch, UUID> {

    /**
     * Batches whose root is to be sent and that no instance holds a lease on, oldest first, locked; rows
     * another transaction has locked are skipped, so two instances never claim the same batch.
     */
    @Query(value = "select * from anchor_batch where status = 'SENDING' and (lease_until is null or lease_until < :now)"
            + " order by created_at, id limit :limit for update skip locked", nativeQuery = true)
    List<AnchorBatch> claimSending(Instant now, int limit);

    /** The two newest batches anchored on this registry (the newest may not be final yet). */
    List<AnchorBatch> findFirst2ByStatusAndChainIdAndRegistryIgnoreCaseOrderByBlockNumberDesc(AnchorBatch.Status status,
            long chainId, String registry);

    /** The batches anchored on this registry, oldest first. */
    List<AnchorBatch> findByStatusAndChainIdAndRegistryIgnoreCaseOrderByBlockNumberAsc(AnchorBatch.Status status,
            long chainId, String registry);

    long countByLostAtIsNotNull();

    long countByLostAtIsNotNullAndLastErrorStartingWith(String prefix);

    long countByRewrittenAtIsNotNull();

    long countByStatus(AnchorBatch.Status status);
}
