package org.hashbridge.node.chain;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hashbridge.node.chain.contract.HashBridgeRegistry;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.MerkleProof;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * {@link RegistryChain} over JSON-RPC with web3j. The generated contract wrapper only encodes calls
 * and decodes answers; sending, nonces, receipts and reverts are handled here. Close it to release
 * its connections.
 */
public final class Web3jRegistryChain implements RegistryChain, AutoCloseable {

    private final ChainSettings settings;
    private final Rpc rpc;
    private final HashBridgeRegistry abi;
    private final TransactionSender sender;
    private final RegistryReads reads;
    private final RegistryEvents events;

    private Web3jRegistryChain(ChainSettings settings, Rpc rpc) {
        this.settings = settings;
        this.rpc = rpc;
        this.abi = HashBridgeRegistry.load(settings.registryAddress(), rpc.web3j(),
                new ReadonlyTransactionManager(rpc.web3j(), settings.registryAddress()),
                new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
        this.sender = new TransactionSender(rpc, settings.operatorKey(), settings.chainId(),
                settings.pollInterval(), settings.timeout());
        this.reads = new RegistryReads(rpc, abi, settings.registryAddress(), settings.confirmations());
        this.events = new RegistryEvents(rpc, reads, settings.registryAddress());
    }

    /**
     * A client for the registry described by {@code settings}. Nothing is sent yet, so this succeeds
     * while the chain is down; the first read or write finds out.
     */
    public static Web3jRegistryChain connect(ChainSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return new Web3jRegistryChain(settings,
                Rpc.connect(settings.rpcUrl(), settings.timeout(), settings.pollInterval()));
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
    public ChainWrite registerIssuer(InstitutionId issuer) {
        return write("registerIssuer", abi.registerIssuer(namespace(issuer), issuer.idHash().bytes()));
    }

    @Override
    public ChainWrite registerVerifier(InstitutionId verifier) {
        return write("registerVerifier", abi.registerVerifier(namespace(verifier), verifier.idHash().bytes()));
    }

    @Override
    public ChainWrite setIssuerActive(Hash32 issuer, boolean active) {
        return write("setIssuerActive", abi.setIssuerActive(issuer.bytes(), active));
    }

    @Override
    public ChainWrite setVerifierActive(Hash32 verifier, boolean active) {
        return write("setVerifierActive", abi.setVerifierActive(verifier.bytes(), active));
    }

    @Override
    public ChainWrite anchorRoot(Hash32 issuer, Hash32 root, int leafCount) {
        if (leafCount < 0) {
            throw new IllegalArgumentException("leafCount must not be negative");
        }
        return write("anchorRoot", abi.anchorRoot(issuer.bytes(), root.bytes(), BigInteger.valueOf(leafCount)));
    }

    @Override
    public ChainWrite revokeRoot(Hash32 issuer, Hash32 root) {
        return write("revokeRoot", abi.revokeRoot(issuer.bytes(), root.bytes()));
    }

    @Override
    public ChainWrite revokeLeaf(Hash32 issuer, Hash32 root, Hash32 leaf, MerkleProof proof) {
        return write("revokeLeaf", abi.revokeLeaf(issuer.bytes(), root.bytes(), leaf.bytes(), BigInteger.valueOf(proof.index()),
                proof.path().stream().map(Hash32::bytes).toList()));
    }

    @Override
    public ChainWrite recordConsent(Hash32 commitment, Hash32 issuer, Hash32 verifier, Instant validUntil) {
        if (validUntil.getEpochSecond() < 0) {
            throw new IllegalArgumentException("validUntil must not be before 1970");
        }
        return write("recordConsent", abi.recordConsent(commitment.bytes(), issuer.bytes(), verifier.bytes(),
                BigInteger.valueOf(validUntil.getEpochSecond())));
    }

    @Override
    public ChainWrite revokeConsent(Hash32 commitment) {
        return write("revokeConsent", abi.revokeConsent(commitment.bytes()));
    }

    @Override
    public ChainWrite recordAccess(Hash32 commitment, Hash32 verifier, Hash32 receipt, boolean verified) {
        return write("recordAccess", abi.recordAccess(commitment.bytes(), verifier.bytes(), receipt.bytes(), verified));
    }

    @Override
    public ChainWrite recordAccesses(List<AccessRecord> accesses) {
        if (accesses.isEmpty() || accesses.size() > MAX_ACCESSES_PER_WRITE) {
            throw new IllegalArgumentException("1 to " + MAX_ACCESSES_PER_WRITE + " accesses per write");
        }
        return write("recordAccesses", abi.recordAccesses(
                accesses.stream().map(a -> a.commitment().bytes()).toList(),
                accesses.stream().map(a -> a.verifier().bytes()).toList(),
                accesses.stream().map(a -> a.receipt().bytes()).toList(),
                accesses.stream().map(AccessRecord::verified).toList()));
    }

    @Override
    public ChainWrite deactivateOperator(String account) {
        if (!WalletUtils.isValidAddress(account)) {
            throw new IllegalArgumentException("not a 20-byte hex address");
        }
        return write("deactivateOperator", abi.deactivateOperator(account));
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
    public RegistryState finalState() {
        return new StateView(reads.at(reads.finalBlock()));
    }

    /** Releases the HTTP client and web3j's threads; the object is unusable afterwards. */
    @Override
    public void close() {
        rpc.close();
    }

    private static byte[] namespace(InstitutionId id) {
        return id.namespace().getBytes(StandardCharsets.US_ASCII);
    }

    private ChainWrite write(String function, RemoteFunctionCall<TransactionReceipt> call) {
        return sender.write(function, settings.registryAddress(), call.encodeFunctionCall());
    }
}
