package org.hashbridge.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hashbridge.node.chain.contract.HashBridgeRegistry;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * What the registry holds, read the way an auditor would: from its events, and from the transactions
 * the operators sent to it. The counts in each node's database are checked against it.
 */
final class ChainLedger implements AutoCloseable {

    record Anchored(String root, String issuer, int leafCount) {
    }

    record Accessed(String commitment, String receipt) {
    }

    private static final String RECORD_ACCESSES = Hash.sha3String("recordAccesses(bytes32[],bytes32[],bytes32[],bool[])")
            .substring(0, 10);
    private static final String RECORD_ACCESS = Hash.sha3String("recordAccess(bytes32,bytes32,bytes32,bool)").substring(0, 10);

    private final HttpService service;
    private final Web3j web3j;
    private final String registry;

    ChainLedger(String rpcUrl, String registry) {
        this.service = new HttpService(rpcUrl);
        this.web3j = Web3j.build(service);
        this.registry = registry;
    }

    List<Anchored> rootsAnchored() {
        return logs(HashBridgeRegistry.ROOTANCHORED_EVENT).stream().map(HashBridgeRegistry::getRootAnchoredEventFromLog)
                .map(e -> new Anchored(hex(e.root), hex(e.issuer), e.leafCount.intValueExact())).toList();
    }

    Set<String> consentsRecorded() {
        return distinct(logs(HashBridgeRegistry.CONSENTRECORDED_EVENT).stream()
                .map(l -> hex(HashBridgeRegistry.getConsentRecordedEventFromLog(l).commitment)).toList());
    }

    Set<String> consentsRevoked() {
        return distinct(logs(HashBridgeRegistry.CONSENTREVOKED_EVENT).stream()
                .map(l -> hex(HashBridgeRegistry.getConsentRevokedEventFromLog(l).commitment)).toList());
    }

    /** {@code root:leaf} of every leaf revocation. */
    List<String> leavesRevoked() {
        return logs(HashBridgeRegistry.LEAFREVOKED_EVENT).stream().map(HashBridgeRegistry::getLeafRevokedEventFromLog)
                .map(e -> hex(e.root) + ":" + hex(e.leaf)).toList();
    }

    List<Accessed> accesses() {
        return logs(HashBridgeRegistry.CONSENTACCESSED_EVENT).stream().map(HashBridgeRegistry::getConsentAccessedEventFromLog)
                .map(e -> new Accessed(hex(e.commitment), hex(e.receipt))).toList();
    }

    int institutionsRegistered() {
        return logs(HashBridgeRegistry.ISSUERREGISTERED_EVENT).size() + logs(HashBridgeRegistry.VERIFIERREGISTERED_EVENT).size();
    }

    /** The receipt hashes every recordAccess(es) transaction {@code operator} sent carried, mined or reverted. */
    List<String> accessReceiptsSentBy(String operator) {
        List<String> receipts = new ArrayList<>();
        long latest = call(web3j.ethBlockNumber()).getBlockNumber().longValueExact();
        for (long number = 1; number <= latest; number++) {
            EthBlock.Block block = call(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), true))
                    .getBlock();
            for (EthBlock.TransactionResult<?> result : block.getTransactions()) {
                var tx = (EthBlock.TransactionObject) result.get();
                if (operator.equalsIgnoreCase(tx.getFrom()) && registry.equalsIgnoreCase(tx.getTo())) {
                    receipts.addAll(accessReceiptsIn(tx.getInput()));
                }
            }
        }
        return receipts;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static List<String> accessReceiptsIn(String input) {
        String selector = input.substring(0, 10).toLowerCase(Locale.ROOT);
        String arguments = input.substring(10);
        if (selector.equals(RECORD_ACCESSES)) {
            List<TypeReference<Type>> types = List.of((TypeReference) new TypeReference<DynamicArray<Bytes32>>() { },
                    (TypeReference) new TypeReference<DynamicArray<Bytes32>>() { },
                    (TypeReference) new TypeReference<DynamicArray<Bytes32>>() { },
                    (TypeReference) new TypeReference<DynamicArray<Bool>>() { });
            List<Type> decoded = FunctionReturnDecoder.decode(arguments, types);
            return ((DynamicArray<Bytes32>) decoded.get(2)).getValue().stream().map(b -> hex(b.getValue())).toList();
        }
        if (selector.equals(RECORD_ACCESS)) {
            return List.of(arguments.substring(128, 192));
        }
        return List.of();
    }

    void automine(boolean on) {
        anvil("evm_setAutomine", on);
    }

    /** Mines a block every {@code seconds}, as a QBFT network does, instead of one per transaction. */
    void blockEvery(int seconds) {
        anvil("evm_setIntervalMining", seconds);
    }

    void mine() {
        anvil("evm_mine");
    }

    private void anvil(String method, Object... params) {
        try {
            AnyResponse answer = new Request<>(method, List.of(params), service, AnyResponse.class).send();
            if (answer.hasError()) {
                throw new IllegalStateException(method + ": " + answer.getError().getMessage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Log> logs(org.web3j.abi.datatypes.Event event) {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, registry)
                .addSingleTopic(EventEncoder.encode(event));
        return call(web3j.ethGetLogs(filter)).getLogs().stream().map(result -> (Log) result.get()).toList();
    }

    private static <R extends Response<?>> R call(Request<?, R> request) {
        try {
            R answer = request.send();
            if (answer.hasError()) {
                throw new IllegalStateException(answer.getError().getMessage());
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> distinct(List<String> values) {
        Set<String> set = new HashSet<>(values);
        if (set.size() != values.size()) {
            throw new AssertionError("an event appears twice: " + values);
        }
        return set;
    }

    private static String hex(byte[] bytes) {
        return Numeric.toHexStringNoPrefix(bytes);
    }

    @Override
    public void close() {
        web3j.shutdown();
    }

    public static class AnyResponse extends Response<Object> {
    }
}
