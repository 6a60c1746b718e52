package org.hashbridge.node.anchoring;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hashbridge.node.DocumentScope;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

interface AnchorRepository extends JpaRepository<AnchorSubmission, UUID> {

    Optional<AnchorSubmission> findByIdAndIssuer(UUID id, String issuer);

    /**
     * One issuer's anchors with these references: one query, whatever the number of references. They are
     * bound as one array: bound one by one, more than 65,535 would not fit in a statement.
     */
    default List<AnchorSubmission> findByIssuerAndReferenceIn(String issuer, Collection<String> references) {
        return findByIssuerAndReferenceAmong(issuer, references.toArray(String[]::new));
    }

    @Query(value = "select * from anchor_submission where issuer = :issuer and reference = any(:references)",
            nativeQuery = true)
    List<AnchorSubmission> findByIssuerAndReferenceAmong(String issuer, String[] references);

    List<AnchorSubmission> findByIssuerAndIdIn(String issuer, Collection<UUID> ids);

    Page<AnchorSubmission> findByIssuer(String issuer, Pageable page);

    /** One page of a bulk request's anchors, in the request's order. */
    @Query(value = "select s.* from anchor_request_item i join anchor_submission s on s.id = i.anchor_id"
            + " where i.request_id = :request and i.position >= :offset and i.position < :offset + :limit"
            + " order by i.position", nativeQuery = true)
    List<AnchorSubmission> findInRequest(UUID request, long offset, int limit);

    /** The issuers with submissions waiting for a batch. */
    @Query("select distinct a.issuer from AnchorSubmission a"
            + " where a.status = org.hashbridge.node.anchoring.AnchorStatus.PENDING and a.batchId is null")
    List<String> findIssuersWithUnbatched();

    /** A submission as a batch takes it: its id and leaf. */
    interface Unbatched {
        UUID getId();

        String getLeaf();
    }

    /**
     * One issuer's oldest submissions waiting for a batch, in a stable order, locked; rows another
     * transaction holds (another instance forming a batch, a revocation) are skipped. Only their ids and leaves
     * are read: a batch of many thousands is formed without loading them.
     */
    @Query(value = "select id, leaf from anchor_submission where issuer = :issuer and status = 'PENDING' and batch_id is null"
            + " order by created_at, id limit :limit for update skip locked", nativeQuery = true)
    List<Unbatched> claimUnbatched(String issuer, int limit);

    /**
     * Every submission of one digest by one issuer, oldest first, locked until the transaction ends: a
     * revocation and a concurrent one of the same document are made one after the other.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from AnchorSubmission a where a.issuer = :issuer and a.algorithm = :algorithm"
            + " and a.digest = :digest order by a.createdAt, a.id")
    List<AnchorSubmission> lockCopies(String issuer, String algorithm, String digest);

    /**
     * A batch's members in tree order, read only: completing a batch changes them with
     * {@link AnchorRowsInBulk#anchor}, one statement for them all.
     */
    @QueryHints(@QueryHint(name = HibernateHints.HINT_READ_ONLY, value = "true"))
    List<AnchorSubmission> findByBatchIdOrderByBatchIndexAsc(UUID batchId);

    /** A batch's members in {@code status}, to change one by one. */
    List<AnchorSubmission> findByBatchIdAndStatus(UUID batchId, AnchorStatus status);

    /**
     * Revocations to write on chain: of leaves whose batch is on chain, that no instance holds a lease
     * on, oldest first, locked (rows locked elsewhere are skipped).
     */
    @Query(value = "select s.* from anchor_submission s left join anchor_batch b on b.id = s.batch_id"
            + " where s.status = 'REVOKING' and s.voucher is not null and (b.id is null or b.status = 'ANCHORED')"
            + " and (s.lease_until is null or s.lease_until < :now)"
            + " order by s.created_at, s.id limit :limit for update of s skip locked", nativeQuery = true)
    List<AnchorSubmission> claimRevocations(Instant now, int limit);

    /** The scopes of a batch's members in {@code statuses} (revoked or being revoked) that run past {@code now}. */
    @Query("select distinct new org.hashbridge.node.DocumentScope(a.issuer, a.documentType, a.subjectRef)"
            + " from AnchorSubmission a where a.batchId = :batchId and a.status in :statuses and a.validUntil > :now")
    List<DocumentScope> findRevokedScopesIn(UUID batchId, List<AnchorStatus> statuses, Instant now);

    /**
     * The documents of one scope in {@code statuses} (revoked or being revoked) that run past {@code now}, whose
     * revocation was on chain once or whose root the chain lost, in a batch anchored on this registry.
     */
    @Query("select a from AnchorSubmission a, AnchorBatch b where b.id = a.batchId and a.issuer = :issuer"
            + " and a.documentType = :documentType and a.subjectRef = :subjectRef and a.status in :statuses"
            + " and a.validUntil > :now and (a.revokedAt is not null or b.lostAt is not null)"
            + " and b.chainId = :chainId and lower(b.registry) = lower(:registry)")
    List<AnchorSubmission> findInScope(String issuer, String documentType, String subjectRef, List<AnchorStatus> statuses,
                                       Instant now, long chainId, String registry);

    /** The revoked documents whose batch is anchored on this registry. */
    @Query("select a from AnchorSubmission a, AnchorBatch b where b.id = a.batchId and a.status = :revoked"
            + " and b.status = :anchored and b.chainId = :chainId and lower(b.registry) = lower(:registry)")
    List<AnchorSubmission> findUnder(AnchorStatus revoked, AnchorBatch.Status anchored, long chainId, String registry);

    default List<AnchorSubmission> findRevokedUnder(long chainId, String registry) {
        return findUnder(AnchorStatus.REVOKED, AnchorBatch.Status.ANCHORED, chainId, registry);
    }

    long countByStatus(AnchorStatus status);
}
