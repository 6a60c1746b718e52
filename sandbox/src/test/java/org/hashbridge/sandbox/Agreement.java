package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hashbridge.protocol.DigestAlgorithm;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What an auditor checks after any failure: every write the nodes' databases say was made is on chain
 * exactly once, nothing is on chain that no database accounts for, and nothing is left half-done.
 */
final class Agreement {

    private Agreement() {
    }

    /** Every accepted anchor in exactly one root on chain, every root on chain a batch of a node, no leaf twice. */
    static void anchorsAgree(Sandbox sandbox, ChainLedger ledger) {
        Map<String, Integer> batches = new HashMap<>();
        long batched = 0;
        for (String node : List.of("hk", "sz")) {
            JdbcTemplate db = db(sandbox, node);
            assertThat(count(db, "select count(*) from anchor_submission where status = 'PENDING'"))
                    .as(node + ": submissions still pending").isZero();
            assertThat(count(db, "select count(*) from anchor_batch where status <> 'ANCHORED'"))
                    .as(node + ": batches not anchored").isZero();
            db.query("select root, leaf_count from anchor_batch", row -> {
                batches.put(row.getString(1), row.getInt(2));
            });
            assertThat(count(db, "select count(*) from anchor_submission where batch_id is null"))
                    .as(node + ": accepted submissions in no batch (and not revoked before one)")
                    .isEqualTo(count(db, "select count(*) from anchor_submission where status = 'REVOKED' and voucher is null"));
            batched += count(db, "select count(*) from anchor_submission where batch_id is not null");
        }
        List<ChainLedger.Anchored> onChain = ledger.rootsAnchored();
        Map<String, Integer> anchored = new HashMap<>();
        onChain.forEach(root -> anchored.put(root.root(), root.leafCount()));
        assertThat(anchored).as("roots on chain, each with its leaf count, against the nodes' batches").isEqualTo(batches);
        assertThat(onChain.stream().mapToLong(ChainLedger.Anchored::leafCount).sum())
                .as("leaves anchored on chain against submissions in batches").isEqualTo(batched);
    }

    /**
     * Every consent a node says is or was authorised is recorded on chain once, every revocation it says it made too;
     * but for those the chain lost for good (past their end, the registry records them no more).
     */
    static void consentsAgree(Sandbox sandbox, ChainLedger ledger, boolean revokedOnesOnChain) {
        Set<String> recorded = new HashSet<>();
        Set<String> revoked = new HashSet<>();
        for (String node : List.of("hk", "sz")) {
            JdbcTemplate db = db(sandbox, node);
            assertThat(count(db, "select count(*) from consent where status in ('PENDING', 'REVOKING')"))
                    .as(node + ": consents still pending or revoking").isZero();
            recorded.addAll(db.queryForList("select commitment from consent where status = 'AUTHORISED' and lost_at is null",
                    String.class));
            if (revokedOnesOnChain) {
                List<String> gone = db.queryForList("select commitment from consent where status = 'REVOKED' and lost_at is null",
                        String.class);
                recorded.addAll(gone);
                revoked.addAll(gone);
            }
        }
        assertThat(ledger.consentsRecorded()).as("consents recorded on chain").isEqualTo(recorded);
        assertThat(ledger.consentsRevoked()).as("consents revoked on chain").isEqualTo(revoked);
    }

    /** Every anchor a node says is revoked (and was on chain) has its leaf revoked on chain, once. */
    static void revocationsAgree(Sandbox sandbox, ChainLedger ledger) {
        Set<String> revoked = new HashSet<>();
        for (String node : List.of("hk", "sz")) {
            JdbcTemplate db = db(sandbox, node);
            assertThat(count(db, "select count(*) from anchor_submission where status = 'REVOKING'"))
                    .as(node + ": revocations under way").isZero();
            revoked.addAll(db.queryForList("select root || ':' || leaf from anchor_submission"
                    + " where status = 'REVOKED' and voucher is not null", String.class));
        }
        List<String> onChain = ledger.leavesRevoked();
        assertThat(new HashSet<>(onChain)).as("leaf revocations on chain").isEqualTo(revoked);
        assertThat(onChain).as("each leaf revoked once").hasSameSizeAs(revoked);
    }

    /** Every access a node says it recorded is on chain once, and nothing else is. */
    static void accessesAgree(Sandbox sandbox, ChainLedger ledger) {
        Set<String> recorded = new HashSet<>();
        for (String node : List.of("hk", "sz")) {
            JdbcTemplate db = db(sandbox, node);
            assertThat(count(db, "select count(*) from verification where access_status = 'PENDING'"))
                    .as(node + ": accesses still pending").isZero();
            db.queryForList("select receipt from verification where access_status = 'RECORDED'", String.class)
                    .forEach(receipt -> recorded.add(receiptHash(receipt)));
        }
        List<String> onChain = ledger.accesses().stream().map(ChainLedger.Accessed::receipt).toList();
        assertThat(new HashSet<>(onChain)).as("accesses on chain").isEqualTo(recorded);
        assertThat(onChain).as("each access recorded once").hasSameSizeAs(recorded);
    }

    /**
     * Every access that was on chain before the chain lost its state is on chain again, exactly once, but for the
     * one whose consent could not be recorded again.
     */
    static void accessesWrittenAgain(List<String> before, String lostForGood, ChainLedger ledger) {
        List<String> after = ledger.accesses().stream().map(ChainLedger.Accessed::receipt).toList();
        List<String> expected = before.stream().filter(receipt -> !receipt.equals(lostForGood)).toList();
        assertThat(before).as("the access under the consent past its end was on chain before").contains(lostForGood);
        assertThat(after).as("accesses on chain again").containsAll(expected).doesNotContain(lostForGood)
                .doesNotHaveDuplicates();
    }

    static String receiptHash(String receipt) {
        return DigestAlgorithm.SHA_256.digest(receipt.getBytes(StandardCharsets.US_ASCII)).hex();
    }

    static JdbcTemplate db(Sandbox sandbox, String node) {
        return new JdbcTemplate(sandbox.database(node));
    }

    static long count(JdbcTemplate db, String sql) {
        return db.queryForObject(sql, Long.class);
    }
}
