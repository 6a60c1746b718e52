package org.hashbridge.node.chain;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.hashbridge.node.chain.contract.HashBridgeRegistry;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * What the governance account does, and nothing a node does: deploy the registry and admit or remove
 * operator accounts. Used by the sandbox and by operations tooling; close it when done.
 * Writes throw {@link ChainRejected} and {@link ChainUnavailable} as {@link RegistryChain}'s do.
 */
public final class RegistryGovernance implements AutoCloseable {

    private final Rpc rpc;
    private final TransactionSender sender;
    private final HashBridgeRegistry abi;
    private final String registryAddress;

    private RegistryGovernance(Rpc rpc, TransactionSender sender, String registryAddress) {
        this.rpc = rpc;
        this.sender = sender;
        this.registryAddress = Keys.toChecksumAddress(registryAddress);
        this.abi = HashBridgeRegistry.load(registryAddress, rpc.web3j(),
                new ReadonlyTransactionManager(rpc.web3j(), registryAddress),
                new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
    }

    /**
     * Deploys a new HashBridgeRegistry owned by {@code governanceKey}'s account and waits until it is
     * mined. Transactions are signed for the chain id the node reports.
     *
     * @return the registry's address, EIP-55 checksummed
     */
    public static String deploy(String rpcUrl, AccountKey governanceKey) {
        String governance = governanceKey.address();
        String data = "0x" + HashBridgeRegistry.BINARY
                + FunctionEncoder.encodeConstructor(List.of(new Address(governance)));
        try (Rpc rpc = open(rpcUrl)) {
            TransactionReceipt receipt = senderFor(rpc, governanceKey, rpc.chainId()).submit("deploy", null, data);
            if (receipt.getContractAddress() == null) {
                throw ChainUnavailable.unexpectedAnswer("deploy", "a receipt without a contract address");
            }
            return Keys.toChecksumAddress(receipt.getContractAddress());
        }
    }

    /**
     * Governance of the registry at {@code registryAddress}; asks the node for its chain id.
     *
     * @throws IllegalArgumentException when the address is malformed
     * @throws ChainUnavailable         when the chain cannot be reached
     */
    public static RegistryGovernance connect(String rpcUrl, String registryAddress, AccountKey governanceKey) {
        if (!WalletUtils.isValidAddress(registryAddress)) {
            throw new IllegalArgumentException("registryAddress must be a 20-byte hex address");
        }
        Rpc rpc = open(rpcUrl);
        long chainId;
        try {
            chainId = rpc.chainId();
        } catch (ChainUnavailable e) {
            rpc.close();
            throw e;
        }
        return new RegistryGovernance(rpc, senderFor(rpc, governanceKey, chainId), registryAddress);
    }

    /** The registry this governs, EIP-55 checksummed. */
    public String registryAddress() {
        return registryAddress;
    }

    /**
     * Lets {@code account} write for {@code jurisdiction} (re-registering moves or re-activates it).
     *
     * @throws IllegalArgumentException when the address or the jurisdiction code is malformed
     */
    public ChainWrite registerOperator(String account, String jurisdiction) {
        requireAddress(account);
        return write("registerOperator", abi.registerOperator(account, Jurisdictions.encode(jurisdiction)));
    }

    /** Stops {@code account} from writing; {@code NotAnOperator} when it is not an active operator. */
    public ChainWrite deactivateOperator(String account) {
        requireAddress(account);
        return write("deactivateOperator", abi.deactivateOperator(account));
    }

    @Override
    public void close() {
        rpc.close();
    }

    private ChainWrite write(String function, RemoteFunctionCall<TransactionReceipt> call) {
        return sender.write(function, registryAddress, call.encodeFunctionCall());
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
        if (!WalletUtils.isValidAddress(account)) {
            throw new IllegalArgumentException("not a 20-byte hex address");
        }
    }
}
