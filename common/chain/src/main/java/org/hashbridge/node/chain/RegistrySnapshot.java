package org.hashbridge.node.chain;

import java.time.Instant;
import java.util.Optional;
import org.hashbridge.protocol.Hash32;

/**
 * The registry's records as of one block: what a verification reads. The node's read model answers
 * them from its own tables ({@code chain.follow}); {@link RegistryState} answers them, and more, from
 * the chain itself. No argument may be null.
 */
public interface RegistrySnapshot {

    /** The block these reads see. */
    long block();

    /** The anchor of {@code root} for {@code issuer}, empty when it is not anchored for it as of that block. */
    Optional<AnchorOnChain> anchor(Hash32 issuer, Hash32 root);

    /**
     * When {@code leaf} was revoked within {@code issuer}'s {@code root}, empty when it is not revoked as
     * of that block. A revocation is of a leaf in one anchor: the same leaf elsewhere is not revoked by it.
     */
    Optional<Instant> leafRevokedAt(Hash32 issuer, Hash32 root, Hash32 leaf);

    /**
     * The institution namespace governance admitted for {@code jurisdiction} ("hk" for "HK"), empty when
     * none is.
     *
     * @throws IllegalArgumentException when {@code jurisdiction} is not 1 to 32 upper-case letters or digits
     */
    Optional<String> namespace(String jurisdiction);

    /** The registered issuer, empty when unknown as of that block. */
    Optional<InstitutionOnChain> issuer(Hash32 issuer);

    /** The registered verifier, empty when unknown as of that block. */
    Optional<InstitutionOnChain> verifier(Hash32 verifier);

    /**
     * The operator account, empty when never registered as of that block.
     *
     * @throws IllegalArgumentException when {@code address} is not a 20-byte hex address
     */
    Optional<OperatorOnChain> operator(String address);

    /** The consent commitment, empty when never recorded as of that block. */
    Optional<ConsentOnChain> consent(Hash32 commitment);

    /**
     * The key bound to a resident's {@code binding} ({@code ResidentKey.binding(subject)}) in its home
     * {@code jurisdiction}, empty when none is bound there as of that block. Each jurisdiction binds in its own
     * namespace: what one binds is never read under the other.
     *
     * @throws IllegalArgumentException when {@code jurisdiction} is not 1 to 32 upper-case letters or digits
     */
    Optional<ResidentKeyOnChain> residentKey(String jurisdiction, Hash32 binding);
}
