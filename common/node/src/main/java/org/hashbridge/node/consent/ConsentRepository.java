package org.hashbridge.node.consent;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface ConsentRepository extends JpaRepository<Consent, UUID> {

    Optional<Consent> findByIdAndSubjectId(UUID id, String subjectId);

    /** The resident's consent, locked until the transaction ends: concurrent revocations go one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Consent c where c.id = :id and c.subjectId = :subjectId")
    Optional<Consent> lockOwned(UUID id, String subjectId);

    List<Consent> findBySubjectIdOrderByIssuedAtDesc(String subjectId);

    /**
     * Consents in {@code status} (PENDING or REVOKING: a chain write to make) that no instance holds a lease
     * on, oldest first, locked; rows locked elsewhere are skipped, so two instances never claim the same.
     */
    @Query(value = "select * from consent where status = :status and (lease_until is null or lease_until < :now)"
            + " order by issued_at, id limit :limit for update skip locked", nativeQuery = true)
    List<Consent> claim(String status, Instant now, int limit);

    /**
     * The two newest consents recorded on this registry with one of {@code statuses} that the chain has not lost
     * (the newest may not be final yet).
     */
    List<Consent> findFirst2ByStatusInAndChainIdAndRegistryIgnoreCaseAndLostAtIsNullOrderByBlockNumberDesc(
            List<ConsentStatus> statuses, long chainId, String registry);

    /** The consents recorded on this registry with one of {@code statuses} that the chain has not lost. */
    List<Consent> findByStatusInAndChainIdAndRegistryIgnoreCaseAndLostAtIsNull(List<ConsentStatus> statuses,
            long chainId, String registry);

    /** The consents of one scope that run past {@code now}, whatever their status. */
    List<Consent> findByIssuerAndDocumentTypeAndSubjectRefAndValidUntilAfter(String issuer, String documentType,
            String subjectRef, Instant now);

    long countByLostAtIsNotNullAndStatusIn(List<ConsentStatus> statuses);

    long countByRewrittenAtIsNotNull();

    long countByStatus(ConsentStatus status);

    /** Consents waiting for their resident's approval past {@code deadline}. */
    List<Consent> findByStatusAndApprovalDeadlineBefore(ConsentStatus status, Instant deadline);
}
