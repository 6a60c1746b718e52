package org.hashbridge.node.institution;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface InstitutionRepository extends JpaRepository<Institution, String> {

    Optional<Institution> findByApiKeyHash(String apiKeyHash);
}
