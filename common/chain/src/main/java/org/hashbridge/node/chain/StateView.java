package org.hashbridge.node.chain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.hashbridge.protocol.Hash32;

/**
 * Registry reads that all see one pinned block. Since that block never changes, each read is made once:
 * checks that need the same anchor or issuer share one round trip.
 */
final class StateView implements RegistryState {

    private final RegistryReads reads;
    private final Map<List<Object>, Object> answers = new ConcurrentHashMap<>();

    StateView(RegistryReads reads) {
        this.reads = reads;
    }

    @Override
    public long block() {
        return reads.block();
    }

    @Override
    public Optional<AnchorOnChain> anchor(Hash32 issuer, Hash32 root) {
        return once(List.of("anchor", Objects.requireNonNull(issuer, "issuer"), Objects.requireNonNull(root, "root")),
                () -> reads.anchor(issuer, root));
    }

    @Override
    public Optional<Instant> leafRevokedAt(Hash32 issuer, Hash32 root, Hash32 leaf) {
        return reads.leafRevokedAt(Objects.requireNonNull(issuer, "issuer"), Objects.requireNonNull(root, "root"),
                Objects.requireNonNull(leaf, "leaf"));
    }

    @Override
    public long version() {
        return reads.version();
    }

    @Override
    public Optional<String> namespace(String jurisdiction) {
        String namespace = reads.namespace(jurisdiction);
        return namespace.isEmpty() ? Optional.empty() : Optional.of(namespace);
    }

    @Override
    public Optional<InstitutionOnChain> issuer(Hash32 issuer) {
        return once(List.of("issuer", Objects.requireNonNull(issuer, "issuer")), () -> reads.issuer(issuer));
    }

    @Override
    public Optional<InstitutionOnChain> verifier(Hash32 verifier) {
        return reads.verifier(Objects.requireNonNull(verifier, "verifier"));
    }

    @Override
    public Optional<OperatorOnChain> operator(String address) {
        if (!org.web3j.crypto.WalletUtils.isValidAddress(address)) {
            throw new IllegalArgumentException("not a 20-byte hex address");
        }
        return reads.operator(address);
    }

    @Override
    public boolean accessRecorded(Hash32 verifier, Hash32 receipt) {
        return reads.accessRecorded(Objects.requireNonNull(verifier, "verifier"), Objects.requireNonNull(receipt, "receipt"));
    }

    @Override
    public Optional<ConsentOnChain> consent(Hash32 commitment) {
        return reads.consent(Objects.requireNonNull(commitment, "commitment"));
    }

    @Override
    public Optional<ResidentKeyOnChain> residentKey(String jurisdiction, Hash32 binding) {
        return reads.residentKey(jurisdiction, Objects.requireNonNull(binding, "binding"));
    }

    /** The answer to {@code key}, read at most once; a read that fails is not remembered. */
    @SuppressWarnings("unchecked")
    private <T> T once(List<Object> key, Supplier<T> read) {
        return (T) answers.computeIfAbsent(key, k -> read.get());
    }
}
