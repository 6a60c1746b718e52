package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.hashbridge.node.chain.contract.HashBridgeRegistry;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.ResidentApproval;
import org.hashbridge.protocol.ResidentChallenges;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

/**
 * A fresh anvil with the registry deployed and governed by a 2-of-2 Safe of the two dev governance
 * accounts ({@link DevRegistry}), the HK and SZ operator accounts registered, each with one issuer of
 * its own, and a client per account; and the means to act as any account against it.
 */
public final class TestRegistry implements AutoCloseable {

    public static final InstitutionId HK_ISSUER_ID = new InstitutionId("hk.transunion");
    public static final InstitutionId SZ_ISSUER_ID = new InstitutionId("cn.baihang");
    public static final Hash32 HK_ISSUER = HK_ISSUER_ID.key();
    public static final Hash32 SZ_ISSUER = SZ_ISSUER_ID.key();
    private static final SecureRandom RANDOM = new SecureRandom();

    public final LocalChain chain;
    public final RegistryGovernance.Deployment deployment;
    public final AnvilControl anvil;
    public final ChainSettings hkSettings;
    public final Web3jRegistryChain hk;
    public final Web3jRegistryChain sz;
    public final Web3jRegistryChain outsider;
    private final Rpc rpc;
    private final HashBridgeRegistry contract;

    private TestRegistry(LocalChain chain, RegistryGovernance.Deployment deployment) {
        String registry = deployment.registry();
        this.chain = chain;
        this.deployment = deployment;
        this.anvil = new AnvilControl(chain.rpcUrl());
        this.hkSettings = ChainSettings.anvil(chain.rpcUrl(), registry, DevAccounts.hkOperator());
        this.hk = Web3jRegistryChain.connect(hkSettings);
        this.sz = Web3jRegistryChain.connect(ChainSettings.anvil(chain.rpcUrl(), registry, DevAccounts.szOperator()));
        this.outsider = Web3jRegistryChain.connect(ChainSettings.anvil(chain.rpcUrl(), registry, DevAccounts.outsider()));
        this.rpc = Rpc.connect(chain.rpcUrl(), ChainSettings.DEFAULT_TIMEOUT, ChainSettings.DEFAULT_POLL_INTERVAL);
        this.contract = HashBridgeRegistry.load(registry, rpc.web3j(),
                new ReadonlyTransactionManager(rpc.web3j(), registry), new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
    }

    public static TestRegistry start() {
        return start(LocalChain.start());
    }

    /**
     * The registry on a chain of the hardfork the production network's genesis names (cancun): it has no P-256
     * precompile, so OpenZeppelin's P256 verifies residents' approvals with its Solidity fallback, as on Besu. Anvil's
     * own default, a later hardfork, has the precompile (EIP-7951).
     */
    public static TestRegistry startOnCancun() {
        return start(LocalChain.start(LocalChain.findAnvil(java.nio.file.Path.of("")), 0, null, null,
                ChainSettings.ANVIL_CHAIN_ID, List.of("--hardfork", "cancun")));
    }

    /** The registry set up on {@code chain}, which {@link #close()} stops. */
    public static TestRegistry start(LocalChain chain) {
        RegistryGovernance.Deployment deployment = DevRegistry.deploy(chain.rpcUrl());
        TestRegistry registryOnChain = new TestRegistry(chain, deployment);
        registryOnChain.hk.registerIssuer(HK_ISSUER_ID);
        registryOnChain.sz.registerIssuer(SZ_ISSUER_ID);
        return registryOnChain;
    }

    public static Hash32 randomHash() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Hash32.of(bytes);
    }

    /** A new random key, of an account nobody else holds. */
    public static AccountKey randomAccount() {
        return AccountKey.fromHex(HexFormat.of().formatHex(randomHash().bytes()));
    }

    /** A new id of the namespace, such as {@code hk.t1f0c...}, so tests never share an institution. */
    public static InstitutionId randomInstitution(String namespace) {
        return new InstitutionId(namespace + ".t" + HexFormat.of().formatHex(randomHash().bytes()).substring(0, 20));
    }

    /** Asserts that the registry refuses {@code write} with {@code error}, such as {@code "ForeignJurisdiction"}. */
    public static void assertRejected(ThrowingCallable write, String error) {
        assertThatThrownBy(write).isInstanceOfSatisfying(ChainRejected.class,
                rejected -> assertThat(rejected.error()).isEqualTo(error));
    }

    /** The registry's owner, EIP-55 checksummed. */
    public String owner() {
        return Keys.toChecksumAddress(rpc.read("owner", contract.owner()));
    }

    /** Who may accept governance handed over (Ownable2Step), the zero address when nobody may. */
    public String pendingOwner() {
        return Keys.toChecksumAddress(rpc.read("pendingOwner", contract.pendingOwner()));
    }

    /**
     * A new funded account that governance, both sides approving, admits as an operator of
     * {@code jurisdiction}, with a client of its own; close the client when done.
     */
    public Web3jRegistryChain newOperator(String jurisdiction) {
        AccountKey key = randomAccount();
        anvil.fund(key.address());
        DevRegistry.enact(chain.rpcUrl(), deployment.registry(),
                RegistryGovernance.Call.registerOperator(key.address(), jurisdiction));
        return Web3jRegistryChain.connect(ChainSettings.anvil(chain.rpcUrl(), deployment.registry(), key));
    }

    /**
     * Sends {@code call} to the registry as a transaction of {@code key}'s own account, the way anyone
     * holding that key could without the Safe or the registry client: a stolen governance key, or an
     * operator crafting a call the client never makes.
     */
    public ChainWrite sendAs(AccountKey key, RegistryGovernance.Call call) {
        TransactionSender sender = new TransactionSender(rpc, key, ChainSettings.ANVIL_CHAIN_ID,
                ChainSettings.DEFAULT_POLL_INTERVAL, ChainSettings.DEFAULT_TIMEOUT);
        return sender.write(call.function(), deployment.registry(), call.data());
    }

    /**
     * Signs {@code call} as {@code key}'s account at {@code gasPrice} and puts it in the pool without
     * waiting for it to be mined, the way an operator who saw another's pending transaction would send
     * its own to overtake it. Answers the transaction hash.
     */
    public String sendToPool(AccountKey key, RegistryGovernance.Call call, BigInteger gasPrice) {
        BigInteger nonce = rpc.sendOk("eth_getTransactionCount", rpc.web3j()
                .ethGetTransactionCount(key.address(), DefaultBlockParameterName.PENDING)).getTransactionCount();
        RawTransaction raw = RawTransaction.createTransaction(nonce, gasPrice, BigInteger.valueOf(1_000_000),
                deployment.registry(), call.data());
        String signed = Numeric.toHexString(TransactionEncoder.signMessage(raw, ChainSettings.ANVIL_CHAIN_ID,
                key.credentials()));
        return rpc.sendOk("eth_sendRawTransaction", rpc.web3j().ethSendRawTransaction(signed)).getTransactionHash();
    }

    /** The gas price the chain asks now, which the registry client pays. */
    public BigInteger gasPrice() {
        return rpc.sendOk("eth_gasPrice", rpc.web3j().ethGasPrice()).getGasPrice();
    }

    /** {@code anchorRoot(issuer, root, leafCount)}, as any operator could send it. */
    public RegistryGovernance.Call anchorRootCall(Hash32 issuer, Hash32 root, int leafCount) {
        return new RegistryGovernance.Call("anchorRoot",
                contract.anchorRoot(issuer.bytes(), root.bytes(), BigInteger.valueOf(leafCount)).encodeFunctionCall());
    }

    /** {@code recordAccess(commitment, verifier, receipt, verified)}, as any operator could send it. */
    public RegistryGovernance.Call recordAccessCall(Hash32 commitment, Hash32 verifier, Hash32 receipt,
                                                    boolean verified) {
        return new RegistryGovernance.Call("recordAccess", contract.recordAccess(commitment.bytes(), verifier.bytes(),
                receipt.bytes(), verified).encodeFunctionCall());
    }

    /** What the key bound to {@code binding} in {@code jurisdiction} signs to replace itself at {@code nonce}. */
    public Hash32 replacementChallenge(String jurisdiction, Hash32 binding, Hash32 newKeyHash, long nonce) {
        return ResidentChallenges.keyReplacement(ChainSettings.ANVIL_CHAIN_ID, Numeric.hexStringToByteArray(deployment.registry()),
                Jurisdictions.encode(jurisdiction), binding, newKeyHash, nonce);
    }

    /** What the key bound to {@code binding} in {@code jurisdiction} signs to cancel a recovery at {@code nonce}. */
    public Hash32 cancellationChallenge(String jurisdiction, Hash32 binding, long nonce) {
        return ResidentChallenges.recoveryCancellation(ChainSettings.ANVIL_CHAIN_ID,
                Numeric.hexStringToByteArray(deployment.registry()), Jurisdictions.encode(jurisdiction), binding, nonce);
    }

    /**
     * {@code replaceResidentKey} with {@code approval}'s key and data but the raw signature {@code rs} (r || s), as an
     * operator could send it around the registry client, which always sends s in the lower half.
     */
    public RegistryGovernance.Call replaceResidentKeyCall(String jurisdiction, Hash32 binding, Hash32 newKeyHash,
                                                          ResidentApproval approval, byte[] rs) {
        HashBridgeRegistry.WebAuthnAuth auth = new HashBridgeRegistry.WebAuthnAuth(Arrays.copyOfRange(rs, 0, 32),
                Arrays.copyOfRange(rs, 32, 64), BigInteger.valueOf(approval.challengeIndex()),
                BigInteger.valueOf(approval.typeIndex()), approval.authenticatorDataBytes(), approval.clientDataText());
        return new RegistryGovernance.Call("replaceResidentKey", contract.replaceResidentKey(Jurisdictions.encode(jurisdiction),
                binding.bytes(), newKeyHash.bytes(), approval.key().xBytes(), approval.key().yBytes(), auth).encodeFunctionCall());
    }

    /** The registry's {@code accessRecorded[verifier][receipt]}. */
    public boolean accessRecorded(Hash32 verifier, Hash32 receipt) {
        return rpc.read("accessRecorded", contract.accessRecorded(verifier.bytes(), receipt.bytes()));
    }

    /** The registry's {@code MAX_NAMED_ACCESSES} and {@code MAX_OTHER_ACCESSES}, in that order. */
    public List<Integer> accessLimits() {
        return List.of(rpc.read("MAX_NAMED_ACCESSES", contract.MAX_NAMED_ACCESSES()).intValueExact(),
                rpc.read("MAX_OTHER_ACCESSES", contract.MAX_OTHER_ACCESSES()).intValueExact());
    }

    /**
     * The registry's own error when {@code from} calls it with {@code call} (simulated, nothing is
     * sent), empty when the call would succeed: what a Safe that reports only {@code GS013} refused.
     */
    public Optional<String> refusalFor(String from, RegistryGovernance.Call call) {
        EthCall answer = rpc.send("eth_call " + call.function(), rpc.web3j().ethCall(
                Transaction.createEthCallTransaction(from, deployment.registry(), call.data()),
                DefaultBlockParameterName.LATEST));
        return answer.hasError()
                ? Optional.of(RegistryErrors.nameOfErrorData(answer.getError().getData()))
                : Optional.empty();
    }

    @Override
    public void close() {
        rpc.close();
        hk.close();
        sz.close();
        outsider.close();
        anvil.close();
        chain.close();
    }
}
