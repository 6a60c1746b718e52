package org.hashbridge.node.chain;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.hashbridge.node.chain.contract.HashBridgeRegistry;
import org.hashbridge.protocol.Hash32;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

/** The registry's getters, each read at the final block: the latest minus the confirmations. */
final class RegistryReads {

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final Hash32 NONE = Hash32.of(new byte[32]);

    private final Rpc rpc;
    private final HashBridgeRegistry abi;
    private final String registry;
    private final int confirmations;
    private final LongSupplier block;

    RegistryReads(Rpc rpc, HashBridgeRegistry abi, String registry, int confirmations) {
        this.rpc = rpc;
        this.abi = abi;
        this.registry = registry;
        this.confirmations = confirmations;
        this.block = this::finalBlock;
    }

    private RegistryReads(RegistryReads reads, long pinned) {
        this.rpc = reads.rpc;
        this.abi = reads.abi;
        this.registry = reads.registry;
        this.confirmations = reads.confirmations;
        this.block = () -> pinned;
    }

    /** These reads, all at {@code block}. */
    RegistryReads at(long block) {
        return new RegistryReads(this, block);
    }

    /** The block the next read sees. */
    long block() {
        return block.getAsLong();
    }

    Optional<AnchorOnChain> anchor(Hash32 issuer, Hash32 root) {
        List<Type> fields = call("anchors", abi.anchors(issuer.bytes(), root.bytes()), 5);
        if (uint(fields.get(2)) == 0) {
            return Optional.empty();
        }
        return Optional.of(new AnchorOnChain(hash(fields.get(0)), address(fields.get(1)),
                instant(fields.get(2)), uint(fields.get(3)), time(fields.get(4))));
    }

    Optional<Instant> leafRevokedAt(Hash32 issuer, Hash32 root, Hash32 leaf) {
        return time(call("leafRevokedAt", abi.leafRevokedAt(issuer.bytes(), root.bytes(), leaf.bytes()), 1).get(0));
    }

    /**
     * The registry's {@code VERSION}; 1 for a registry that has code but no such function (the first
     * version had none), so a node can tell an older registry from an unreachable chain.
     */
    long version() {
        RemoteFunctionCall<?> call = abi.VERSION();
        Transaction request = Transaction.createEthCallTransaction(null, registry, call.encodeFunctionCall());
        EthCall answer = rpc.send("VERSION", rpc.web3j().ethCall(request, at()));
        if (answer.hasError()) {
            if (TransactionSender.isRevert(answer.getError()) && hasCode()) {
                return 1;
            }
            throw ChainUnavailable.refused("VERSION", answer.getError().getCode(), answer.getError().getMessage());
        }
        return uint(decode("VERSION", call, answer, 1).get(0));
    }

    private boolean hasCode() {
        String code = rpc.sendOk("eth_getCode", rpc.web3j().ethGetCode(registry, at())).getCode();
        return code != null && code.length() > 2;
    }

    private DefaultBlockParameter at() {
        return DefaultBlockParameter.valueOf(BigInteger.valueOf(block.getAsLong()));
    }

    /** The namespace admitted for {@code jurisdiction}, the empty string when none is. */
    String namespace(String jurisdiction) {
        byte[] namespace = (byte[]) call("namespaceOf", abi.namespaceOf(Jurisdictions.encode(jurisdiction)), 1)
                .get(0).getValue();
        return namespace[0] == 0 ? "" : new String(namespace, java.nio.charset.StandardCharsets.US_ASCII);
    }

    Optional<InstitutionOnChain> issuer(Hash32 issuer) {
        return institution("issuers", call("issuers", abi.issuers(issuer.bytes()), 2));
    }

    Optional<InstitutionOnChain> verifier(Hash32 verifier) {
        return institution("verifiers", call("verifiers", abi.verifiers(verifier.bytes()), 2));
    }

    private static Optional<InstitutionOnChain> institution(String function, List<Type> fields) {
        String jurisdiction = jurisdiction(function, fields.get(0));
        return jurisdiction.isEmpty() ? Optional.empty()
                : Optional.of(new InstitutionOnChain(jurisdiction, (Boolean) fields.get(1).getValue()));
    }

    Optional<OperatorOnChain> operator(String address) {
        List<Type> fields = call("operators", abi.operators(address), 2);
        String jurisdiction = jurisdiction("operators", fields.get(0));
        return jurisdiction.isEmpty() ? Optional.empty()
                : Optional.of(new OperatorOnChain(jurisdiction, (Boolean) fields.get(1).getValue()));
    }

    Optional<ConsentOnChain> consent(Hash32 commitment) {
        List<Type> fields = call("consents", abi.consents(commitment.bytes()), 8);
        int status = (int) uint(fields.get(5));
        if (status == 0) {
            return Optional.empty();
        }
        if (status > 2) {
            throw ChainUnavailable.unexpectedAnswer("consents", "consent status " + status);
        }
        return Optional.of(new ConsentOnChain(hash(fields.get(0)), hash(fields.get(1)), address(fields.get(2)),
                instant(fields.get(3)), instant(fields.get(4)),
                status == 1 ? ConsentOnChain.Status.AUTHORISED : ConsentOnChain.Status.REVOKED));
    }

    Optional<ResidentKeyOnChain> residentKey(String jurisdiction, Hash32 binding) {
        List<Type> fields = call("residentKeys", abi.residentKeys(Jurisdictions.encode(jurisdiction), binding.bytes()), 6);
        Hash32 keyHash = hash(fields.get(0));
        if (keyHash.equals(NONE)) {
            return Optional.empty();
        }
        Optional<Instant> recoverableAt = time(fields.get(5));
        int how = (int) uint(fields.get(3));
        if (how < ResidentKeyOnChain.BOUND || how > ResidentKeyOnChain.RECOVERED) {
            throw ChainUnavailable.unexpectedAnswer("residentKeys", "a key bound in way " + how);
        }
        return Optional.of(new ResidentKeyOnChain(keyHash, uint(fields.get(1)),
                recoverableAt.map(at -> hash(fields.get(4))), recoverableAt, instant(fields.get(2)), how));
    }

    boolean accessRecorded(Hash32 verifier, Hash32 receipt) {
        return (Boolean) call("accessRecorded", abi.accessRecorded(verifier.bytes(), receipt.bytes()), 1).get(0).getValue();
    }

    /** The newest block a read may see; blocks after it are not yet final. */
    long finalBlock() {
        return Math.max(0, rpc.blockNumber() - confirmations);
    }

    private List<Type> call(String function, RemoteFunctionCall<?> call, int words) {
        long block = this.block.getAsLong();
        Transaction request = Transaction.createEthCallTransaction(null, registry, call.encodeFunctionCall());
        EthCall answer = rpc.sendOk(function, rpc.web3j()
                .ethCall(request, DefaultBlockParameter.valueOf(BigInteger.valueOf(block))));
        return decode(function, call, answer, words);
    }

    private List<Type> decode(String function, RemoteFunctionCall<?> call, EthCall answer, int words) {
        long block = this.block.getAsLong();
        String value = answer.getValue();
        if (value == null || value.length() < 2 + 64 * words) {
            throw ChainUnavailable.unexpectedAnswer(function,
                    "no registry at " + registry + " in block " + block);
        }
        return call.decodeFunctionResponse(value);
    }

    private static String jurisdiction(String function, Type<?> value) {
        try {
            return Jurisdictions.decode((byte[]) value.getValue());
        } catch (IllegalArgumentException e) {
            throw ChainUnavailable.unexpectedAnswer(function, "a jurisdiction that is not a padded code");
        }
    }

    /** A uint32, uint8 or a uint64 that is zero or a time; the ABI decoder has checked its width. */
    private static long uint(Type<?> value) {
        return ((BigInteger) value.getValue()).min(LONG_MAX).longValue();
    }

    /** A uint64 unix time; anything past {@link Instant#MAX} (such as 2^64-1 for "never") is that. */
    private static Instant instant(Type<?> value) {
        return instant((BigInteger) value.getValue());
    }

    /** A uint64 unix time; anything past {@link Instant#MAX} (such as 2^64-1 for "never") is that. */
    static Instant instant(BigInteger seconds) {
        return Instant.ofEpochSecond(Math.min(seconds.min(LONG_MAX).longValue(), Instant.MAX.getEpochSecond()));
    }

    /** A uint64 time where 0 means "not yet". */
    private static Optional<Instant> time(Type<?> value) {
        return uint(value) == 0 ? Optional.empty() : Optional.of(instant(value));
    }

    private static Hash32 hash(Type<?> value) {
        return Hash32.of((byte[]) value.getValue());
    }

    private static String address(Type<?> value) {
        return Keys.toChecksumAddress((String) value.getValue());
    }
}
