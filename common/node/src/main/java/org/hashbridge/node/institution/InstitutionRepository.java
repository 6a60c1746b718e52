package org.hashbridge.node.institution;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface InstitutionRepository extends JpaRepository<Institution, String> {

    /** The active institution holding the live key whose secret hashes to {@code secretHash}. */
    @Query("select i from Institution i, ApiKey k where k.secretHash = :secretHash and k.revokedAt is null"
            + " and k.institution = i.id and i.active = true")
    Optional<Institution> findActiveByLiveKey(String secretHash);
}
