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
}
