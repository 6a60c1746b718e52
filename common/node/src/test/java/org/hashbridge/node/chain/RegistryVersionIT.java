package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.http.HttpService;

/**
 * What a node reads as the registry's version (the one it needs, an older registry, or none at all), and
 * that it writes only to the configured chain and registry and counts a write only with its event.
 */
class RegistryVersionIT {

    /** Runtime code that reverts whatever is called, as the first registry did for VERSION(). */
    private static final String ALWAYS_REVERTS = "0x60006000fd";
    private static final String OLD_REGISTRY = "0x00000000000000000000000000000000000000a1";
    private static final String NO_CONTRACT = "0x00000000000000000000000000000000000000a2";
    /** Runtime code that answers every call with the word 3, as VERSION() would, and emits nothing. */
    private static final String ANSWERS_THREE = "0x600360005260206000f3";
    private static final String IMPOSTOR = "0x00000000000000000000000000000000000000a3";
    /** Runtime code that answers every call with the word 2: the registry before resident keys, as far as VERSION() goes. */
    private static final String ANSWERS_TWO = "0x600260005260206000f3";
    private static final String PREVIOUS_REGISTRY = "0x00000000000000000000000000000000000000a4";

    private static TestRegistry registry;

    @BeforeAll
    static void deployAndPlaceAContractWithoutVersion() throws IOException {
        registry = TestRegistry.start();
        HttpService rpc = new HttpService(registry.chain.rpcUrl());
        for (List<String> code : List.of(List.of(OLD_REGISTRY, ALWAYS_REVERTS), List.of(IMPOSTOR, ANSWERS_THREE),
                List.of(PREVIOUS_REGISTRY, ANSWERS_TWO))) {
            var answer = new Request<>("anvil_setCode", code, rpc, AnvilControl.AnyResponse.class).send();
            assertThat(answer.hasError()).isFalse();
        }
    }

    @AfterAll
    static void stopChain() {
        registry.close();
    }

    @Test
    void theDeployedRegistryIsVersionThree() {
        assertThat(registry.sz.finalState().version()).isEqualTo(3).isEqualTo(RegistryChain.REGISTRY_VERSION);
    }

    @Test
    void aContractWithoutVersionReadsAsTheFirstVersionNotAsAnOutage() {
        try (Web3jRegistryChain old = connect(OLD_REGISTRY)) {
            assertThat(old.finalState().version()).isEqualTo(1);
        }
    }

    @Test
    void anAddressWithoutCodeIsNoRegistry() {
        try (Web3jRegistryChain none = connect(NO_CONTRACT)) {
            assertThatThrownBy(() -> none.finalState().version()).isInstanceOf(ChainUnavailable.class)
                    .hasMessageContaining("no registry");
        }
    }

    @Test
    void nothingIsSentToAnAddressWithoutCodeNorToARegistryOfAnotherVersion() throws IOException {
        long sent = registry.anvil.transactionCount(DevAccounts.szOperator().address());
        try (Web3jRegistryChain none = connect(NO_CONTRACT); Web3jRegistryChain old = connect(OLD_REGISTRY);
             Web3jRegistryChain previous = connect(PREVIOUS_REGISTRY)) {
            assertThatThrownBy(() -> none.anchorRoot(TestRegistry.SZ_ISSUER, TestRegistry.randomHash(), 1))
                    .isInstanceOf(ChainUnavailable.class).hasMessageContaining("no registry");
            assertThatThrownBy(() -> old.anchorRoot(TestRegistry.SZ_ISSUER, TestRegistry.randomHash(), 1))
                    .isInstanceOf(ChainUnavailable.class).hasMessageContaining("version 1");
            assertThatThrownBy(old::requireRegistry).isInstanceOf(RegistryMismatch.class);
            assertThatThrownBy(() -> previous.bindResidentKey(TestRegistry.randomHash(), TestRegistry.randomHash()))
                    .isInstanceOf(ChainUnavailable.class).hasMessageContaining("version 2");
            assertThatThrownBy(previous::requireRegistry).isInstanceOf(RegistryMismatch.class);
        }
        assertThat(registry.anvil.transactionCount(DevAccounts.szOperator().address())).isEqualTo(sent);
    }

    @Test
    void aTransactionMinedWithoutTheRegistrysEventIsNotAWrite() throws IOException {
        long sent = registry.anvil.transactionCount(DevAccounts.szOperator().address());
        try (Web3jRegistryChain impostor = connect(IMPOSTOR)) {
            impostor.requireRegistry(); // it answers VERSION like a registry of version 3

            assertThatThrownBy(() -> impostor.anchorRoot(TestRegistry.SZ_ISSUER, TestRegistry.randomHash(), 1))
                    .isInstanceOf(ChainUnavailable.class).hasMessageContaining("without its RootAnchored event");
            assertThatThrownBy(() -> impostor.recordConsent(TestRegistry.randomHash(), TestRegistry.SZ_ISSUER,
                    TestRegistry.randomHash(), java.time.Instant.now().plusSeconds(3600)))
                    .isInstanceOf(ChainUnavailable.class).hasMessageContaining("without its ConsentRecorded event");
            assertThatThrownBy(() -> impostor.bindResidentKey(TestRegistry.randomHash(), TestRegistry.randomHash()))
                    .isInstanceOf(ChainUnavailable.class).hasMessageContaining("without its ResidentKeyBound event");
        }
        assertThat(registry.anvil.transactionCount(DevAccounts.szOperator().address())).isEqualTo(sent + 3);
    }

    @Test
    void theChainAndTheRegistryAreTheConfiguredOnes() {
        registry.sz.requireRegistry();

        try (Web3jRegistryChain otherChain = Web3jRegistryChain.connect(new ChainSettings(registry.chain.rpcUrl(),
                registry.deployment.registry(), DevAccounts.szOperator(), 1, 0, ChainSettings.DEFAULT_POLL_INTERVAL,
                ChainSettings.DEFAULT_TIMEOUT))) {
            assertThatThrownBy(otherChain::requireRegistry).isInstanceOf(RegistryMismatch.class)
                    .hasMessageContaining("chain id 31337");
        }
    }

    private static Web3jRegistryChain connect(String address) {
        return Web3jRegistryChain.connect(ChainSettings.anvil(registry.chain.rpcUrl(), address, DevAccounts.szOperator()));
    }
}
