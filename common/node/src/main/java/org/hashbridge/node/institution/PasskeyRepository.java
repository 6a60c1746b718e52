package org.hashbridge.node.institution;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface PasskeyRepository extends JpaRepository<Passkey, String> {

    List<Passkey> findBySubjectIdOrderByCreatedAt(String subjectId);

    Optional<Passkey> findByCredentialIdAndSubjectId(String credentialId, String subjectId);
}
