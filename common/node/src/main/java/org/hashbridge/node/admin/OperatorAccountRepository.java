package org.hashbridge.node.admin;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface OperatorAccountRepository extends JpaRepository<OperatorAccount, String> {

    /** The account, locked for this transaction: two sign-ins at once count both their failures. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from OperatorAccount a where a.username = :username")
    Optional<OperatorAccount> findForSignIn(String username);
}
