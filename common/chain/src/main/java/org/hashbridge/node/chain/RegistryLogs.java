package org.hashbridge.node.chain;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.hashbridge.node.chain.RegistryEvent.Kind;
import org.hashbridge.node.chain.contract.HashBridgeRegistry;
import org.hashbridge.protocol.Hash32;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthTransaction;
import org.web3j.protocol.core.methods.response.Log;

/**
 * {@link RegistryFeed#events} over JSON-RPC: one {@code eth_getLogs} for the range, then the blocks that
 * hold its events and the senders of its consents in batches. The last block is read before and after the
 * logs, and every log must name the hash of the block read for its number, so a range read while the chain
 * changed branch is refused rather than mixed.
 */
final class RegistryLogs {

    private static final Map<String, Function<Log, RegistryEvent>> DECODERS = decoders();

    private final Rpc rpc;
    private final String registry;

    RegistryLogs(Rpc rpc, String registry) {
        this.rpc = rpc;
        this.registry = registry;
    }

    Optional<BlockRef> block(long number) {
        EthBlock.Block block = rpc.sendOk("eth_getBlockByNumber", blockRequest(number)).getBlock();
        return Optional.ofNullable(block).map(RegistryLogs::ref);
    }

    RegistryFeed.Range events(long from, long to) {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("blocks " + from + " to " + to + " are no range");
        }
        BlockRef last = block(to).orElseThrow(() -> ChainUnavailable.unexpectedAnswer("eth_getBlockByNumber", "no block " + to));
        List<Log> logs = logs(from, to);
        TreeSet<Long> numbers = new TreeSet<>(logs.stream().map(log -> log.getBlockNumber().longValueExact()).toList());
        numbers.add(to);
        Map<Long, BlockRef> blocks = blocks(numbers);
        if (!blocks.get(to).equals(last)) {
            throw changedBranch(to);
        }
        Map<String, String> senders = senders(logs);
        List<RegistryFeed.Logged> events = new ArrayList<>(logs.size());
        for (Log log : logs) {
            BlockRef block = blocks.get(log.getBlockNumber().longValueExact());
            if (!block.hash().equals(log.getBlockHash().toLowerCase(Locale.ROOT))) {
                throw changedBranch(block.number());
            }
            RegistryEvent event = DECODERS.get(log.getTopics().get(0).toLowerCase(Locale.ROOT)).apply(log);
            if (event instanceof RegistryEvent.ConsentRecorded recorded) {
                event = new RegistryEvent.ConsentRecorded(recorded.commitment(), recorded.issuer(), recorded.verifier(),
                        recorded.validUntil(), senders.get(log.getTransactionHash()));
            }
            events.add(new RegistryFeed.Logged(block, log.getLogIndex().intValueExact(), event));
        }
        return new RegistryFeed.Range(last, events);
    }

    private List<Log> logs(long from, long to) {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), registry)
                .addOptionalTopics(DECODERS.keySet().toArray(String[]::new));
        return rpc.sendOk("eth_getLogs", rpc.web3j().ethGetLogs(filter)).getLogs().stream()
                .map(result -> (Log) result.get())
                .filter(log -> !log.isRemoved() && registry.equalsIgnoreCase(log.getAddress()))
                .sorted(Comparator.comparing(Log::getBlockNumber).thenComparing(Log::getLogIndex))
                .toList();
    }

    private Map<Long, BlockRef> blocks(TreeSet<Long> numbers) {
        List<EthBlock> answers = rpc.sendAllOk("eth_getBlockByNumber", numbers.stream().map(this::blockRequest).toList());
        Map<Long, BlockRef> blocks = new HashMap<>();
        for (EthBlock answer : answers) {
            if (answer.getBlock() == null) {
                throw ChainUnavailable.unexpectedAnswer("eth_getBlockByNumber", "a block of the range is gone");
            }
            BlockRef block = ref(answer.getBlock());
            blocks.put(block.number(), block);
        }
        if (!blocks.keySet().equals(numbers)) {
            throw ChainUnavailable.unexpectedAnswer("eth_getBlockByNumber", "other blocks than asked for");
        }
        return blocks;
    }

    /** The sender of each transaction that recorded a consent: the operator the registry keeps for it. */
    private Map<String, String> senders(List<Log> logs) {
        String recorded = EventEncoder.encode(HashBridgeRegistry.CONSENTRECORDED_EVENT);
        List<String> hashes = logs.stream().filter(log -> log.getTopics().get(0).equalsIgnoreCase(recorded))
                .map(Log::getTransactionHash).distinct().toList();
        List<EthTransaction> answers = rpc.sendAllOk("eth_getTransactionByHash",
                hashes.stream().map(hash -> rpc.web3j().ethGetTransactionByHash(hash)).toList());
        Map<String, String> senders = new HashMap<>();
        for (int i = 0; i < hashes.size(); i++) {
            String from = answers.get(i).getTransaction()
                    .orElseThrow(() -> ChainUnavailable.unexpectedAnswer("eth_getTransactionByHash", "a transaction of the range is gone"))
                    .getFrom();
            senders.put(hashes.get(i), Keys.toChecksumAddress(from));
        }
        return senders;
    }

    private org.web3j.protocol.core.Request<?, EthBlock> blockRequest(long number) {
        return rpc.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false);
    }

    private static BlockRef ref(EthBlock.Block block) {
        return new BlockRef(block.getNumber().longValueExact(), block.getHash().toLowerCase(Locale.ROOT),
                Instant.ofEpochSecond(block.getTimestamp().longValueExact()));
    }

    private static ChainUnavailable changedBranch(long block) {
        return ChainUnavailable.unexpectedAnswer("eth_getLogs", "block " + block + " changed branch while the range was read");
    }

    private static Map<String, Function<Log, RegistryEvent>> decoders() {
        Map<String, Function<Log, RegistryEvent>> decoders = new HashMap<>();
        put(decoders, HashBridgeRegistry.JURISDICTIONADMITTED_EVENT, log -> {
            var e = HashBridgeRegistry.getJurisdictionAdmittedEventFromLog(log);
            return new RegistryEvent.JurisdictionAdmitted(jurisdiction(e.jurisdiction),
                    new String(e.namespace, StandardCharsets.US_ASCII));
        });
        put(decoders, HashBridgeRegistry.OPERATORREGISTERED_EVENT, log -> {
            var e = HashBridgeRegistry.getOperatorRegisteredEventFromLog(log);
            return new RegistryEvent.OperatorRegistered(Keys.toChecksumAddress(e.account), jurisdiction(e.jurisdiction));
        });
        put(decoders, HashBridgeRegistry.OPERATORDEACTIVATED_EVENT, log -> new RegistryEvent.OperatorDeactivated(
                Keys.toChecksumAddress(HashBridgeRegistry.getOperatorDeactivatedEventFromLog(log).account)));
        put(decoders, HashBridgeRegistry.ISSUERREGISTERED_EVENT, log -> {
            var e = HashBridgeRegistry.getIssuerRegisteredEventFromLog(log);
            return new RegistryEvent.InstitutionRegistered(Kind.ISSUER, Hash32.of(e.issuer), jurisdiction(e.jurisdiction));
        });
        put(decoders, HashBridgeRegistry.VERIFIERREGISTERED_EVENT, log -> {
            var e = HashBridgeRegistry.getVerifierRegisteredEventFromLog(log);
            return new RegistryEvent.InstitutionRegistered(Kind.VERIFIER, Hash32.of(e.verifier), jurisdiction(e.jurisdiction));
        });
        put(decoders, HashBridgeRegistry.ISSUERSTATUSCHANGED_EVENT, log -> {
            var e = HashBridgeRegistry.getIssuerStatusChangedEventFromLog(log);
            return new RegistryEvent.InstitutionStatusChanged(Kind.ISSUER, Hash32.of(e.issuer), e.active);
        });
        put(decoders, HashBridgeRegistry.VERIFIERSTATUSCHANGED_EVENT, log -> {
            var e = HashBridgeRegistry.getVerifierStatusChangedEventFromLog(log);
            return new RegistryEvent.InstitutionStatusChanged(Kind.VERIFIER, Hash32.of(e.verifier), e.active);
        });
        put(decoders, HashBridgeRegistry.ROOTANCHORED_EVENT, log -> {
            var e = HashBridgeRegistry.getRootAnchoredEventFromLog(log);
            return new RegistryEvent.RootAnchored(Hash32.of(e.issuer), Hash32.of(e.root), Keys.toChecksumAddress(e.operator),
                    e.leafCount.longValueExact());
        });
        put(decoders, HashBridgeRegistry.ROOTREVOKED_EVENT, log -> {
            var e = HashBridgeRegistry.getRootRevokedEventFromLog(log);
            return new RegistryEvent.RootRevoked(Hash32.of(e.issuer), Hash32.of(e.root));
        });
        put(decoders, HashBridgeRegistry.LEAFREVOKED_EVENT, log -> {
            var e = HashBridgeRegistry.getLeafRevokedEventFromLog(log);
            return new RegistryEvent.LeafRevoked(Hash32.of(e.issuer), Hash32.of(e.root), Hash32.of(e.leaf));
        });
        put(decoders, HashBridgeRegistry.CONSENTRECORDED_EVENT, log -> {
            var e = HashBridgeRegistry.getConsentRecordedEventFromLog(log);
            // the sender is filled in once the transaction is read
            return new RegistryEvent.ConsentRecorded(Hash32.of(e.commitment), Hash32.of(e.issuer), Hash32.of(e.verifier),
                    RegistryReads.instant(e.validUntil), "");
        });
        put(decoders, HashBridgeRegistry.CONSENTREVOKED_EVENT, log -> new RegistryEvent.ConsentRevoked(
                Hash32.of(HashBridgeRegistry.getConsentRevokedEventFromLog(log).commitment)));
        put(decoders, HashBridgeRegistry.RESIDENTKEYBOUND_EVENT, log -> {
            var e = HashBridgeRegistry.getResidentKeyBoundEventFromLog(log);
            return new RegistryEvent.ResidentKeyBound(jurisdiction(e.jurisdiction), Hash32.of(e.binding), Hash32.of(e.keyHash),
                    e.nonce.longValueExact(), e.how.intValueExact());
        });
        put(decoders, HashBridgeRegistry.RESIDENTKEYRECOVERYSTARTED_EVENT, log -> {
            var e = HashBridgeRegistry.getResidentKeyRecoveryStartedEventFromLog(log);
            return new RegistryEvent.ResidentKeyRecoveryStarted(jurisdiction(e.jurisdiction), Hash32.of(e.binding),
                    Hash32.of(e.newKeyHash), RegistryReads.instant(e.recoverableAt));
        });
        put(decoders, HashBridgeRegistry.RESIDENTKEYRECOVERYCANCELLED_EVENT, log -> {
            var e = HashBridgeRegistry.getResidentKeyRecoveryCancelledEventFromLog(log);
            return new RegistryEvent.ResidentKeyRecoveryCancelled(jurisdiction(e.jurisdiction), Hash32.of(e.binding),
                    Hash32.of(e.newKeyHash), e.nonce.longValueExact());
        });
        return Map.copyOf(decoders);
    }

    private static void put(Map<String, Function<Log, RegistryEvent>> decoders, Event event, Function<Log, RegistryEvent> decoder) {
        decoders.put(EventEncoder.encode(event).toLowerCase(Locale.ROOT), decoder);
    }

    private static String jurisdiction(byte[] bytes32) {
        try {
            return Jurisdictions.decode(bytes32);
        } catch (IllegalArgumentException e) {
            throw ChainUnavailable.unexpectedAnswer("eth_getLogs", "a jurisdiction that is not a padded code");
        }
    }
}
