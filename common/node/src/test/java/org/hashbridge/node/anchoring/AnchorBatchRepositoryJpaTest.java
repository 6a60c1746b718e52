package org.hashbridge.node.anchoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hashbridge.node.anchoring.Anchors.SUBMITTED;
import static org.hashbridge.node.anchoring.Anchors.anchoredBatch;
import static org.hashbridge.node.anchoring.Anchors.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hashbridge.node.Documents;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.database.Concurrently;
import org.hashbridge.node.database.JpaSliceTest;
import org.hashbridge.node.database.Rows;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The batches of the anchoring outbox: one root each, claimed by one instance at a time, audited on chain. */
@JpaSliceTest
class AnchorBatchRepositoryJpaTest {

    private static final String TRANSUNION = "hk.transunion";
    private static final Instant NOW = SUBMITTED.plus(Duration.ofHours(1));
    private static final Duration LEASE = Duration.ofSeconds(75);

    @Autowired
    private AnchorBatchRepository batches;
    @Autowired
    private Rows rows;
    @Autowired
    private Concurrently concurrently;

    @Test
    void aRootIsOneBatchOnly() {
        rows.institution(TRANSUNION, "ISSUER");
        AnchorBatch batch = batches.saveAndFlush(sending(TRANSUNION, SUBMITTED));

        assertThatThrownBy(() -> batches.saveAndFlush(new AnchorBatch(UUID.randomUUID(), TRANSUNION, batch.root(), 1, NOW)))
                .as("every attempt re-sends the root its batch was formed with").isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void everyStatusOfTheEntityIsOneTheTableAccepts() {
        rows.institution(TRANSUNION, "ISSUER");
        UUID id = batches.saveAndFlush(sending(TRANSUNION, SUBMITTED)).id();

        rows.setEach("anchor_batch", "status", id, Arrays.stream(AnchorBatch.Status.values()).map(Enum::name).toList());
        assertThatThrownBy(() -> rows.setEach("anchor_batch", "status", id, List.of("LOST")))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void twoInstancesSendingBatchesAtOnceNeverSendTheSameOneAndEachLeasesItsOwn() throws Exception {
        List<UUID> sendingBatches = concurrently.committed(() -> {
            rows.institution(TRANSUNION, "ISSUER");
            batches.save(anchoredBatch(TRANSUNION, Documents.CHAIN_ID, Documents.REGISTRY, 5));
            AnchorBatch leasedElsewhere = sending(TRANSUNION, SUBMITTED.minusSeconds(60));
            leasedElsewhere.lease(NOW.plusSeconds(30));
            batches.save(leasedElsewhere);
            return List.of(0, 1, 2).stream().map(i -> batches.save(sending(TRANSUNION, SUBMITTED.plusSeconds(i))).id()).toList();
        });

        Concurrently.Both<List<UUID>, List<UUID>> claims = concurrently.whileHeld(() -> claim(NOW, 2), () -> claim(NOW, 10));

        assertThat(claims.first()).containsExactly(sendingBatches.get(0), sendingBatches.get(1));
        assertThat(claims.second()).containsExactly(sendingBatches.get(2));
        assertThat(concurrently.committed(() -> claim(NOW, 10))).isEmpty();
        assertThat(concurrently.committed(() -> batches.claimSending(NOW.plus(LEASE).plusSeconds(1), 10)))
                .as("once the leases ran out, every batch still being sent, each attempt counted")
                .extracting(AnchorBatch::attempts).containsExactly(1, 1, 1, 1);
    }

    private List<UUID> claim(Instant now, int limit) {
        List<AnchorBatch> claimed = batches.claimSending(now, limit);
        claimed.forEach(batch -> batch.lease(now.plus(LEASE)));
        return claimed.stream().map(AnchorBatch::id).toList();
    }

    @Test
    void theAuditReadsTheNewestRootsOfTheConfiguredRegistryWhateverTheCaseOfItsAddress() {
        rows.institution(TRANSUNION, "ISSUER");
        AnchorBatch block5 = batches.save(anchoredBatch(TRANSUNION, Documents.CHAIN_ID, Documents.REGISTRY, 5));
        AnchorBatch block9 = batches.save(anchoredBatch(TRANSUNION, Documents.CHAIN_ID, Documents.REGISTRY, 9));
        AnchorBatch block7 = batches.save(anchoredBatch(TRANSUNION, Documents.CHAIN_ID, Documents.REGISTRY, 7));
        batches.save(anchoredBatch(TRANSUNION, Documents.CHAIN_ID, "0x" + "cd".repeat(20), 11));
        batches.save(anchoredBatch(TRANSUNION, 1, Documents.REGISTRY, 12));
        batches.save(sending(TRANSUNION, NOW));
        batches.flush();

        assertThat(batches.findFirst2ByStatusAndChainIdAndRegistryIgnoreCaseOrderByBlockNumberDesc(AnchorBatch.Status.ANCHORED,
                Documents.CHAIN_ID, Documents.REGISTRY.toLowerCase())).extracting(AnchorBatch::id)
                .containsExactly(block9.id(), block7.id());
        assertThat(batches.findByStatusAndChainIdAndRegistryIgnoreCaseOrderByBlockNumberAsc(AnchorBatch.Status.ANCHORED,
                Documents.CHAIN_ID, Documents.REGISTRY.toUpperCase().replace("0X", "0x"))).extracting(AnchorBatch::id)
                .containsExactly(block5.id(), block7.id(), block9.id());
        assertThat(batches.countByStatus(AnchorBatch.Status.SENDING)).isEqualTo(1);
    }

    @Test
    void theHealthCountsTheRootsTheChainLostAndThoseWrittenAgain() {
        rows.institution(TRANSUNION, "ISSUER");
        AnchorBatch lost = anchoredBatch(TRANSUNION, Documents.CHAIN_ID, Documents.REGISTRY, 5);
        lost.lost(NOW);
        batches.save(lost);
        AnchorBatch writtenAgain = anchoredBatch(TRANSUNION, Documents.CHAIN_ID, Documents.REGISTRY, 6);
        writtenAgain.lost(NOW);
        writtenAgain.anchored(Documents.CHAIN_ID, Documents.REGISTRY, new ChainWrite("0x" + "ef".repeat(32), 30, NOW));
        batches.save(writtenAgain);
        batches.save(anchoredBatch(TRANSUNION, Documents.CHAIN_ID, Documents.REGISTRY, 7));
        batches.flush();

        assertThat(batches.countByLostAtIsNotNull()).isEqualTo(1);
        assertThat(batches.countByRewrittenAtIsNotNull()).isEqualTo(1);
        assertThat(batches.findById(lost.id()).orElseThrow().lostAt()).contains(NOW);
    }
}
