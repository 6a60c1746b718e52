package org.hashbridge.node.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hashbridge.node.database.JpaSliceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit trail is append-only in the database itself: whoever connects, an UPDATE, a DELETE or a TRUNCATE
 * of it is refused and the row stays as written. Each statement here commits on its own, as a person with a
 * SQL prompt would run it.
 */
@JpaSliceTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class OperatorAuditJpaTest {

    @Autowired
    private JdbcTemplate jdbc;

    private long id;

    @BeforeEach
    void anEntry() {
        id = jdbc.queryForObject("insert into operator_audit (at, actor, action, target, detail, remote_address)"
                + " values (now(), 'hk-ops', 'INSTITUTION_SUSPENDED', 'hk.fusion-bank', '', '10.0.0.7') returning id", Long.class);
    }

    @Test
    void anEntryCannotBeChanged() {
        assertThatThrownBy(() -> jdbc.update("update operator_audit set actor = 'someone-else' where id = ?", id))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("select actor from operator_audit where id = ?", String.class, id)).isEqualTo("hk-ops");
    }

    @Test
    void anEntryCannotBeDeleted() {
        assertThatThrownBy(() -> jdbc.update("delete from operator_audit where id = ?", id))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from operator_audit"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("select count(*) from operator_audit where id = ?", Long.class, id)).isEqualTo(1);
    }

    @Test
    void theTrailCannotBeTruncated() {
        assertThatThrownBy(() -> jdbc.execute("truncate operator_audit"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate operator_account, operator_audit cascade"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("select count(*) from operator_audit where id = ?", Long.class, id)).isEqualTo(1);
    }
}
