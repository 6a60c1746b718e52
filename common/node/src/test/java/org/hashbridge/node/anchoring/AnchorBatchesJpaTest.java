package org.hashbridge.node.anchoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.node.anchoring.Anchors.SUBMITTED;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hashbridge.node.DocumentScope;
import org.hashbridge.node.Documents;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.config.AnchoringProperties;
import org.hashbridge.node.config.OutboxProperties;
import org.hashbridge.node.database.JpaSliceTest;
import org.hashbridge.node.database.Rows;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.Voucher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forming and completing batches on PostgreSQL, thousands of rows at a time: an issuer's pending documents
 * are shared evenly between as few roots as the largest batch allows, and every member of a completed batch,
 * the largest there can be included, has a voucher whose proof leads from its leaf to the batch's root.
 */
@JpaSliceTest
class AnchorBatchesJpaTest {

    private static final String TRANSUNION = "hk.transunion";
    private static final Instant NOW = SUBMITTED.plusSeconds(3600);
    private static final ChainWrite WRITE = new ChainWrite("0x" + "ab".repeat(32), 42, NOW.plusSeconds(2));

    @Autowired
    private AnchorRepository anchors;
    @Autowired
    private AnchorBatchRepository batches;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private Rows rows;
    @Autowired
    private PlatformTransactionManager transactionManager;

    private final RegistryChain chain = mock(RegistryChain.class);

    @BeforeEach
    void anIssuer() {
        rows.institution(TRANSUNION, "ISSUER");
        when(chain.chainId()).thenReturn(Documents.CHAIN_ID);
        when(chain.registryAddress()).thenReturn(Documents.REGISTRY);
    }

    @Test
    void aBatchOfTheLargestSizeGivesEveryMemberAVoucherWhoseProofLeadsToItsRootFirstMiddleAndLastIncluded() {
        int largest = new AnchoringProperties(null, 0, 0).maxBatchSize();
        List<AnchorSubmission> submitted = pending(largest);

        AnchorBatches outbox = outbox(largest);
        outbox.form();
        AnchorBatch batch = onlyBatch();
        outbox.complete(batch.id(), WRITE);

        assertThat(batch.leafCount()).isEqualTo(largest);
        assertThat(jdbc.queryForObject("select count(*) from anchor_submission where status = 'ANCHORED' and voucher is not null"
                + " and tx_hash = ? and block_number = 42", Long.class, WRITE.txHash())).isEqualTo(largest);
        for (int index : List.of(0, 1, largest / 2, largest - 2, largest - 1)) {
            Voucher voucher = Voucher.parse(voucherAt(batch.id(), index)); // refused if its proof does not lead to its root
            AnchorSubmission member = submitted.get(index);
            assertThat(voucher.anchorId()).isEqualTo(member.id().toString());
            assertThat(voucher.rootHash()).isEqualTo(batch.root());
            assertThat(voucher.proof().index()).isEqualTo(index);
            assertThat(voucher.proof().treeSize()).isEqualTo(largest);
            assertThat(voucher.proof().path()).hasSize(32 - Integer.numberOfLeadingZeros(largest - 1));
            assertThat(voucher.matches(DigestAlgorithm.SHA_256.digest(document(index)))).isTrue();
            assertThat(voucher.chain().transaction()).isEqualTo(WRITE.txHash());
        }
    }

    @Test
    void anIssuersPendingDocumentsAreSharedEvenlyBetweenAsFewRootsAsTheLargestBatchAllowsOldestFirst() {
        List<AnchorSubmission> submitted = pending(9);

        outbox(4).form();

        List<AnchorBatch> formed = batches.findAll().stream()
                .sorted((a, b) -> Integer.compare(firstIndexOf(a, submitted), firstIndexOf(b, submitted))).toList();
        assertThat(formed).extracting(AnchorBatch::leafCount).containsExactly(3, 3, 3);
        List<UUID> inTreeOrder = new ArrayList<>();
        for (AnchorBatch batch : formed) {
            inTreeOrder.addAll(jdbc.queryForList("select id from anchor_submission where batch_id = ? order by batch_index",
                    UUID.class, batch.id()));
        }
        assertThat(inTreeOrder).isEqualTo(submitted.stream().map(AnchorSubmission::id).toList());
    }

    @Test
    void aMemberWhoseRevocationWasAskedWhileItsBatchWasOnItsWayGetsItsVoucherAndStaysRevoking() {
        List<AnchorSubmission> submitted = pending(3);
        AnchorBatches outbox = outbox(8);
        outbox.form();
        AnchorBatch batch = onlyBatch();
        AnchorSubmission revoking = anchors.findById(submitted.get(1).id()).orElseThrow();
        assertThat(revoking.requestRevocation("issued by mistake", NOW)).isTrue();
        anchors.flush();

        outbox.complete(batch.id(), WRITE);

        assertThat(jdbc.queryForList("select status from anchor_submission where voucher is not null order by batch_index",
                String.class)).containsExactly("ANCHORED", "REVOKING", "ANCHORED");
        assertThat(Voucher.parse(voucherAt(batch.id(), 1)).anchorId()).isEqualTo(revoking.id().toString());
    }

    @Test
    void aBulkInsertGathersTheTablesStatisticsSoTheStatementsAfterItArePlannedForTheRowsItAdded() {
        pending(AnchorRowsInBulk.ANALYZE_FROM);

        // planned from the statistics of an empty table, the vouchers' update scanned the table once per voucher
        assertThat(jdbc.queryForObject("select reltuples from pg_class where relname = 'anchor_submission'", Double.class))
                .isGreaterThanOrEqualTo(AnchorRowsInBulk.ANALYZE_FROM);
    }

    private AnchorBatches outbox(int maxBatchSize) {
        return new AnchorBatches(anchors, batches, new AnchorRowsInBulk(jdbc), chain, mock(DocumentScope.Consents.class),
                new AnchoringProperties(null, maxBatchSize, 0), new OutboxProperties(null, null, null, null),
                new TransactionTemplate(transactionManager), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** {@code count} pending documents stored as a bulk request stores them, each a microsecond after the previous. */
    private List<AnchorSubmission> pending(int count) {
        List<AnchorSubmission> submitted = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            submitted.add(Anchors.submission(TRANSUNION, new String(document(i), StandardCharsets.UTF_8),
                    SUBMITTED.plusNanos(i * 1000L)));
        }
        new AnchorRowsInBulk(jdbc).insert(submitted);
        return submitted;
    }

    private static byte[] document(int i) {
        return ("credit report " + i).getBytes(StandardCharsets.UTF_8);
    }

    private AnchorBatch onlyBatch() {
        List<AnchorBatch> formed = batches.findAll();
        assertThat(formed).hasSize(1);
        return formed.get(0);
    }

    private String voucherAt(UUID batch, int index) {
        return jdbc.queryForObject("select voucher from anchor_submission where batch_id = ? and batch_index = ?", String.class,
                batch, index);
    }

    private int firstIndexOf(AnchorBatch batch, List<AnchorSubmission> submitted) {
        UUID first = jdbc.queryForObject("select id from anchor_submission where batch_id = ? and batch_index = 0", UUID.class,
                batch.id());
        return submitted.stream().map(AnchorSubmission::id).toList().indexOf(first);
    }
}
