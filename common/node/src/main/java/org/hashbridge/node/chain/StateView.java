package org.hashbridge.node.chain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.hashbridge.protocol.Hash32;

/** Registry reads that all see one pinned block. */
final class StateView implements RegistryState {

    private final RegistryReads reads;

    StateView(RegistryReads reads) {
        this.reads = reads;
    }

    @Override
    public long block() {
        return reads.block();
    }

    @Override
    public Optional<AnchorOnChain> anchor(Hash32 issuer, Hash32 root) {
        return reads.anchor(Objects.requireNonNull(issuer, "issuer"), Objects.requireNonNull(root, "root"));
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
        return reads.issuer(Objects.requireNonNull(issuer, "issuer"));
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
}
