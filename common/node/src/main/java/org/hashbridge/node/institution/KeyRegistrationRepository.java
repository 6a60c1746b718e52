package org.hashbridge.node.institution;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface KeyRegistrationRepository extends JpaRepository<KeyRegistration, UUID> {

    /** The resident's latest registration. */
    Optional<KeyRegistration> findFirstBySubjectIdOrderByRequestedAtDesc(String subjectId);

    /** The resident's latest registration in one of {@code statuses}, locked until the transaction ends. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<KeyRegistration> findFirstBySubjectIdAndStatusInOrderByRequestedAtDesc(String subjectId,
                                                                                    Collection<KeyRegistration.Status> statuses);

    /** Whether a registration of this node, not failed, names the key under another binding. */
    boolean existsByKeyHashAndBindingNotAndStatusNot(String keyHash, String binding, KeyRegistration.Status status);

    /** The registrations whose write is to be sent and that no instance holds, oldest first, locked; others' skipped. */
    @Query(value = "select * from resident_key_registration where status in ('PENDING', 'COMPLETING')"
            + " and (lease_until is null or lease_until < :now) order by requested_at, id limit :limit"
            + " for update skip locked", nativeQuery = true)
    List<KeyRegistration> claim(Instant now, int limit);
}
