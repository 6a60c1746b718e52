package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hashbridge.node.chain.TestRegistry.HK_ISSUER;
import static org.hashbridge.node.chain.TestRegistry.randomHash;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several batches of accesses recorded at once on a real anvil, as the access recorder sends a backlog: all are sent
 * before any is mined, so one block takes them all, and each has its own outcome, so a batch the registry refuses
 * leaves the others written.
 */
class AccessBatchesIT {

    private static final InstitutionId BANK_ID = new InstitutionId("cn.abc-shenzhen");
    private static final Hash32 BANK = BANK_ID.key();

    private static TestRegistry registry;

    private final ExecutorService thread = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void startChainWithAShenzhenBank() {
        registry = TestRegistry.start();
        registry.sz.registerVerifier(BANK_ID);
    }

    @AfterAll
    static void stopChain() {
        if (registry != null) {
            registry.close();
        }
    }

    @AfterEach
    void mineAgain() throws Exception {
        registry.anvil.automine(true);
        thread.shutdownNow();
    }

    @Test
    void threeBatchesAreAllSentBeforeAnyIsMinedAndOneBlockTakesThemAll() throws Exception {
        Hash32 commitment = consentForTheBank();
        List<List<AccessRecord>> batches = List.of(accesses(commitment, 256), accesses(commitment, 256), accesses(commitment, 3));
        registry.anvil.automine(false);

        Future<List<WriteOutcome>> sent = thread.submit(() -> registry.sz.recordAccessBatches(batches));
        registry.anvil.awaitPendingTransactions(3); // the three are in the pool while no receipt can have come
        registry.anvil.mine(1);
        List<WriteOutcome> outcomes = sent.get(30, TimeUnit.SECONDS);

        assertThat(outcomes).hasSize(3);
        long block = outcomes.get(0).get().blockNumber();
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.get().blockNumber()).isEqualTo(block));
        assertThat(batches).allSatisfy(batch -> assertThat(batch)
                .allSatisfy(access -> assertThat(registry.accessRecorded(BANK, access.receipt())).isTrue()));
    }

    @Test
    void aBatchTheRegistryRefusesAmongOthersIsRefusedAloneAndTheOthersAreRecorded() {
        Hash32 commitment = consentForTheBank();
        List<AccessRecord> before = accesses(commitment, 2);
        List<AccessRecord> neverConsented = accesses(randomHash(), 2);
        List<AccessRecord> after = accesses(commitment, 2);

        List<WriteOutcome> outcomes = registry.sz.recordAccessBatches(List.of(before, neverConsented, after));

        assertThatThrownBy(() -> outcomes.get(1).get()).isInstanceOfSatisfying(ChainRejected.class,
                refused -> assertThat(refused.error()).isEqualTo("UnknownConsent"));
        assertThat(outcomes.get(2).get().blockNumber()).isGreaterThanOrEqualTo(outcomes.get(0).get().blockNumber());
        assertThat(before).allSatisfy(access -> assertThat(registry.accessRecorded(BANK, access.receipt())).isTrue());
        assertThat(after).allSatisfy(access -> assertThat(registry.accessRecorded(BANK, access.receipt())).isTrue());
        assertThat(neverConsented).allSatisfy(access -> assertThat(registry.accessRecorded(BANK, access.receipt())).isFalse());
    }

    @Test
    void aBatchTooLongIsRefusedBeforeAnythingIsSent() {
        Hash32 commitment = consentForTheBank();
        List<AccessRecord> first = accesses(commitment, 1);

        assertThatThrownBy(() -> registry.sz.recordAccessBatches(List.of(first, accesses(commitment, 257))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(registry.accessRecorded(BANK, first.get(0).receipt())).isFalse();
    }

    private static Hash32 consentForTheBank() {
        Hash32 commitment = randomHash();
        registry.hk.recordConsent(commitment, HK_ISSUER, BANK, Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS));
        return commitment;
    }

    private static List<AccessRecord> accesses(Hash32 commitment, int count) {
        return IntStream.range(0, count).mapToObj(i -> new AccessRecord(commitment, BANK, randomHash(), true)).toList();
    }
}
