package org.hashbridge.node.institution;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ApiKeyRepository extends JpaRepository<ApiKey, UUID> {

    List<ApiKey> findByInstitutionOrderByCreatedAtAscIdAsc(String institution);

    Optional<ApiKey> findByIdAndInstitution(UUID id, String institution);

    Optional<ApiKey> findBySecretHash(String secretHash);

    long countByInstitutionAndRevokedAtIsNull(String institution);
}
