package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.node.chain.TestRegistry.HK_ISSUER;
import static org.hashbridge.node.chain.TestRegistry.randomHash;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hashbridge.protocol.Hash32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On a chain that makes a block every 2 s, as a QBFT network does (anvil mining at an interval, as
 * {@code --block-time 2}, once the registry is set up), a write asks for its receipt about once per tenth of
 * a block, however short the configured poll interval.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReceiptPollingIT {

    private static final int BLOCK_SECONDS = 2;
    /**
     * A write waits at most one block period: ten polls at a tenth of it, one at once on sending, one for timing.
     * Every 20 ms, as configured, it would be a hundred.
     */
    private static final int MAX_RECEIPT_POLLS = 12;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private static TestRegistry registry;
    private static CountingRelay relay;

    @BeforeAll
    static void mineEveryTwoSeconds() throws Exception {
        registry = TestRegistry.start();
        registry.anvil.intervalMining(BLOCK_SECONDS);
        long switched = registry.anvil.latestBlockNumber();
        while (registry.anvil.latestBlockNumber() < switched + BlockPeriod.SAMPLE + 1) {
            Thread.sleep(200);
        }
        relay = CountingRelay.to(registry.chain.rpcUrl());
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void pollsAreSpacedToATenthOfTheObservedBlockPeriod() {
        try (Rpc rpc = Rpc.connect(registry.chain.rpcUrl(), ChainSettings.DEFAULT_TIMEOUT, POLL_INTERVAL)) {
            Duration pause = new ReceiptWatcher(rpc, registry.hk.operatorAddress(), POLL_INTERVAL,
                    ChainSettings.DEFAULT_TIMEOUT).pause();

            assertThat(pause).isBetween(Duration.ofMillis(150), Duration.ofMillis(250));
        }
    }

    @Test
    void oneWriteAsksForItsReceiptAFewTimesPerBlockNotEveryPollInterval() {
        ChainSettings settings = new ChainSettings(relay.url(), registry.deployment.registry(), DevAccounts.hkOperator(),
                ChainSettings.ANVIL_CHAIN_ID, 0, POLL_INTERVAL, ChainSettings.DEFAULT_TIMEOUT);
        try (Web3jRegistryChain client = Web3jRegistryChain.connect(settings)) {
            for (int write = 0; write < 3; write++) {
                Hash32 root = randomHash();
                int before = relay.calls("eth_getTransactionReceipt");

                client.anchorRoot(HK_ISSUER, root, 1);

                int polls = relay.calls("eth_getTransactionReceipt") - before;
                assertThat(polls).as("receipt polls of write %d", write).isBetween(1, MAX_RECEIPT_POLLS);
                assertThat(registry.sz.finalState().anchor(HK_ISSUER, root)).isPresent();
            }
        }
    }
}
