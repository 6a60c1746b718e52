package org.hashbridge.node.anchoring;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.protocol.Hash32;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The statements that change thousands of anchor rows at once, each one statement whatever the number of rows
 * (the ids and values bound as arrays), where saving entities one by one would send one statement per row. They
 * run in the caller's transaction and bypass the persistence context: the caller loads no entity it changes.
 */
@Component
class AnchorRowsInBulk {

    private static final String INSERT = "insert into anchor_submission (id, issuer, reference, document_type, algorithm,"
            + " digest, subject_ref, salt, valid_until, leaf, status, created_at, batch_id, batch_index, version)"
            + " select u.id, u.issuer, u.reference, u.document_type, u.algorithm, u.digest, u.subject_ref, u.salt,"
            + " u.valid_until, u.leaf, 'PENDING', u.created_at, u.batch_id, u.batch_index, 0 from unnest(?::uuid[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[],"
            + " ?::timestamptz[], ?::uuid[], ?::int[]) as u(id, issuer, reference, document_type, algorithm, digest,"
            + " subject_ref, salt, valid_until, leaf, created_at, batch_id, batch_index)";

    private static final String ASSIGN = "update anchor_submission s set batch_id = ?, batch_index = u.position - 1,"
            + " version = s.version + 1 from unnest(?::uuid[]) with ordinality as u(id, position)"
            + " where s.id = u.id and s.status = 'PENDING' and s.batch_id is null";

    private static final String ANCHOR = "update anchor_submission s set voucher = u.voucher, root = ?, tx_hash = ?,"
            + " block_number = ?, anchored_at = ?, status = case when s.status = 'PENDING' then 'ANCHORED' else s.status end,"
            + " version = s.version + 1 from unnest(?::uuid[], ?::text[]) as u(id, voucher)"
            + " where s.id = u.id and s.voucher is null and s.status in ('PENDING', 'REVOKING')";

    /**
     * Rows inserted at once past which the table's statistics are gathered again before the transaction ends.
     * PostgreSQL plans the later statements over these rows (the batch's assignment, its vouchers) from the
     * statistics it had before: with the table still counted empty or small after a bulk load, it joined the
     * unnested ids to the table by scanning the whole table once per id, minutes for a root of 10,000 in a table
     * of 100,000, until autovacuum's next analysis. PostgreSQL's own advice after a bulk load is to ANALYZE.
     */
    static final int ANALYZE_FROM = 1_000;

    private final JdbcTemplate jdbc;

    AnchorRowsInBulk(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores new pending submissions, in the batch each was {@linkplain AnchorSubmission#assignTo assigned} to if any,
     * as saving each would; {@value #ANALYZE_FROM} or more at once, then gathers the table's statistics again.
     *
     * @throws org.springframework.dao.DuplicateKeyException when one's reference is stored already
     */
    void insert(List<AnchorSubmission> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        int n = fresh.size();
        Object[][] columns = new Object[13][n];
        for (int i = 0; i < n; i++) {
            AnchorSubmission anchor = fresh.get(i);
            Object[] row = {anchor.id(), anchor.issuer(), anchor.reference().orElse(null), anchor.documentType(),
                    anchor.algorithm(), anchor.digestHex(), anchor.subjectRefHex(), anchor.saltHex(),
                    Timestamp.from(anchor.validUntil()), anchor.leafHex(), Timestamp.from(anchor.createdAt()),
                    anchor.batchId().orElse(null), anchor.batchId().isPresent() ? anchor.batchIndex() : null};
            for (int c = 0; c < row.length; c++) {
                columns[c][i] = row[c];
            }
        }
        String[] types = {"uuid", "text", "text", "text", "text", "text", "text", "text", "timestamptz", "text", "timestamptz",
            "uuid", "int4"};
        jdbc.update(con -> {
            PreparedStatement statement = con.prepareStatement(INSERT);
            for (int c = 0; c < types.length; c++) {
                statement.setArray(c + 1, con.createArrayOf(types[c], columns[c]));
            }
            return statement;
        });
        if (n >= ANALYZE_FROM) {
            jdbc.execute("analyze anchor_submission");
        }
    }

    /**
     * Puts pending submissions outside any batch into {@code batch}, each at its place in {@code members}, as
     * {@link AnchorSubmission#assignTo} does one.
     *
     * @throws IllegalStateException when one of them is not pending outside any batch (the caller holds their
     *                               locks, so it cannot have changed)
     */
    void assign(UUID batch, List<UUID> members) {
        int updated = jdbc.update(con -> {
            PreparedStatement statement = con.prepareStatement(ASSIGN);
            statement.setObject(1, batch);
            statement.setArray(2, con.createArrayOf("uuid", members.toArray()));
            return statement;
        });
        if (updated != members.size()) {
            throw new IllegalStateException("only " + updated + " of " + members.size() + " submissions could join batch "
                    + batch);
        }
    }

    /**
     * Gives each of {@code members} its voucher, as {@link AnchorSubmission#anchored} does one: a pending one is
     * then {@code ANCHORED}, one whose revocation was asked meanwhile stays {@code REVOKING}, now with the voucher
     * its revocation needs; one that has a voucher already keeps it.
     *
     * @param vouchers the voucher of each member, in the same order
     */
    void anchor(List<UUID> members, List<String> vouchers, Hash32 root, ChainWrite write) {
        jdbc.update(con -> {
            PreparedStatement statement = con.prepareStatement(ANCHOR);
            statement.setString(1, root.hex());
            statement.setString(2, write.txHash());
            statement.setLong(3, write.blockNumber());
            statement.setTimestamp(4, Timestamp.from(write.blockTime()));
            statement.setArray(5, con.createArrayOf("uuid", members.toArray()));
            statement.setArray(6, con.createArrayOf("text", vouchers.toArray()));
            return statement;
        });
    }
}
