package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.junit.jupiter.api.Test;

/** How the client fails when the chain does not answer like a healthy node with a registry. */
class Web3jRegistryChainTest {

    private static final String REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final Hash32 ROOT = Hash32.fromHex("11".repeat(32));
    private static final InstitutionId ISSUER_ID = new InstitutionId("hk.transunion");
    private static final Hash32 ISSUER = ISSUER_ID.key();
    private static final String REVERT_NOT_AN_OPERATOR =
            "0xc0ae66ad00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c8";

    @Test
    void readsAndWritesAgainstAClosedPortAreUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (Web3jRegistryChain chain = connect("http://127.0.0.1:" + closedPort, Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> chain.finalState().anchor(ISSUER, ROOT)).isInstanceOf(ChainUnavailable.class);
            assertThatThrownBy(() -> chain.anchorRoot(ISSUER, ROOT, 1)).isInstanceOf(ChainUnavailable.class);
        }
    }

    @Test
    void aNodeThatNeverAnswersTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Web3jRegistryChain chain = connect("http://127.0.0.1:" + silent.getLocalPort(), Duration.ofMillis(300))) {
            assertThatThrownBy(() -> chain.finalState().issuer(ISSUER))
                    .isInstanceOf(ChainUnavailable.class)
                    .hasMessageContaining("timed out");
        }
    }

    @Test
    void anHttpErrorIsUnavailable() throws IOException {
        try (FakeRpcNode node = FakeRpcNode.start().httpStatus(503);
                Web3jRegistryChain chain = connect(node.url(), Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> chain.finalState().consent(ROOT)).isInstanceOf(ChainUnavailable.class);
        }
    }

    @Test
    void anAddressWithoutTheRegistryIsUnavailableNotEmpty() throws IOException {
        try (FakeRpcNode node = FakeRpcNode.start().result("eth_blockNumber", "\"0x10\"").result("eth_call", "\"0x\"");
                Web3jRegistryChain chain = connect(node.url(), Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> chain.finalState().anchor(ISSUER, ROOT))
                    .isInstanceOf(ChainUnavailable.class)
                    .hasMessageContaining("no registry");
        }
    }

    @Test
    void aRevertWhileEstimatingIsRejectedAndNothingIsSent() throws IOException {
        try (FakeRpcNode node = FakeRpcNode.start()
                .error("eth_estimateGas", 3, "execution reverted", REVERT_NOT_AN_OPERATOR);
                Web3jRegistryChain chain = connect(node.url(), Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> chain.registerIssuer(ISSUER_ID))
                    .isInstanceOfSatisfying(ChainRejected.class, rejected -> {
                        assertThat(rejected.error()).isEqualTo("NotAnOperator");
                        assertThat(rejected.txHash()).isEmpty();
                    });
        }
    }

    @Test
    void aNodeErrorThatIsNotARevertIsUnavailable() throws IOException {
        try (FakeRpcNode node = FakeRpcNode.start()
                .error("eth_estimateGas", -32000, "insufficient funds for gas", null);
                Web3jRegistryChain chain = connect(node.url(), Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> chain.registerIssuer(ISSUER_ID)).isInstanceOf(ChainUnavailable.class);
        }
    }

    @Test
    void refusesArgumentsTheContractCannotTake() {
        try (Web3jRegistryChain chain = connect("http://127.0.0.1:1", Duration.ofSeconds(1))) {
            assertThatIllegalArgumentException().isThrownBy(() -> chain.anchorRoot(ISSUER, ROOT, -1));
        }
    }

    private static Web3jRegistryChain connect(String rpcUrl, Duration timeout) {
        return Web3jRegistryChain.connect(new ChainSettings(rpcUrl, REGISTRY, DevAccounts.hkOperator(),
                ChainSettings.ANVIL_CHAIN_ID, 0, Duration.ofMillis(50), timeout));
    }
}
