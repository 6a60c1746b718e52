package org.hashbridge.node.institution;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ResidentRepository extends JpaRepository<Resident, String> {

    Optional<Resident> findByCredentialHash(String credentialHash);
}
