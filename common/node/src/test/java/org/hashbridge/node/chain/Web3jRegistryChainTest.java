package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;

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
        try (FakeRpcNode node = registryV3()
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
        try (FakeRpcNode node = registryV3()
                .error("eth_estimateGas", -32000, "insufficient funds for gas", null);
                Web3jRegistryChain chain = connect(node.url(), Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> chain.registerIssuer(ISSUER_ID)).isInstanceOf(ChainUnavailable.class);
        }
    }

    @Test
    void aWriteMinedWithoutItsEventWroteNothing() throws IOException {
        try (FakeRpcNode node = registryV3().result("eth_estimateGas", "\"0x5208\"").result("eth_gasPrice", "\"0x0\"")
                .result("eth_getTransactionCount", "\"0x0\"").result("eth_sendRawTransaction", "\"" + TX + "\"")
                .result("eth_getTransactionReceipt", minedReceipt("[]"))
                .result("eth_getBlockByNumber", "{\"number\":\"0x10\",\"timestamp\":\"0x64\"}");
                Web3jRegistryChain chain = connect(node.url(), Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> chain.anchorRoot(ISSUER, ROOT, 1))
                    .isInstanceOf(ChainUnavailable.class)
                    .hasMessageContaining("without its RootAnchored event");
        }
    }

    @Test
    void aWriteCountsWithTheEventItMustEmit() throws IOException {
        try (FakeRpcNode node = writableRegistry().result("eth_gasPrice", "\"0x0\"");
                Web3jRegistryChain chain = connect(node.url(), Duration.ofSeconds(2))) {
            ChainWrite write = chain.anchorRoot(ISSUER, ROOT, 1);

            assertThat(write.txHash()).isEqualTo(TX);
            assertThat(write.blockNumber()).isEqualTo(16);
        }
    }

    @Test
    void aChainOfAnotherIdIsAMismatchAndNothingIsSentToIt() throws IOException {
        try (FakeRpcNode node = registryV3().result("eth_chainId", "\"0x1\"");
                Web3jRegistryChain chain = connect(node.url(), Duration.ofSeconds(2))) {
            assertThatThrownBy(chain::requireRegistry).isInstanceOf(RegistryMismatch.class)
                    .hasMessageContaining("chain id 1").hasMessageContaining("configured for 31337");
            assertThatThrownBy(() -> chain.anchorRoot(ISSUER, ROOT, 1)).isInstanceOf(ChainUnavailable.class)
                    .hasMessageContaining("chain id 1");
        }
    }

    @Test
    void anAddressWithoutCodeHoldsNoRegistryYetAndAWriteWaits() throws IOException {
        try (FakeRpcNode node = registryV3().result("eth_call", "\"0x\"");
                Web3jRegistryChain chain = connect(node.url(), Duration.ofSeconds(2))) {
            assertThatThrownBy(chain::requireRegistry).isInstanceOf(ChainUnavailable.class).hasMessageContaining("no registry");
            assertThatThrownBy(() -> chain.anchorRoot(ISSUER, ROOT, 1)).isInstanceOf(ChainUnavailable.class);
        }
    }

    @Test
    void aRegistryOfAnotherVersionIsAMismatch() throws IOException {
        try (FakeRpcNode node = registryV3().result("eth_call", "\"0x" + "0".repeat(63) + "2\"");
                Web3jRegistryChain chain = connect(node.url(), Duration.ofSeconds(2))) {
            assertThatThrownBy(chain::requireRegistry).isInstanceOf(RegistryMismatch.class)
                    .hasMessageContaining("version 2").hasMessageContaining("needs version 3");
        }
    }

    private static final String TX = "0x" + "ab".repeat(32);

    /**
     * Besu's answer to eth_sendRawTransaction from an account its allowlist does not hold: RpcErrorType
     * TX_SENDER_NOT_AUTHORIZED in hyperledger/besu, ethereum/api/.../jsonrpc/internal/response/RpcErrorType.java.
     */
    private static final String BESU_SENDER_NOT_AUTHORIZED =
            "{\"code\":-32007,\"message\":\"Sender account not authorized to send transactions\"}";

    @Test
    void anAccountOffTheNetworksAllowlistIsRejectedOnceNamingItAndNotRetried() throws IOException {
        try (FakeRpcNode node = writableRegistry().result("eth_gasPrice", "\"0x0\"")
                .errorObject("eth_sendRawTransaction", BESU_SENDER_NOT_AUTHORIZED);
                Web3jRegistryChain chain = connect(node.url(), Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> chain.anchorRoot(ISSUER, ROOT, 1))
                    .isInstanceOfSatisfying(ChainRejected.class, rejected -> {
                        assertThat(rejected.error()).isEqualTo(ChainRejected.ACCOUNT_NOT_PERMITTED);
                        assertThat(rejected.txHash()).isEmpty();
                    })
                    .hasMessageContaining(DevAccounts.hkOperator().address());
            assertThat(node.requests("eth_sendRawTransaction")).hasSize(1);
            assertThat(node.requests("eth_getTransactionReceipt")).isEmpty();
        }
    }

    @Test
    void aRoundOfWritesFromAnAccountOffTheAllowlistSendsOnlyItsFirst() throws IOException {
        try (FakeRpcNode node = writableRegistry().result("eth_gasPrice", "\"0x0\"")
                .errorObject("eth_sendRawTransaction", BESU_SENDER_NOT_AUTHORIZED);
                Web3jRegistryChain chain = connect(node.url(), Duration.ofSeconds(2))) {
            java.util.List<WriteOutcome> outcomes = chain.anchorRoots(java.util.List.of(
                    new RegistryChain.RootToAnchor(ISSUER, ROOT, 1), new RegistryChain.RootToAnchor(ISSUER, ISSUER, 1),
                    new RegistryChain.RootToAnchor(ISSUER, Hash32.fromHex("22".repeat(32)), 1)));

            assertThat(outcomes).hasSize(3).allSatisfy(outcome -> assertThatThrownBy(outcome::get)
                    .isInstanceOfSatisfying(ChainRejected.class,
                            rejected -> assertThat(rejected.error()).isEqualTo(ChainRejected.ACCOUNT_NOT_PERMITTED)));
            assertThat(node.requests("eth_sendRawTransaction")).hasSize(1);
        }
    }

    @Test
    void anAccountOffTheAllowlistIsRejectedAlsoWhenTheSimulationSaysSo() throws IOException {
        try (FakeRpcNode node = registryV3().errorObject("eth_estimateGas", BESU_SENDER_NOT_AUTHORIZED);
                Web3jRegistryChain chain = connect(node.url(), Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> chain.anchorRoot(ISSUER, ROOT, 1)).isInstanceOfSatisfying(ChainRejected.class,
                    rejected -> assertThat(rejected.error()).isEqualTo(ChainRejected.ACCOUNT_NOT_PERMITTED));
            assertThat(node.requests("eth_sendRawTransaction")).isEmpty();
        }
    }

    @Test
    void automaticTransactionsAreLegacyOnAChainWithoutBaseFee() throws IOException {
        try (FakeRpcNode node = writableRegistry().result("eth_gasPrice", "\"0x7\"");
                Web3jRegistryChain chain = connect(node.url(), Duration.ofSeconds(2))) {
            chain.anchorRoot(ISSUER, ROOT, 1);

            RawTransaction sent = sentTransaction(node);
            assertThat(sent.getType().isLegacy()).isTrue();
            assertThat(sent.getGasPrice()).isEqualTo(BigInteger.valueOf(7));
        }
    }

    @Test
    void automaticTransactionsAreEip1559WithTwiceTheBaseFeePlusTheTipAsCap() throws IOException {
        try (FakeRpcNode node = writableRegistry()
                .result("eth_getBlockByNumber", "{\"number\":\"0x10\",\"timestamp\":\"0x64\",\"baseFeePerGas\":\"0x64\"}")
                .result("eth_maxPriorityFeePerGas", "\"0x3\"");
                Web3jRegistryChain chain = connect(node.url(), Duration.ofSeconds(2))) {
            chain.anchorRoot(ISSUER, ROOT, 1);

            Transaction1559 sent = (Transaction1559) sentTransaction(node).getTransaction();
            assertThat(sent.getMaxPriorityFeePerGas()).isEqualTo(BigInteger.valueOf(3));
            assertThat(sent.getMaxFeePerGas()).isEqualTo(BigInteger.valueOf(203));
            assertThat(sent.getChainId()).isEqualTo(ChainSettings.ANVIL_CHAIN_ID);
        }
    }

    @Test
    void aConfiguredPriceOfZeroIsOfferedWithoutAskingTheNode() throws IOException {
        for (TransactionType type : new TransactionType[] {TransactionType.LEGACY, TransactionType.EIP1559}) {
            try (FakeRpcNode node = writableRegistry();
                    Web3jRegistryChain chain = Web3jRegistryChain.connect(settings(node.url(), Duration.ofSeconds(2))
                            .withFees(type, BigInteger.ZERO))) {
                chain.anchorRoot(ISSUER, ROOT, 1);

                RawTransaction sent = sentTransaction(node);
                if (type == TransactionType.LEGACY) {
                    assertThat(sent.getType().isLegacy()).isTrue();
                    assertThat(sent.getGasPrice()).isZero();
                } else {
                    Transaction1559 eip1559 = (Transaction1559) sent.getTransaction();
                    assertThat(eip1559.getMaxFeePerGas()).isZero();
                    assertThat(eip1559.getMaxPriorityFeePerGas()).isZero();
                }
                assertThat(node.requests("eth_gasPrice")).isEmpty();
                assertThat(node.requests("eth_maxPriorityFeePerGas")).isEmpty();
            }
        }
    }

    private static final Pattern RAW_PARAM = Pattern.compile("\"params\"\\s*:\\s*\\[\"(0x[0-9a-fA-F]+)\"");

    /** The one transaction {@code node} was sent, decoded. */
    private static RawTransaction sentTransaction(FakeRpcNode node) {
        assertThat(node.requests("eth_sendRawTransaction")).hasSize(1);
        Matcher raw = RAW_PARAM.matcher(node.requests("eth_sendRawTransaction").get(0));
        assertThat(raw.find()).isTrue();
        return TransactionDecoder.decode(raw.group(1));
    }

    /** {@link #registryV3()} that takes a write of {@code RootAnchored(ROOT, ISSUER)}, on a chain without base fee. */
    private static FakeRpcNode writableRegistry() throws IOException {
        String rootAnchored = "[{\"address\":\"" + REGISTRY + "\",\"topics\":[\""
                + org.web3j.abi.EventEncoder.encode(org.hashbridge.node.chain.contract.HashBridgeRegistry.ROOTANCHORED_EVENT)
                + "\",\"" + ROOT.prefixedHex() + "\",\"" + ISSUER.prefixedHex() + "\"],\"data\":\"0x\","
                + "\"blockNumber\":\"0x10\",\"transactionHash\":\"" + TX + "\",\"logIndex\":\"0x0\"}]";
        return registryV3().result("eth_estimateGas", "\"0x5208\"").result("eth_getTransactionCount", "\"0x0\"")
                .result("eth_sendRawTransaction", "\"" + TX + "\"")
                .result("eth_getTransactionReceipt", minedReceipt(rootAnchored))
                .result("eth_getBlockByNumber", "{\"number\":\"0x10\",\"timestamp\":\"0x64\"}");
    }

    /** A node of chain 31337 whose registry answers VERSION 3. */
    private static FakeRpcNode registryV3() throws IOException {
        return FakeRpcNode.start().result("eth_chainId", "\"0x7a69\"").result("eth_blockNumber", "\"0x10\"")
                .result("eth_call", "\"0x" + "0".repeat(63) + "3\"");
    }

    private static String minedReceipt(String logs) {
        return "{\"transactionHash\":\"" + TX + "\",\"transactionIndex\":\"0x0\",\"blockNumber\":\"0x10\","
                + "\"blockHash\":\"0x" + "cd".repeat(32) + "\",\"status\":\"0x1\",\"gasUsed\":\"0x5208\","
                + "\"cumulativeGasUsed\":\"0x5208\",\"logs\":" + logs + "}";
    }

    @Test
    void refusesArgumentsTheContractCannotTake() {
        try (Web3jRegistryChain chain = connect("http://127.0.0.1:1", Duration.ofSeconds(1))) {
            assertThatIllegalArgumentException().isThrownBy(() -> chain.anchorRoot(ISSUER, ROOT, -1));
        }
    }

    private static Web3jRegistryChain connect(String rpcUrl, Duration timeout) {
        return Web3jRegistryChain.connect(settings(rpcUrl, timeout));
    }

    private static ChainSettings settings(String rpcUrl, Duration timeout) {
        return new ChainSettings(rpcUrl, REGISTRY, DevAccounts.hkOperator(), ChainSettings.ANVIL_CHAIN_ID, 0,
                Duration.ofMillis(50), timeout);
    }
}
