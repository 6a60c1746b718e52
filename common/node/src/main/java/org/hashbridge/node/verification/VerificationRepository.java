package org.hashbridge.node.verification;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface VerificationRepository extends JpaRepository<Verification, UUID> {

    Optional<Verification> findByIdAndVerifier(UUID id, String verifier);

    List<Verification> findByAccessStatusOrderByVerifiedAtAsc(Verification.AccessStatus status, Limit limit);
}
