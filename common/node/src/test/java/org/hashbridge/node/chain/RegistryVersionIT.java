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

/** What a node reads as the registry's version: the one it needs, an older registry, or none at all. */
class RegistryVersionIT {

    /** Runtime code that reverts whatever is called, as the first registry did for VERSION(). */
    private static final String ALWAYS_REVERTS = "0x60006000fd";
    private static final String OLD_REGISTRY = "0x00000000000000000000000000000000000000a1";
    private static final String NO_CONTRACT = "0x00000000000000000000000000000000000000a2";

    private static TestRegistry registry;

    @BeforeAll
    static void deployAndPlaceAContractWithoutVersion() throws IOException {
        registry = TestRegistry.start();
        HttpService rpc = new HttpService(registry.chain.rpcUrl());
        var answer = new Request<>("anvil_setCode", List.of(OLD_REGISTRY, ALWAYS_REVERTS), rpc,
                AnvilControl.AnyResponse.class).send();
        assertThat(answer.hasError()).isFalse();
    }

    @AfterAll
    static void stopChain() {
        registry.close();
    }

    @Test
    void theDeployedRegistryIsVersionTwo() {
        assertThat(registry.sz.finalState().version()).isEqualTo(2);
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

    private static Web3jRegistryChain connect(String address) {
        return Web3jRegistryChain.connect(ChainSettings.anvil(registry.chain.rpcUrl(), address, DevAccounts.szOperator()));
    }
}
