package org.hashbridge.node.anchoring;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface AnchorRequestRepository extends JpaRepository<AnchorRequest, UUID> {

    Optional<AnchorRequest> findByIssuerAndFingerprint(String issuer, String fingerprint);

    Optional<AnchorRequest> findByIdAndIssuer(UUID id, String issuer);
}
