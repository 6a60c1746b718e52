package org.hashbridge.node.chain;

import java.time.Instant;
import java.util.Optional;
import org.hashbridge.protocol.Hash32;

/**
 * The HashBridge registry contract as the node's features see it: writes from this node's operator
 * account, and reads of final state only.
 *
 * <p>Keys are {@link Hash32}: issuers are {@link org.hashbridge.protocol.InstitutionId#key()} of the institution
 * id; roots, leaves and consent commitments are the protocol's hashes. Jurisdictions are codes such as
 * {@code "HK"}; addresses are returned EIP-55 checksummed and accepted in any case.
 *
 * <p>Each write sends one signed transaction and returns once it is mined successfully; writes from
 * one account are serialized, so callers may write from several threads. A write throws
 * {@link ChainRejected} when the contract refuses it (with the contract's error name) and
 * {@link ChainUnavailable} when the chain cannot be reached or does not answer in time, in which case
 * the transaction may or may not be mined.
 *
 * <p>Reads go through {@link #finalState()}: the state at the final block, the latest block minus the
 * configured confirmations, never newer, so a fresh write may not be visible yet. They throw
 * {@link ChainUnavailable} when the chain cannot be read. No argument may be null.
 */
public interface RegistryChain {

    long chainId();

    /** The registry contract, EIP-55 checksummed. */
    String registryAddress();

    /** This node's operator account, EIP-55 checksummed. */
    String operatorAddress();

    /** Registers {@code issuer} in this operator's jurisdiction; {@code IssuerAlreadyRegistered} if known. */
    ChainWrite registerIssuer(Hash32 issuer);

    /** Registers {@code verifier} in this operator's jurisdiction; {@code VerifierAlreadyRegistered} if known. */
    ChainWrite registerVerifier(Hash32 verifier);

    /**
     * Anchors a batch root for an issuer of this operator's jurisdiction ({@code ForeignJurisdiction}
     * otherwise, {@code RootAlreadyAnchored} when anchored before).
     *
     * @throws IllegalArgumentException when {@code leafCount} is negative; the contract refuses 0
     */
    ChainWrite anchorRoot(Hash32 issuer, Hash32 root, int leafCount);

    /** Revokes a leaf of an anchored root; only the root issuer's home operator may. */
    ChainWrite revokeLeaf(Hash32 root, Hash32 leaf);

    /**
     * Records a consent commitment for an issuer of this operator's jurisdiction; the contract refuses
     * a {@code validUntil} not after the block time ({@code InvalidArgument}).
     *
     * @throws IllegalArgumentException when {@code validUntil} is before 1970
     */
    ChainWrite recordConsent(Hash32 commitment, Hash32 issuer, Instant validUntil);

    /** Revokes an authorised consent; only the consent issuer's home operator may. */
    ChainWrite revokeConsent(Hash32 commitment);

    /**
     * Records that {@code verifier} (a verifier of this operator's jurisdiction) used a consent, with the
     * verdict and the hash of the signed receipt ({@code UnknownConsent} when never recorded,
     * {@code UnknownVerifier} or {@code ForeignJurisdiction} for someone else's verifier).
     */
    ChainWrite recordAccess(Hash32 commitment, Hash32 verifier, Hash32 receipt, boolean verified);

    /**
     * {@link #recordAccess} for up to {@value #MAX_ACCESSES_PER_WRITE} accesses in one transaction:
     * all are recorded, or none when the registry refuses any of them.
     *
     * @throws IllegalArgumentException when {@code accesses} is empty or too long
     */
    ChainWrite recordAccesses(java.util.List<AccessRecord> accesses);

    /** The most accesses one {@link #recordAccesses} carries. */
    int MAX_ACCESSES_PER_WRITE = 256;

    /** The accesses recorded for a consent commitment, oldest first, as of the final block. */
    java.util.List<AccessOnChain> accesses(Hash32 commitment);

    /** The transaction that anchored {@code root}, empty when it is not anchored as of the final block. */
    Optional<ChainWrite> anchorWrite(Hash32 root);

    /**
     * A view pinned at the current final block: every read through it sees that one block, so checks
     * made together agree with each other, and the block can be named in what they prove.
     */
    RegistryState finalState();
}
