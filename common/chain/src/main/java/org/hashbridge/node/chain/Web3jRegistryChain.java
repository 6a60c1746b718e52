package org.hashbridge.node.chain;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ObjIntConsumer;
import org.hashbridge.node.chain.contract.HashBridgeRegistry;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.MerkleProof;
import org.hashbridge.protocol.ResidentApproval;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

/**
 * {@link RegistryChain} over JSON-RPC with web3j. The generated contract wrapper only encodes calls
 * and decodes answers; sending, nonces, receipts and reverts are handled here. Close it to release
 * its connections.
 */
public final class Web3jRegistryChain implements RegistryChain, RegistryFeed, AutoCloseable {

    /** The writer's own jurisdiction in an event it must emit: the registry takes it from the sender's account. */
    private static final Hash32 OWN_JURISDICTION = null;

    private final ChainSettings settings;
    private final Rpc rpc;
    private final HashBridgeRegistry abi;
    private final TransactionSender sender;
    private final RegistryReads reads;
    private final RegistryEvents events;
    private final RegistryLogs logs;

    private Web3jRegistryChain(ChainSettings settings, Rpc rpc, MeterRegistry meters) {
        this.settings = settings;
        this.rpc = rpc;
        this.abi = HashBridgeRegistry.load(settings.registryAddress(), rpc.web3j(),
                new ReadonlyTransactionManager(rpc.web3j(), settings.registryAddress()),
                new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
        this.sender = new TransactionSender(rpc, settings.operatorKey(), settings.chainId(),
                settings.pollInterval(), settings.timeout(),
                new GasFees(rpc, settings.transactionType(), settings.gasPrice()), meters);
        this.reads = new RegistryReads(rpc, abi, settings.registryAddress(), settings.confirmations());
        this.events = new RegistryEvents(rpc, reads, settings.registryAddress());
        this.logs = new RegistryLogs(rpc, settings.registryAddress());
    }

    /**
     * A client for the registry described by {@code settings}. Nothing is sent yet, so this succeeds
     * while the chain is down; the first read or write finds out.
     */
    public static Web3jRegistryChain connect(ChainSettings settings) {
        return connect(settings, new CompositeMeterRegistry());
    }

    /** {@link #connect(ChainSettings)}, its writes measured in {@code meters}. */
    public static Web3jRegistryChain connect(ChainSettings settings, MeterRegistry meters) {
        Objects.requireNonNull(settings, "settings");
        return new Web3jRegistryChain(settings,
                Rpc.connect(settings.rpcUrl(), settings.timeout(), settings.pollInterval()), meters);
    }

    @Override
    public long chainId() {
        return settings.chainId();
    }

    @Override
    public String registryAddress() {
        return Keys.toChecksumAddress(settings.registryAddress());
    }

    @Override
    public String operatorAddress() {
        return settings.operatorKey().address();
    }

    @Override
    public java.math.BigInteger operatorBalance() {
        return rpc.sendOk("eth_getBalance", rpc.web3j().ethGetBalance(operatorAddress(),
                org.web3j.protocol.core.DefaultBlockParameterName.LATEST)).getBalance();
    }

    @Override
    public Optional<TransactionOnChain> receipt(String txHash) {
        return rpc.sendOk("eth_getTransactionReceipt", rpc.web3j().ethGetTransactionReceipt(txHash))
                .getTransactionReceipt()
                .map(r -> new TransactionOnChain(r.isStatusOK(), r.getBlockNumber().longValueExact(), r.getBlockHash(),
                        r.getFrom(), r.getTo(), r.getGasUsed().longValueExact(), r.getLogs().size()));
    }

    @Override
    public ChainWrite registerIssuer(InstitutionId issuer) {
        return write("registerIssuer", abi.registerIssuer(namespace(issuer), issuer.idHash().bytes()),
                ExpectedEvent.of(HashBridgeRegistry.ISSUERREGISTERED_EVENT, issuer.key()));
    }

    @Override
    public ChainWrite registerVerifier(InstitutionId verifier) {
        return write("registerVerifier", abi.registerVerifier(namespace(verifier), verifier.idHash().bytes()),
                ExpectedEvent.of(HashBridgeRegistry.VERIFIERREGISTERED_EVENT, verifier.key()));
    }

    @Override
    public ChainWrite setIssuerActive(Hash32 issuer, boolean active) {
        return write("setIssuerActive", abi.setIssuerActive(issuer.bytes(), active),
                ExpectedEvent.of(HashBridgeRegistry.ISSUERSTATUSCHANGED_EVENT, issuer));
    }

    @Override
    public ChainWrite setVerifierActive(Hash32 verifier, boolean active) {
        return write("setVerifierActive", abi.setVerifierActive(verifier.bytes(), active),
                ExpectedEvent.of(HashBridgeRegistry.VERIFIERSTATUSCHANGED_EVENT, verifier));
    }

    @Override
    public ChainWrite anchorRoot(Hash32 issuer, Hash32 root, int leafCount) {
        if (leafCount < 0) {
            throw new IllegalArgumentException("leafCount must not be negative");
        }
        return write("anchorRoot", abi.anchorRoot(issuer.bytes(), root.bytes(), BigInteger.valueOf(leafCount)),
                ExpectedEvent.of(HashBridgeRegistry.ROOTANCHORED_EVENT, root, issuer));
    }

    @Override
    public List<WriteOutcome> anchorRoots(List<RootToAnchor> roots) {
        List<String> calls = roots.stream().map(r -> abi.anchorRoot(r.issuer().bytes(), r.root().bytes(),
                BigInteger.valueOf(r.leafCount())).encodeFunctionCall()).toList();
        return submitAll("anchorRoot", calls, (mined, i) -> {
            ExpectedEvent expected = ExpectedEvent.of(HashBridgeRegistry.ROOTANCHORED_EVENT, roots.get(i).root(),
                    roots.get(i).issuer());
            if (!expected.emittedIn(mined, settings.registryAddress())) {
                throw notWritten("anchorRoot", mined, expected.name());
            }
        });
    }

    @Override
    public ChainWrite revokeRoot(Hash32 issuer, Hash32 root) {
        return write("revokeRoot", abi.revokeRoot(issuer.bytes(), root.bytes()),
                ExpectedEvent.of(HashBridgeRegistry.ROOTREVOKED_EVENT, root, issuer));
    }

    @Override
    public ChainWrite revokeLeaf(Hash32 issuer, Hash32 root, Hash32 leaf, MerkleProof proof) {
        return write("revokeLeaf", abi.revokeLeaf(issuer.bytes(), root.bytes(), leaf.bytes(), BigInteger.valueOf(proof.index()),
                proof.path().stream().map(Hash32::bytes).toList()),
                ExpectedEvent.of(HashBridgeRegistry.LEAFREVOKED_EVENT, leaf, root, issuer));
    }

    @Override
    public ChainWrite recordConsent(Hash32 commitment, Hash32 issuer, Hash32 verifier, Instant validUntil) {
        return write("recordConsent", recordConsentCall(commitment, issuer, verifier, validUntil),
                ExpectedEvent.of(HashBridgeRegistry.CONSENTRECORDED_EVENT, commitment, issuer));
    }

    @Override
    public void simulateRecordConsent(Hash32 commitment, Hash32 issuer, Hash32 verifier, Instant validUntil) {
        RemoteFunctionCall<TransactionReceipt> call = recordConsentCall(commitment, issuer, verifier, validUntil);
        requireRegistryForWrite("recordConsent");
        sender.simulate("recordConsent", settings.registryAddress(), call.encodeFunctionCall());
    }

    @Override
    public ChainWrite revokeConsent(Hash32 commitment) {
        return write("revokeConsent", abi.revokeConsent(commitment.bytes()),
                ExpectedEvent.of(HashBridgeRegistry.CONSENTREVOKED_EVENT, commitment));
    }

    @Override
    public ChainWrite recordAccess(Hash32 commitment, Hash32 verifier, Hash32 receipt, boolean verified) {
        TransactionReceipt mined = submit("recordAccess", abi.recordAccess(commitment.bytes(), verifier.bytes(), receipt.bytes(),
                verified));
        requireAccessesRecorded("recordAccess", mined, List.of(new AccessRecord(commitment, verifier, receipt, verified)));
        return sender.describe(mined);
    }

    @Override
    public ChainWrite recordAccesses(List<AccessRecord> accesses) {
        TransactionReceipt mined = submit("recordAccesses", recordAccessesCall(accesses));
        requireAccessesRecorded("recordAccesses", mined, accesses);
        return sender.describe(mined);
    }

    @Override
    public List<WriteOutcome> recordAccessBatches(List<List<AccessRecord>> batches) {
        List<String> calls = batches.stream().map(batch -> recordAccessesCall(batch).encodeFunctionCall()).toList();
        return submitAll("recordAccesses", calls,
                (mined, i) -> requireAccessesRecorded("recordAccesses", mined, batches.get(i)));
    }

    /**
     * Sends {@code calls} of {@code function} together ({@link TransactionSender#submitAll}), nothing when there are
     * none; the outcome of each is its failure, or the mined write once {@code requireWritten} finds in its receipt
     * what it had to write.
     *
     * @param requireWritten given each successful receipt and its call's index; throws {@link ChainUnavailable} when
     *                       the receipt does not show the write
     */
    private List<WriteOutcome> submitAll(String function, List<String> calls,
                                         ObjIntConsumer<TransactionReceipt> requireWritten) {
        if (calls.isEmpty()) {
            return List.of();
        }
        requireRegistryForWrite(function);
        List<TransactionSender.Submitted> submitted = sender.submitAll(function, settings.registryAddress(), calls);
        List<WriteOutcome> outcomes = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            TransactionSender.Submitted one = submitted.get(i);
            try {
                if (one.failure() != null) {
                    throw one.failure();
                }
                requireWritten.accept(one.receipt(), i);
                outcomes.add(WriteOutcome.written(sender.describe(one.receipt())));
            } catch (ChainRejected | ChainUnavailable e) {
                outcomes.add(WriteOutcome.failed(e));
            }
        }
        return outcomes;
    }

    private RemoteFunctionCall<TransactionReceipt> recordAccessesCall(List<AccessRecord> accesses) {
        if (accesses.isEmpty() || accesses.size() > MAX_ACCESSES_PER_WRITE) {
            throw new IllegalArgumentException("1 to " + MAX_ACCESSES_PER_WRITE + " accesses per write");
        }
        return abi.recordAccesses(
                accesses.stream().map(a -> a.commitment().bytes()).toList(),
                accesses.stream().map(a -> a.verifier().bytes()).toList(),
                accesses.stream().map(a -> a.receipt().bytes()).toList(),
                accesses.stream().map(AccessRecord::verified).toList());
    }

    @Override
    public ChainWrite deactivateOperator(String account) {
        if (!WalletUtils.isValidAddress(account)) {
            throw new IllegalArgumentException("not a 20-byte hex address");
        }
        return write("deactivateOperator", abi.deactivateOperator(account),
                ExpectedEvent.of(HashBridgeRegistry.OPERATORDEACTIVATED_EVENT, addressTopic(account)));
    }

    @Override
    public ChainWrite bindResidentKey(Hash32 binding, Hash32 keyHash) {
        return write("bindResidentKey", abi.bindResidentKey(binding.bytes(), keyHash.bytes()),
                ExpectedEvent.of(HashBridgeRegistry.RESIDENTKEYBOUND_EVENT, OWN_JURISDICTION, binding));
    }

    @Override
    public ChainWrite replaceResidentKey(String jurisdiction, Hash32 binding, Hash32 newKeyHash, ResidentApproval byOldKey) {
        byte[] home = Jurisdictions.encode(jurisdiction);
        return write("replaceResidentKey", abi.replaceResidentKey(home, binding.bytes(), newKeyHash.bytes(),
                        byOldKey.key().xBytes(), byOldKey.key().yBytes(), webAuthn(byOldKey)),
                ExpectedEvent.of(HashBridgeRegistry.RESIDENTKEYBOUND_EVENT, Hash32.of(home), binding));
    }

    @Override
    public ChainWrite startResidentKeyRecovery(Hash32 binding, Hash32 newKeyHash) {
        return write("startResidentKeyRecovery", abi.startResidentKeyRecovery(binding.bytes(), newKeyHash.bytes()),
                ExpectedEvent.of(HashBridgeRegistry.RESIDENTKEYRECOVERYSTARTED_EVENT, OWN_JURISDICTION, binding));
    }

    @Override
    public ChainWrite cancelResidentKeyRecovery(String jurisdiction, Hash32 binding, ResidentApproval byCurrentKey) {
        byte[] home = Jurisdictions.encode(jurisdiction);
        return write("cancelResidentKeyRecovery", abi.cancelResidentKeyRecovery(home, binding.bytes(),
                        byCurrentKey.key().xBytes(), byCurrentKey.key().yBytes(), webAuthn(byCurrentKey)),
                ExpectedEvent.of(HashBridgeRegistry.RESIDENTKEYRECOVERYCANCELLED_EVENT, Hash32.of(home), binding));
    }

    @Override
    public ChainWrite completeResidentKeyRecovery(Hash32 binding) {
        return write("completeResidentKeyRecovery", abi.completeResidentKeyRecovery(binding.bytes()),
                ExpectedEvent.of(HashBridgeRegistry.RESIDENTKEYBOUND_EVENT, OWN_JURISDICTION, binding));
    }

    /**
     * An approval in OpenZeppelin's form: r and s (s in the lower half), where the type and challenge members start
     * in the client data, and the client data as the authenticator's client wrote it.
     */
    private static HashBridgeRegistry.WebAuthnAuth webAuthn(ResidentApproval approval) {
        byte[] rs = approval.rawSignature();
        return new HashBridgeRegistry.WebAuthnAuth(Arrays.copyOfRange(rs, 0, 32), Arrays.copyOfRange(rs, 32, 64),
                BigInteger.valueOf(approval.challengeIndex()), BigInteger.valueOf(approval.typeIndex()),
                approval.authenticatorDataBytes(), approval.clientDataText());
    }

    @Override
    public AccessHistory accesses(Hash32 commitment, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must not be negative and limit must be positive");
        }
        return events.accesses(Objects.requireNonNull(commitment, "commitment"), offset, limit);
    }

    @Override
    public Optional<ChainWrite> anchorWrite(Hash32 issuer, Hash32 root) {
        return events.anchorWrite(Objects.requireNonNull(issuer, "issuer"), Objects.requireNonNull(root, "root"));
    }

    @Override
    public Optional<ChainWrite> consentWrite(Hash32 commitment) {
        return events.consentWrite(Objects.requireNonNull(commitment, "commitment"));
    }

    @Override
    public void requireRegistry() {
        long chainId = rpc.chainId();
        if (chainId != settings.chainId()) {
            throw RegistryMismatch.chainId(settings.chainId(), chainId);
        }
        long version = reads.at(reads.finalBlock()).version();
        if (version != REGISTRY_VERSION) {
            throw RegistryMismatch.version(registryAddress(), version);
        }
    }

    @Override
    public RegistryState finalState() {
        return new StateView(reads.at(reads.finalBlock()));
    }

    @Override
    public long head() {
        return rpc.blockNumber();
    }

    @Override
    public Optional<BlockRef> block(long number) {
        return logs.block(number);
    }

    @Override
    public RegistryFeed.Range events(long from, long to) {
        return logs.events(from, to);
    }

    /** Releases the HTTP client and web3j's threads; the object is unusable afterwards. */
    @Override
    public void close() {
        rpc.close();
    }

    private static byte[] namespace(InstitutionId id) {
        return id.namespace().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Sends a write once the chain and the registry are the configured ones, and counts it only with the
     * event it must emit.
     *
     * @throws ChainUnavailable also when the chain or the registry is not the configured one, or the
     *                          transaction was mined without its event: nothing was written
     */
    private ChainWrite write(String function, RemoteFunctionCall<TransactionReceipt> call, ExpectedEvent expected) {
        TransactionReceipt mined = submit(function, call);
        if (!expected.emittedIn(mined, settings.registryAddress())) {
            throw notWritten(function, mined, expected.name());
        }
        return sender.describe(mined);
    }

    private TransactionReceipt submit(String function, RemoteFunctionCall<TransactionReceipt> call) {
        requireRegistryForWrite(function);
        return sender.submit(function, settings.registryAddress(), call.encodeFunctionCall());
    }

    /** {@link #requireRegistry()}, a mismatch read as the chain being unavailable for {@code function}. */
    private void requireRegistryForWrite(String function) {
        try {
            requireRegistry();
        } catch (RegistryMismatch e) {
            throw ChainUnavailable.unexpectedAnswer(function, e.getMessage());
        }
    }

    /**
     * Each access of the batch was recorded by this transaction (its {@code ConsentAccessed} event) or
     * before it (the registry skips a receipt recorded already, so the flag must be set at that block).
     */
    private void requireAccessesRecorded(String function, TransactionReceipt mined, List<AccessRecord> accesses) {
        Set<List<Hash32>> emitted = new HashSet<>();
        for (var log : ExpectedEvent.logsOf(mined, settings.registryAddress(), HashBridgeRegistry.CONSENTACCESSED_EVENT)) {
            var event = HashBridgeRegistry.getConsentAccessedEventFromLog(log);
            emitted.add(List.of(Hash32.of(event.verifier), Hash32.of(event.receipt)));
        }
        RegistryReads atBlock = reads.at(mined.getBlockNumber().longValueExact());
        for (AccessRecord access : accesses) {
            if (!emitted.contains(List.of(access.verifier(), access.receipt()))
                    && !atBlock.accessRecorded(access.verifier(), access.receipt())) {
                throw notWritten(function, mined, "ConsentAccessed");
            }
        }
    }

    private ChainUnavailable notWritten(String function, TransactionReceipt mined, String event) {
        return ChainUnavailable.unexpectedAnswer(function, "mined in " + mined.getTransactionHash() + " without its "
                + event + " event: nothing was written to the registry at " + registryAddress());
    }

    private static Hash32 addressTopic(String account) {
        return Hash32.fromHex("0".repeat(24) + Numeric.cleanHexPrefix(account).toLowerCase(Locale.ROOT));
    }

    private RemoteFunctionCall<TransactionReceipt> recordConsentCall(Hash32 commitment, Hash32 issuer, Hash32 verifier,
                                                                     Instant validUntil) {
        if (validUntil.getEpochSecond() < 0) {
            throw new IllegalArgumentException("validUntil must not be before 1970");
        }
        return abi.recordConsent(commitment.bytes(), issuer.bytes(), verifier.bytes(),
                BigInteger.valueOf(validUntil.getEpochSecond()));
    }
}
