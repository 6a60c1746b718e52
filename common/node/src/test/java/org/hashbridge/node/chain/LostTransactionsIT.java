package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hashbridge.node.chain.TestRegistry.HK_ISSUER;
import static org.hashbridge.node.chain.TestRegistry.randomHash;

import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hashbridge.protocol.Hash32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nonces against a real anvil that loses transactions or outlives its sender: a transaction dropped from the
 * pool is sent again and mined once, a restarted sender follows its predecessor's pending transaction, and a
 * transaction given up on leaves no gap that blocks later writes.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LostTransactionsIT {

    private static TestRegistry registry;
    private static AnvilControl anvil;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void deploy() {
        registry = TestRegistry.start();
        anvil = registry.anvil;
    }

    @AfterEach
    void mineOnArrivalAgain() throws Exception {
        anvil.automine(true);
        thread.shutdownNow();
    }

    @AfterAll
    static void stopChain() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aTransactionDroppedFromThePoolIsSentAgainWithItsNonceAndMinedOnce() throws Exception {
        Hash32 root = randomHash();
        long nonce = anvil.transactionCount(registry.hk.operatorAddress());
        anvil.automine(false);
        Future<ChainWrite> write = thread.submit(() -> registry.hk.anchorRoot(HK_ISSUER, root, 1));
        anvil.awaitPendingTransactions(1);
        String sent = anvil.pendingTransactionWith(root.hex());

        anvil.dropTransaction(sent);
        anvil.awaitPendingTransactions(1); // sent again
        anvil.mine(1);

        assertThat(write.get(30, TimeUnit.SECONDS).txHash()).isEqualTo(sent);
        assertThat(anvil.nonceOf(sent)).isEqualTo(BigInteger.valueOf(nonce));
        assertThat(anvil.transactionCount(registry.hk.operatorAddress())).isEqualTo(nonce + 1);
        assertThat(registry.sz.finalState().anchor(HK_ISSUER, root)).isPresent();
    }

    @Test
    void aRestartedSenderTakesTheNonceAfterItsPredecessorsPendingTransaction() throws Exception {
        Hash32 first = randomHash();
        Hash32 second = randomHash();
        anvil.automine(false);
        // what a node that stopped right after sending leaves behind: its transaction waiting in the pool
        String predecessors = registry.sendToPool(DevAccounts.hkOperator(),
                registry.anchorRootCall(HK_ISSUER, first, 1), registry.gasPrice());

        try (Web3jRegistryChain restarted = Web3jRegistryChain.connect(registry.hkSettings)) {
            Future<ChainWrite> write = thread.submit(() -> restarted.anchorRoot(HK_ISSUER, second, 1));
            anvil.awaitPendingTransactions(2);
            anvil.mine(1);

            String own = write.get(30, TimeUnit.SECONDS).txHash();
            assertThat(anvil.nonceOf(own)).isEqualTo(anvil.nonceOf(predecessors).add(BigInteger.ONE));
            assertThat(anvil.receipt(predecessors).isStatusOK()).isTrue();
        }
        assertThat(registry.sz.finalState().anchor(HK_ISSUER, first)).isPresent();
        assertThat(registry.sz.finalState().anchor(HK_ISSUER, second)).isPresent();
    }

    @Test
    void aTransactionGivenUpOnAndThenLostLeavesNoGapThatBlocksLaterWrites() throws Exception {
        Hash32 lost = randomHash();
        Hash32 later = randomHash();
        try (Web3jRegistryChain impatient = Web3jRegistryChain.connect(registry.hkSettings.withPollInterval(
                Duration.ofMillis(50)).withTimeout(Duration.ofSeconds(2)))) {
            long nonce = anvil.transactionCount(impatient.operatorAddress());
            anvil.automine(false);
            assertThatThrownBy(() -> impatient.anchorRoot(HK_ISSUER, lost, 1)).isInstanceOf(ChainUnavailable.class)
                    .hasMessageContaining("timed out");
            anvil.dropTransaction(anvil.pendingTransactionWith(lost.hex()));
            anvil.automine(true);

            ChainWrite write = impatient.anchorRoot(HK_ISSUER, later, 1);

            assertThat(anvil.nonceOf(write.txHash())).isEqualTo(BigInteger.valueOf(nonce));
        }
        assertThat(registry.sz.finalState().anchor(HK_ISSUER, later)).isPresent();
        assertThat(registry.sz.finalState().anchor(HK_ISSUER, lost)).isEmpty();
    }
}
