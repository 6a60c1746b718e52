package org.hashbridge.node.chain;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hashbridge.node.chain.contract.HashBridgeRegistry;
import org.hashbridge.protocol.Hash32;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/** The registry's event history, up to the final block, filtered by an indexed key. */
final class RegistryEvents {

    private final Rpc rpc;
    private final RegistryReads reads;
    private final String registry;

    RegistryEvents(Rpc rpc, RegistryReads reads, String registry) {
        this.rpc = rpc;
        this.reads = reads;
        this.registry = registry;
    }

    /**
     * The accesses recorded for {@code commitment} from the {@code offset}-th on, at most {@code limit},
     * oldest first. One log query, then one block-time read per distinct block of those returned, so the
     * cost of a page does not grow with the total.
     */
    AccessHistory accesses(Hash32 commitment, int offset, int limit) {
        List<Log> all = logs(HashBridgeRegistry.CONSENTACCESSED_EVENT, commitment);
        int from = Math.min(offset, all.size());
        int to = (int) Math.min((long) from + limit, all.size());
        Map<Long, Instant> blockTimes = new HashMap<>();
        List<AccessOnChain> page = all.subList(from, to).stream().map(log -> {
            var event = HashBridgeRegistry.getConsentAccessedEventFromLog(log);
            long block = log.getBlockNumber().longValueExact();
            return new AccessOnChain(Hash32.of(event.verifier), Hash32.of(event.receipt), event.verified,
                    blockTimes.computeIfAbsent(block, rpc::blockTime), log.getTransactionHash());
        }).toList();
        return new AccessHistory(page, all.size());
    }

    /** The transaction that anchored {@code root} for {@code issuer}, if it is final. */
    Optional<ChainWrite> anchorWrite(Hash32 issuer, Hash32 root) {
        return firstWrite(HashBridgeRegistry.ROOTANCHORED_EVENT, root, issuer);
    }

    /** The transaction that recorded the consent {@code commitment}, if it is final. */
    Optional<ChainWrite> consentWrite(Hash32 commitment) {
        return firstWrite(HashBridgeRegistry.CONSENTRECORDED_EVENT, commitment);
    }

    private Optional<ChainWrite> firstWrite(Event event, Hash32... keys) {
        return logs(event, keys).stream().findFirst().map(log -> {
            long block = log.getBlockNumber().longValueExact();
            return new ChainWrite(log.getTransactionHash(), block, rpc.blockTime(block));
        });
    }

    /** The event's logs up to the final block whose first indexed values are {@code indexed}, in order. */
    private List<Log> logs(Event event, Hash32... indexed) {
        DefaultBlockParameter to = DefaultBlockParameter.valueOf(BigInteger.valueOf(reads.finalBlock()));
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, to, registry)
                .addSingleTopic(EventEncoder.encode(event));
        for (Hash32 value : indexed) {
            filter.addSingleTopic(value.prefixedHex());
        }
        EthLog answer = rpc.sendOk("eth_getLogs", rpc.web3j().ethGetLogs(filter));
        return answer.getLogs().stream().map(result -> (Log) result.get()).toList();
    }
}
