package org.hashbridge.node.database;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Rows the persistence tests need beside the ones they test, written and read with plain SQL. */
public final class Rows {

    private static final Instant CREATED = Instant.parse("2026-01-05T08:00:00Z");

    private final JdbcTemplate jdbc;

    Rows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An active institution with a random API key hash. */
    public Rows institution(String id, String role) {
        jdbc.update("insert into institution (id, role, active, created_at) values (?, ?, true, ?)",
                id, role, Timestamp.from(CREATED));
        jdbc.update("insert into api_key (id, institution, secret_hash, created_at) values (?, ?, ?, ?)",
                UUID.randomUUID(), id, UUID.randomUUID().toString().replace("-", ""), Timestamp.from(CREATED));
        return this;
    }

    /** A resident with a random credential hash. */
    public Rows resident(String subjectId) {
        jdbc.update("insert into resident (subject_id, credential_hash, created_at) values (?, ?, ?)",
                subjectId, UUID.randomUUID().toString().replace("-", ""), Timestamp.from(CREATED));
        return this;
    }

    public long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    /** Sets {@code column} of row {@code id} to each of {@code values} in turn: one a constraint refuses throws. */
    public void setEach(String table, String column, UUID id, List<String> values) {
        values.forEach(value -> jdbc.update("update " + table + " set " + column + " = ? where id = ?", value, id));
    }

    /** Empties every table the migrations made, for tests that commit. */
    public void deleteAll() {
        List<String> tables = jdbc.queryForList("select quote_ident(table_name) from information_schema.tables"
                + " where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'",
                String.class);
        // the audit trail refuses TRUNCATE by trigger, which its owner (the tests) may set aside for the moment
        jdbc.execute("alter table operator_audit disable trigger operator_audit_no_truncate; truncate "
                + String.join(", ", tables) + " cascade; alter table operator_audit enable trigger operator_audit_no_truncate");
    }
}
