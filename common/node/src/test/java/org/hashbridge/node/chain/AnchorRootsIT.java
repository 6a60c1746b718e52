package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hashbridge.node.chain.TestRegistry.HK_ISSUER;
import static org.hashbridge.node.chain.TestRegistry.randomHash;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hashbridge.protocol.Hash32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several roots anchored at once on a real anvil: all are sent before any is mined, so one block takes them all,
 * and each has its own outcome, so a root the registry refuses leaves the others written, and one the chain loses
 * is sent again.
 */
class AnchorRootsIT {

    private static TestRegistry registry;
    private static AnvilControl anvil;

    private final ExecutorService thread = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void startChain() {
        registry = TestRegistry.start();
        anvil = registry.anvil;
    }

    @AfterAll
    static void stopChain() {
        if (registry != null) {
            registry.close();
        }
    }

    @AfterEach
    void mineAgain() throws Exception {
        anvil.automine(true);
        thread.shutdownNow();
    }

    @Test
    void threeRootsAreAllSentBeforeAnyIsMinedAndOneBlockTakesThemAll() throws Exception {
        List<Hash32> roots = List.of(randomHash(), randomHash(), randomHash());
        anvil.automine(false);

        Future<List<WriteOutcome>> sent = thread.submit(() -> registry.hk.anchorRoots(toAnchor(roots)));
        anvil.awaitPendingTransactions(3); // the three are in the pool while no receipt can have come
        anvil.mine(1);
        List<WriteOutcome> outcomes = sent.get(30, TimeUnit.SECONDS);

        assertThat(outcomes).hasSize(3);
        long block = outcomes.get(0).get().blockNumber();
        for (int i = 0; i < 3; i++) {
            ChainWrite write = outcomes.get(i).get();
            assertThat(write.blockNumber()).isEqualTo(block);
            assertThat(registry.hk.anchorWrite(HK_ISSUER, roots.get(i))).contains(write);
        }
        assertThat(anvil.nonceOf(outcomes.get(2).get().txHash()))
                .isEqualTo(anvil.nonceOf(outcomes.get(0).get().txHash()).add(java.math.BigInteger.TWO));
    }

    @Test
    void aRootTheRegistryRefusesAmongOthersIsRefusedAloneAndTheNextRootTakesItsNonce() throws Exception {
        Hash32 anchoredBefore = randomHash();
        ChainWrite earlier = registry.hk.anchorRoot(HK_ISSUER, anchoredBefore, 3);
        List<Hash32> roots = List.of(randomHash(), anchoredBefore, randomHash());

        List<WriteOutcome> outcomes = registry.hk.anchorRoots(toAnchor(roots));

        assertThatThrownBy(() -> outcomes.get(1).get()).isInstanceOfSatisfying(ChainRejected.class,
                refused -> assertThat(refused.error()).isEqualTo("RootAlreadyAnchored"));
        assertThat(registry.hk.anchorWrite(HK_ISSUER, anchoredBefore)).contains(earlier);
        ChainWrite first = outcomes.get(0).get();
        ChainWrite third = outcomes.get(2).get();
        assertThat(registry.hk.anchorWrite(HK_ISSUER, roots.get(0))).contains(first);
        assertThat(registry.hk.anchorWrite(HK_ISSUER, roots.get(2))).contains(third);
        assertThat(anvil.nonceOf(third.txHash())).isEqualTo(anvil.nonceOf(first.txHash()).add(java.math.BigInteger.ONE));
    }

    @Test
    void aRootTheChainLosesAmongOthersIsSentAgainWithItsNonceAndEachIsOnChainOnce() throws Exception {
        List<Hash32> roots = List.of(randomHash(), randomHash(), randomHash());
        anvil.automine(false);

        Future<List<WriteOutcome>> sent = thread.submit(() -> registry.hk.anchorRoots(toAnchor(roots)));
        anvil.awaitPendingTransactions(3);
        String lost = anvil.pendingTransactionWith(roots.get(1).hex());
        anvil.dropTransaction(lost);
        anvil.mine(1); // the first root; the lost one, and the third behind its nonce, wait to be sent again
        anvil.automine(true);
        List<WriteOutcome> outcomes = sent.get(30, TimeUnit.SECONDS);

        for (int i = 0; i < 3; i++) {
            ChainWrite write = outcomes.get(i).get();
            assertThat(registry.hk.anchorWrite(HK_ISSUER, roots.get(i))).contains(write);
        }
        assertThat(outcomes.get(1).get().txHash()).isEqualTo(lost);
        assertThat(anvil.nonceOf(outcomes.get(2).get().txHash()))
                .isEqualTo(anvil.nonceOf(outcomes.get(0).get().txHash()).add(java.math.BigInteger.TWO));
    }

    private static List<RegistryChain.RootToAnchor> toAnchor(List<Hash32> roots) {
        return roots.stream().map(root -> new RegistryChain.RootToAnchor(HK_ISSUER, root, 5)).toList();
    }
}
