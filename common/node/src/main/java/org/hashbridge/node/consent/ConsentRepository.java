package org.hashbridge.node.consent;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ConsentRepository extends JpaRepository<Consent, UUID> {

    Optional<Consent> findByIdAndSubjectId(UUID id, String subjectId);

    List<Consent> findBySubjectIdOrderByIssuedAtDesc(String subjectId);
}
