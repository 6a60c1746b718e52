package org.hashbridge.node.verification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface VerificationRepository extends JpaRepository<Verification, UUID> {

    Optional<Verification> findByIdAndVerifier(UUID id, String verifier);

    /**
     * Accesses to record that no instance holds a lease on, oldest first, locked; rows locked elsewhere are
     * skipped, so two instances on one database never send the same access.
     */
    @Query(value = "select * from verification where access_status = 'PENDING'"
            + " and (access_lease_until is null or access_lease_until < :now)"
            + " order by verified_at, id limit :limit for update skip locked", nativeQuery = true)
    List<Verification> claimPendingAccesses(Instant now, int limit);

    /** The two newest accesses recorded on this registry by a known transaction (the newest may not be final yet). */
    List<Verification> findFirst2ByAccessStatusAndAccessChainIdAndAccessRegistryIgnoreCaseAndAccessBlockNotNullOrderByAccessBlockDesc(
            Verification.AccessStatus status, long chainId, String registry);

    /** The consent commitments with accesses recorded on this registry. */
    @Query("select distinct v.consentCommitment from Verification v where v.accessStatus = :status"
            + " and v.accessChainId = :chainId and lower(v.accessRegistry) = lower(:registry)")
    List<String> findCommitmentsWith(Verification.AccessStatus status, long chainId, String registry);

    /** The accesses to one consent recorded on this registry: at most what the registry takes per consent. */
    List<Verification> findByConsentCommitmentAndAccessStatusAndAccessChainIdAndAccessRegistryIgnoreCase(String commitment,
            Verification.AccessStatus status, long chainId, String registry);

    long countByAccessLostAtIsNotNullAndAccessStatus(Verification.AccessStatus status);

    long countByAccessRewrittenAtIsNotNull();
}
