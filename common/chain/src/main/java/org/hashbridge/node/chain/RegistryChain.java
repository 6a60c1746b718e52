package org.hashbridge.node.chain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.MerkleProof;
import org.hashbridge.protocol.ResidentApproval;

/**
 * The HashBridge registry contract as the node's features see it: writes from this node's operator
 * account, and reads of final state only.
 *
 * <p>Keys are {@link Hash32}: issuers are {@link org.hashbridge.protocol.InstitutionId#key()} of the institution
 * id; roots, leaves and consent commitments are the protocol's hashes. Jurisdictions are codes such as
 * {@code "HK"}; addresses are returned EIP-55 checksummed and accepted in any case.
 *
 * <p>Each write first checks that the chain and the registry are the configured ones
 * ({@link #requireRegistry()}), then sends one signed transaction and returns once it is mined
 * successfully with the event the write must emit; writes from one account are serialized, so callers
 * may write from several threads. A write throws {@link ChainRejected} when the contract refuses it (with
 * the contract's error name) and {@link ChainUnavailable} when the chain cannot be reached, does not
 * answer in time, is not the configured chain or registry, or mined the transaction without its event
 * (nothing was written); the transaction may then be mined later, so a caller retries and takes the
 * registry's "already done" errors ({@code RootAlreadyAnchored}, {@code ConsentAlreadyRecorded},
 * {@code LeafAlreadyRevoked}, {@code ConsentNotAuthorised}, ...) as a sign to read the outcome back.
 *
 * <p>Reads go through {@link #finalState()}: the state at the final block, the latest block minus the
 * configured confirmations, never newer, so a fresh write may not be visible yet. They throw
 * {@link ChainUnavailable} when the chain cannot be read. No argument may be null.
 */
public interface RegistryChain {

    /** The registry version whose rules this node relies on: {@code HashBridgeRegistry.VERSION}. */
    long REGISTRY_VERSION = 3;

    long chainId();

    /** The registry contract, EIP-55 checksummed. */
    String registryAddress();

    /** This node's operator account, EIP-55 checksummed. */
    String operatorAddress();

    /**
     * The operator account's balance in wei at the latest block.
     *
     * @throws ChainUnavailable when the chain cannot be read
     */
    java.math.BigInteger operatorBalance();

    /**
     * The receipt of the transaction {@code txHash} ({@code 0x} and 64 hex digits), as the chain holds it now; empty
     * when it holds none (not mined, or not on this chain).
     *
     * @throws ChainUnavailable when the chain cannot be read
     */
    Optional<TransactionOnChain> receipt(String txHash);

    /**
     * Registers an issuer of this operator's namespace ({@code ForeignNamespace} for another
     * jurisdiction's, {@code IssuerAlreadyRegistered} if known); its key is {@link InstitutionId#key()}.
     */
    ChainWrite registerIssuer(InstitutionId issuer);

    /** Registers a verifier of this operator's namespace, as {@link #registerIssuer} does an issuer. */
    ChainWrite registerVerifier(InstitutionId verifier);

    /** Suspends ({@code false}) or reinstates an issuer of this operator's jurisdiction. */
    ChainWrite setIssuerActive(Hash32 issuer, boolean active);

    /** Suspends ({@code false}) or reinstates a verifier of this operator's jurisdiction. */
    ChainWrite setVerifierActive(Hash32 verifier, boolean active);

    /**
     * Anchors a batch root for an active issuer of this operator's jurisdiction ({@code ForeignJurisdiction}
     * otherwise, {@code IssuerSuspended}, {@code RootAlreadyAnchored} when anchored before).
     *
     * @throws IllegalArgumentException when {@code leafCount} is negative; the contract refuses 0
     */
    ChainWrite anchorRoot(Hash32 issuer, Hash32 root, int leafCount);

    /**
     * {@link #anchorRoot} for several roots at once, as a chain with block times wants them: every root is
     * simulated and sent, with consecutive nonces, before any receipt is awaited, so that one block can take
     * them all; the receipts are then awaited within one timeout. Each root has its own outcome, as
     * {@link #anchorRoot} would have had it: a root the registry refuses (simulated or mined) does not stop the
     * others; once the chain stops answering, the roots not sent yet are not sent ({@link ChainUnavailable}).
     *
     * @return one outcome per root, in their order
     * @throws ChainUnavailable when the chain or the registry is not the configured one, or cannot be read:
     *                          nothing was sent
     */
    List<WriteOutcome> anchorRoots(List<RootToAnchor> roots);

    /**
     * One root {@link #anchorRoots} anchors.
     *
     * @param leafCount how many leaves the root covers, at least 1
     */
    record RootToAnchor(Hash32 issuer, Hash32 root, int leafCount) {
        public RootToAnchor {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(root, "root");
            if (leafCount < 1) {
                throw new IllegalArgumentException("a root covers at least one leaf");
            }
        }
    }

    /**
     * Revokes a whole anchored batch; only the root issuer's jurisdiction may ({@code RootAlreadyRevoked}
     * the second time).
     */
    ChainWrite revokeRoot(Hash32 issuer, Hash32 root);

    /**
     * Revokes the leaf {@code proof} places in {@code root}; only the root issuer's jurisdiction may, and
     * only for a leaf the proof shows is in that root ({@code LeafNotInRoot}).
     */
    ChainWrite revokeLeaf(Hash32 issuer, Hash32 root, Hash32 leaf, MerkleProof proof);

    /**
     * Records a consent commitment for an active issuer of this operator's jurisdiction and an active
     * registered verifier ({@code UnknownVerifier}, {@code VerifierSuspended}); the contract refuses a
     * {@code validUntil} not after the block time ({@code InvalidArgument}).
     *
     * @throws IllegalArgumentException when {@code validUntil} is before 1970
     */
    ChainWrite recordConsent(Hash32 commitment, Hash32 issuer, Hash32 verifier, Instant validUntil);

    /**
     * Simulates {@link #recordConsent} on the latest state without sending anything, so a refusal can be
     * answered before anything is stored.
     *
     * @throws ChainRejected    with the error the registry would answer
     * @throws ChainUnavailable when the chain cannot be asked, or is not the configured chain or registry
     */
    void simulateRecordConsent(Hash32 commitment, Hash32 issuer, Hash32 verifier, Instant validUntil);

    /** Revokes an authorised consent; only the consent issuer's home operator may. */
    ChainWrite revokeConsent(Hash32 commitment);

    /**
     * Records that {@code verifier} (a verifier of this operator's jurisdiction) used a consent, with the
     * verdict and the hash of the signed receipt ({@code UnknownConsent} when never recorded,
     * {@code UnknownVerifier} or {@code ForeignJurisdiction} for someone else's verifier,
     * {@code AccessAlreadyRecorded} when this verifier's receipt is recorded already, {@code AccessLimitReached}
     * when the consent holds all the accesses it takes, {@code NotTheConsentsVerifier} for a verified access
     * by another verifier than the consent names).
     */
    ChainWrite recordAccess(Hash32 commitment, Hash32 verifier, Hash32 receipt, boolean verified);

    /**
     * {@link #recordAccess} for up to {@value #MAX_ACCESSES_PER_WRITE} accesses in one transaction:
     * all are recorded, or none when the registry refuses any of them; a verifier's receipt recorded already
     * is skipped, so the same batch can be sent again safely.
     *
     * @throws IllegalArgumentException when {@code accesses} is empty or too long
     */
    ChainWrite recordAccesses(List<AccessRecord> accesses);

    /**
     * {@link #recordAccesses} for several batches at once, sent as {@link #anchorRoots} sends roots: each batch is
     * simulated and sent, with consecutive nonces, before any receipt is awaited, so that a chain with block times
     * takes a backlog at several batches a block rather than one. Each batch has its own outcome, as
     * {@link #recordAccesses} would have had it.
     *
     * @return one outcome per batch, in their order
     * @throws IllegalArgumentException when a batch is empty or too long
     * @throws ChainUnavailable         when the chain or the registry is not the configured one, or cannot be read:
     *                                  nothing was sent
     */
    List<WriteOutcome> recordAccessBatches(List<List<AccessRecord>> batches);

    /**
     * Stops another operator account of this operator's own jurisdiction (or this one) from writing, as
     * a side does at once when one of its keys is stolen; only governance re-activates it.
     *
     * @throws IllegalArgumentException when {@code account} is not a 20-byte hex address
     */
    ChainWrite deactivateOperator(String account);

    /**
     * Binds the first key of a resident of this operator's jurisdiction, whose possession of it this node checked:
     * {@code binding} is {@code ResidentKey.binding(subject)}, {@code keyHash} the key's {@code ResidentKey.hash()}
     * ({@code ResidentKeyAlreadyBound} when a key is bound; it is then changed only by
     * {@link #replaceResidentKey} or a recovery). Emits {@code ResidentKeyBound} with how 1.
     */
    ChainWrite bindResidentKey(Hash32 binding, Hash32 keyHash);

    /**
     * Replaces the key bound to {@code binding} in {@code jurisdiction} (either side's: the resident's approval is
     * the authority) by {@code newKeyHash}, with an approval by the bound key over
     * {@code ResidentChallenges.keyReplacement} of this chain, registry, jurisdiction, binding, new key and the
     * binding's current nonce, which the registry verifies ({@code ResidentKeyNotBound}, {@code ResidentKeyMismatch}
     * when the approval's key is not the bound one, {@code ResidentApprovalInvalid} when its signature, challenge,
     * type or user-present flag is wrong). Ends a pending recovery. Emits {@code ResidentKeyBound} with how 2.
     *
     * @throws org.hashbridge.protocol.InvalidInput {@code MALFORMED_APPROVAL} when the approval cannot be put in the
     *                                              registry's form (no DER signature, no type or challenge member):
     *                                              nothing is sent
     */
    ChainWrite replaceResidentKey(String jurisdiction, Hash32 binding, Hash32 newKeyHash, ResidentApproval byOldKey);

    /**
     * Starts the recovery of a resident of this operator's jurisdiction who lost their key: {@code newKeyHash} can be
     * bound by {@link #completeResidentKeyRecovery} once the registry's seven days have passed, unless the bound key
     * cancels it or replaces itself first ({@code ResidentKeyNotBound}). Starting again restarts the seven days.
     */
    ChainWrite startResidentKeyRecovery(Hash32 binding, Hash32 newKeyHash);

    /**
     * Cancels the pending recovery of {@code binding} in {@code jurisdiction} with an approval by the bound key over
     * {@code ResidentChallenges.recoveryCancellation} at the binding's current nonce ({@code NoResidentKeyRecovery},
     * {@code ResidentKeyMismatch}, {@code ResidentApprovalInvalid}); any operator may send it.
     *
     * @throws org.hashbridge.protocol.InvalidInput {@code MALFORMED_APPROVAL}, as {@link #replaceResidentKey}
     */
    ChainWrite cancelResidentKeyRecovery(String jurisdiction, Hash32 binding, ResidentApproval byCurrentKey);

    /**
     * Binds the key of this operator's jurisdiction's pending recovery of {@code binding} once it is due
     * ({@code NoResidentKeyRecovery}, {@code RecoveryNotDue}). Emits {@code ResidentKeyBound} with how 3.
     */
    ChainWrite completeResidentKeyRecovery(Hash32 binding);

    /**
     * The key bound to {@code binding} in {@code jurisdiction} as of the final block, empty when none is.
     *
     * @throws IllegalArgumentException when {@code jurisdiction} is not 1 to 32 upper-case letters or digits
     */
    default Optional<ResidentKeyOnChain> residentKey(String jurisdiction, Hash32 binding) {
        return finalState().residentKey(jurisdiction, binding);
    }

    /** The most accesses one {@link #recordAccesses} carries. */
    int MAX_ACCESSES_PER_WRITE = 256;

    /** Every access recorded for a consent commitment, oldest first, as of the final block. */
    default List<AccessOnChain> accesses(Hash32 commitment) {
        return accesses(commitment, 0, Integer.MAX_VALUE).accesses();
    }

    /**
     * The accesses recorded for a consent commitment from the {@code offset}-th on, at most {@code limit},
     * oldest first, as of the final block, with how many there are in all.
     *
     * @throws IllegalArgumentException when {@code offset} is negative or {@code limit} is not positive
     */
    AccessHistory accesses(Hash32 commitment, int offset, int limit);

    /** The transaction that anchored {@code root}, empty when it is not anchored as of the final block. */
    Optional<ChainWrite> anchorWrite(Hash32 issuer, Hash32 root);

    /** The transaction that recorded {@code commitment}, empty when it is not recorded as of the final block. */
    Optional<ChainWrite> consentWrite(Hash32 commitment);

    /**
     * Checks that the chain answers with the configured chain id and that the configured address holds a
     * registry of {@link #REGISTRY_VERSION}. Writes make this check themselves.
     *
     * @throws ChainUnavailable when the chain cannot be read or the address holds no code (a chain reset
     *                          before the registry is deployed again): it may pass later
     * @throws RegistryMismatch when the chain id or the registry version differ: it will not pass by waiting
     */
    void requireRegistry();

    /**
     * A view pinned at the current final block: every read through it sees that one block, so checks
     * made together agree with each other, and the block can be named in what they prove.
     */
    RegistryState finalState();
}
