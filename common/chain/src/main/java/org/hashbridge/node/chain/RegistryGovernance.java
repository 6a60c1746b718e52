package org.hashbridge.node.chain;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.hashbridge.node.chain.contract.HashBridgeRegistry;
import org.hashbridge.node.chain.contract.Safe;
import org.hashbridge.node.chain.contract.SafeProxy;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

/**
 * Governance of the registry, which no single key holds: the registry's owner is a Safe multisig
 * (Safe 1.4.1, from its pinned npm package) whose owners are the governance accounts of the
 * jurisdictions, with a threshold of all of them. A governance call (admitting a jurisdiction, admitting
 * or removing an operator, handing governance over) runs only once every owner has approved it on chain:
 * each {@link #approve}s it, or is the account that {@link #execute}s it.
 *
 * <p>One instance acts as one governance account; close it when done. Writes throw {@link ChainRejected}
 * and {@link ChainUnavailable} as {@link RegistryChain}'s do. Each call is first simulated as the Safe
 * would make it, so a call the registry refuses is rejected with the registry's own error name (the Safe
 * itself would only say {@code GS013}); the Safe's own refusals carry its codes, such as {@code GS025}
 * for missing approvals.
 */
public final class RegistryGovernance implements AutoCloseable {

    /** What governance can ask of the registry: the call's ABI encoding and a name for logs. */
    public record Call(String function, String data) {

        public static Call admitJurisdiction(String jurisdiction, String namespace) {
            if (namespace == null || !namespace.matches("[a-z]{2}")) {
                throw new IllegalArgumentException("a namespace is two lower-case ASCII letters");
            }
            return of("admitJurisdiction", ABI.admitJurisdiction(Jurisdictions.encode(jurisdiction),
                    namespace.getBytes(StandardCharsets.US_ASCII)));
        }

        public static Call registerOperator(String account, String jurisdiction) {
            requireAddress(account);
            return of("registerOperator", ABI.registerOperator(account, Jurisdictions.encode(jurisdiction)));
        }

        public static Call deactivateOperator(String account) {
            requireAddress(account);
            return of("deactivateOperator", ABI.deactivateOperator(account));
        }

        /** The first of two steps: {@code newOwner} (another Safe) then {@link #acceptGovernance()}s. */
        public static Call transferGovernance(String newOwner) {
            requireAddress(newOwner);
            return of("transferOwnership", ABI.transferOwnership(newOwner));
        }

        /** The second step, run through the Safe named by {@link #transferGovernance}. */
        public static Call acceptGovernance() {
            return of("acceptOwnership", ABI.acceptOwnership());
        }

        public static Call renounceGovernance() {
            // a view in the registry (it always reverts), so the wrapper has no transaction for it
            return new Call("renounceOwnership", FunctionEncoder.encode(
                    new org.web3j.abi.datatypes.Function("renounceOwnership", List.of(), List.of())));
        }

        private static Call of(String function, RemoteFunctionCall<TransactionReceipt> call) {
            return new Call(function, call.encodeFunctionCall());
        }
    }

    /** Where a deployment put the registry and the Safe that governs it (EIP-55 checksummed). */
    public record Deployment(String registry, String governance) {
    }

    /** Only encodes calls; never sends through web3j's transaction manager. */
    private static final HashBridgeRegistry ABI = HashBridgeRegistry.load(
            "0x0000000000000000000000000000000000000000", null,
            (org.web3j.tx.TransactionManager) null, new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
    private static final String NO_ADDRESS = "0x0000000000000000000000000000000000000000";
    private static final BigInteger CALL = BigInteger.ZERO;

    private final Rpc rpc;
    private final TransactionSender sender;
    private final Safe safe;
    private final String registry;
    private final String safeAddress;

    private RegistryGovernance(Rpc rpc, TransactionSender sender, String registry, String safeAddress) {
        this.rpc = rpc;
        this.sender = sender;
        this.registry = Keys.toChecksumAddress(registry);
        this.safeAddress = Keys.toChecksumAddress(safeAddress);
        this.safe = Safe.load(safeAddress, rpc.web3j(), new ReadonlyTransactionManager(rpc.web3j(), safeAddress),
                new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
    }

    /**
     * Deploys a Safe owned by {@code governanceAccounts} that needs all of them, and a HashBridgeRegistry
     * governed by that Safe, signing with {@code deployer} (which gets no role). Waits until both are mined.
     *
     * @throws IllegalArgumentException when fewer than two accounts are given, or one is malformed
     */
    public static Deployment deploy(String rpcUrl, AccountKey deployer, List<String> governanceAccounts) {
        if (governanceAccounts.size() < 2) {
            throw new IllegalArgumentException("governance needs at least two accounts, one per jurisdiction");
        }
        governanceAccounts.forEach(RegistryGovernance::requireAddress);
        try (Rpc rpc = open(rpcUrl)) {
            TransactionSender sender = senderFor(rpc, deployer, rpc.chainId());
            String singleton = deployed(sender, "deploy Safe", Safe.BINARY, "");
            String safe = deployed(sender, "deploy SafeProxy", SafeProxy.BINARY,
                    FunctionEncoder.encodeConstructor(List.of(new Address(singleton))));
            Safe abi = Safe.load(safe, rpc.web3j(), new ReadonlyTransactionManager(rpc.web3j(), safe),
                    new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
            sender.write("Safe.setup", safe, abi.setup(governanceAccounts, BigInteger.valueOf(governanceAccounts.size()),
                    NO_ADDRESS, new byte[0], NO_ADDRESS, NO_ADDRESS, BigInteger.ZERO, NO_ADDRESS).encodeFunctionCall());
            String registry = deployed(sender, "deploy HashBridgeRegistry", HashBridgeRegistry.BINARY,
                    FunctionEncoder.encodeConstructor(List.of(new Address(safe))));
            return new Deployment(registry, Keys.toChecksumAddress(safe));
        }
    }

    /**
     * Governance of the registry at {@code registryAddress}, acting as {@code governanceKey}; reads the
     * registry's owner (the Safe) and the chain id.
     *
     * @throws IllegalArgumentException when the address is malformed
     * @throws ChainUnavailable         when the chain cannot be reached or holds no registry there
     */
    public static RegistryGovernance connect(String rpcUrl, String registryAddress, AccountKey governanceKey) {
        return connect(rpcUrl, registryAddress, null, governanceKey);
    }

    /**
     * Governance of the registry through the Safe at {@code safeAddress}, which need not own it yet: the
     * Safe a transfer names accepts governance this way ({@link Call#acceptGovernance()}).
     *
     * @param safeAddress the Safe to act through, or null for the registry's owner
     * @throws IllegalArgumentException when an address is malformed
     * @throws ChainUnavailable         when the chain cannot be reached or holds no registry there
     */
    public static RegistryGovernance connect(String rpcUrl, String registryAddress, String safeAddress,
                                             AccountKey governanceKey) {
        requireAddress(registryAddress);
        if (safeAddress != null) {
            requireAddress(safeAddress);
        }
        Rpc rpc = open(rpcUrl);
        try {
            HashBridgeRegistry registry = HashBridgeRegistry.load(registryAddress, rpc.web3j(),
                    new ReadonlyTransactionManager(rpc.web3j(), registryAddress),
                    new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
            String safe = safeAddress != null ? safeAddress : rpc.read("owner", registry.owner());
            return new RegistryGovernance(rpc, senderFor(rpc, governanceKey, rpc.chainId()), registryAddress, safe);
        } catch (RuntimeException e) {
            rpc.close();
            throw e;
        }
    }

    /** The registry this governs, EIP-55 checksummed. */
    public String registryAddress() {
        return registry;
    }

    /** The Safe that owns the registry, EIP-55 checksummed. */
    public String safeAddress() {
        return safeAddress;
    }

    /** The governance accounts that must all approve, EIP-55 checksummed. */
    public List<String> approvers() {
        List<?> owners = rpc.read("getOwners", safe.getOwners());
        return owners.stream().map(o -> Keys.toChecksumAddress(o.toString())).toList();
    }

    /**
     * Approves {@code call} as this governance account, for the Safe's next transaction.
     *
     * @return the Safe transaction hash approved, {@code 0x}-prefixed
     */
    public String approve(Call call) {
        simulateFromSafe(call);
        byte[] hash = safeTransactionHash(call);
        sender.write("approve " + call.function(), safeAddress, safe.approveHash(hash).encodeFunctionCall());
        return Numeric.toHexString(hash);
    }

    /**
     * Runs {@code call} through the Safe. This account's approval is its sending the transaction; every
     * other governance account must have {@link #approve}d the same call before ({@code GS025} otherwise).
     */
    public ChainWrite execute(Call call) {
        simulateFromSafe(call);
        return sender.write("execute " + call.function(), safeAddress, safe.execTransaction(registry, BigInteger.ZERO,
                Numeric.hexStringToByteArray(call.data()), CALL, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
                NO_ADDRESS, NO_ADDRESS, approvals(), BigInteger.ZERO).encodeFunctionCall());
    }

    @Override
    public void close() {
        rpc.close();
    }

    /** @throws ChainRejected with the registry's error when it would refuse {@code call} from the Safe now */
    private void simulateFromSafe(Call call) {
        EthCall answer = rpc.send("simulate " + call.function(), rpc.web3j().ethCall(
                Transaction.createEthCallTransaction(safeAddress, registry, call.data()), DefaultBlockParameterName.LATEST));
        if (answer.hasError()) {
            if (!TransactionSender.isRevert(answer.getError())) {
                throw ChainUnavailable.refused("simulate " + call.function(), answer.getError().getCode(),
                        answer.getError().getMessage());
            }
            throw ChainRejected.beforeSending(call.function(), RegistryErrors.nameOfErrorData(answer.getError().getData()));
        }
    }

    private byte[] safeTransactionHash(Call call) {
        BigInteger nonce = rpc.read("nonce", safe.nonce());
        return rpc.read("getTransactionHash", safe.getTransactionHash(registry, BigInteger.ZERO,
                Numeric.hexStringToByteArray(call.data()), CALL, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
                NO_ADDRESS, NO_ADDRESS, nonce));
    }

    /**
     * The Safe's "approved hash" signatures (v = 1, r = the owner), one per owner in ascending address
     * order: each counts when that owner approved the hash on chain or sends the transaction itself.
     */
    private byte[] approvals() {
        List<String> owners = approvers().stream()
                .sorted(Comparator.comparing(o -> Numeric.toBigInt(o)))
                .toList();
        byte[] signatures = new byte[65 * owners.size()];
        for (int i = 0; i < owners.size(); i++) {
            byte[] owner = Numeric.toBytesPadded(Numeric.toBigInt(owners.get(i)), 32);
            System.arraycopy(owner, 0, signatures, 65 * i, 32);
            signatures[65 * i + 64] = 1;
        }
        return signatures;
    }

    private static String deployed(TransactionSender sender, String what, String binary, String constructorArgs) {
        TransactionReceipt receipt = sender.submit(what, null, "0x" + binary + constructorArgs);
        if (receipt.getContractAddress() == null) {
            throw ChainUnavailable.unexpectedAnswer(what, "a receipt without a contract address");
        }
        return Keys.toChecksumAddress(receipt.getContractAddress());
    }

    private static Rpc open(String rpcUrl) {
        Objects.requireNonNull(rpcUrl, "rpcUrl");
        return Rpc.connect(rpcUrl, ChainSettings.DEFAULT_TIMEOUT, ChainSettings.DEFAULT_POLL_INTERVAL);
    }

    private static TransactionSender senderFor(Rpc rpc, AccountKey key, long chainId) {
        return new TransactionSender(rpc, key, chainId,
                ChainSettings.DEFAULT_POLL_INTERVAL, ChainSettings.DEFAULT_TIMEOUT);
    }

    private static void requireAddress(String account) {
        if (account == null || !WalletUtils.isValidAddress(account)) {
            throw new IllegalArgumentException("not a 20-byte hex address");
        }
    }
}
