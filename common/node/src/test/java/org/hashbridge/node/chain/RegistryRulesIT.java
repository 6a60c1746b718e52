package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.node.chain.TestRegistry.HK_ISSUER;
import static org.hashbridge.node.chain.TestRegistry.SZ_ISSUER;
import static org.hashbridge.node.chain.TestRegistry.assertRejected;
import static org.hashbridge.node.chain.TestRegistry.randomHash;
import static org.hashbridge.node.chain.TestRegistry.randomInstitution;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.MerkleProof;
import org.hashbridge.protocol.MerkleTree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes2;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Every rule of the registry attacked on the real contract, the way the other side's operator (SZ
 * against Hong Kong's institutions, and back), an account that is no operator, or a cut-off key would:
 * each attack is refused with the rule's error, and reading the state back shows it changed nothing.
 * Governance is attacked in {@link GovernanceIT}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RegistryRulesIT {

    /** A Shenzhen bank, the verifier of the Hong Kong consents below. */
    private static final InstitutionId BANK_ID = new InstitutionId("cn.abc-shenzhen");
    private static final Hash32 BANK = BANK_ID.key();
    /** A Hong Kong bank. */
    private static final InstitutionId HK_BANK_ID = new InstitutionId("hk.hsbc");
    private static final Hash32 HK_BANK = HK_BANK_ID.key();

    private static TestRegistry registry;
    private static Web3jRegistryChain hk;
    private static Web3jRegistryChain sz;
    private static Web3jRegistryChain outsider;

    @BeforeAll
    static void deployRegistryWithABankPerJurisdiction() {
        registry = TestRegistry.start();
        hk = registry.hk;
        sz = registry.sz;
        outsider = registry.outsider;
        sz.registerVerifier(BANK_ID);
        hk.registerVerifier(HK_BANK_ID);
    }

    @AfterAll
    static void stopChain() {
        if (registry != null) {
            registry.close();
        }
    }

    // ---------------------------------------------------------------- institutions

    @Test
    void szCannotRegisterAnInstitutionOfTheHongKongNamespaceNorHongKongOfShenzhens() {
        InstitutionId evil = new InstitutionId("hk.evil-credit");
        InstitutionId evilBank = new InstitutionId("hk.evil-bank");
        InstitutionId evilInShenzhen = new InstitutionId("cn.evil-credit");

        assertRejected(() -> sz.registerIssuer(evil), "ForeignNamespace");
        assertRejected(() -> sz.registerVerifier(evilBank), "ForeignNamespace");
        assertRejected(() -> hk.registerIssuer(evilInShenzhen), "ForeignNamespace");

        RegistryState state = hk.finalState();
        assertThat(state.issuer(evil.key())).isEmpty();
        assertThat(state.verifier(evilBank.key())).isEmpty();
        assertThat(state.issuer(evilInShenzhen.key())).isEmpty();
    }

    @Test
    void szRegisteringAHongKongIdsHashUnderItsOwnNamespaceGetsAnotherKeyAndBlocksNothing() {
        InstitutionId hongKongs = randomInstitution("hk");
        String name = hongKongs.value().substring(3);

        // the raw call the client never makes: Shenzhen's namespace with the hash of Hong Kong's id
        registry.sendAs(DevAccounts.szOperator(), registerIssuerCall("cn", hongKongs.idHash()));

        assertThat(hk.finalState().issuer(hongKongs.key())).isEmpty();
        hk.registerIssuer(hongKongs);
        RegistryState state = sz.finalState();
        assertThat(state.issuer(hongKongs.key())).contains(new InstitutionOnChain("HK", true));
        assertThat(state.issuer(new InstitutionId("cn." + name).key())).isEmpty();
    }

    @Test
    void anInstitutionRegisteredByHongKongIsKeyedByItsIdAndBelongsToHongKong() {
        InstitutionId issuer = randomInstitution("hk");

        hk.registerIssuer(issuer);

        RegistryState state = sz.finalState();
        assertThat(state.issuer(issuer.key())).contains(new InstitutionOnChain("HK", true));
        assertThat(state.issuer(new InstitutionId("cn." + issuer.value().substring(3)).key())).isEmpty();
        assertThat(state.verifier(issuer.key())).as("registered as an issuer only").isEmpty();
        assertRejected(() -> hk.registerIssuer(issuer), "IssuerAlreadyRegistered");
        assertRejected(() -> sz.registerIssuer(issuer), "ForeignNamespace");
        assertThat(hk.finalState().issuer(issuer.key())).contains(new InstitutionOnChain("HK", true));
    }

    @Test
    void szCannotSuspendOrReinstateAHongKongIssuerOrVerifier() {
        Hash32 issuer = registerHongKongIssuer();
        InstitutionId verifierId = randomInstitution("hk");
        Hash32 verifier = verifierId.key();
        hk.registerVerifier(verifierId);

        assertRejected(() -> sz.setIssuerActive(issuer, false), "ForeignJurisdiction");
        assertRejected(() -> sz.setVerifierActive(verifier, false), "ForeignJurisdiction");
        assertRejected(() -> outsider.setIssuerActive(issuer, false), "NotAnOperator");
        assertThat(hk.finalState().issuer(issuer)).contains(new InstitutionOnChain("HK", true));
        assertThat(hk.finalState().verifier(verifier)).contains(new InstitutionOnChain("HK", true));

        hk.setIssuerActive(issuer, false);
        hk.setVerifierActive(verifier, false);
        assertRejected(() -> sz.setIssuerActive(issuer, true), "ForeignJurisdiction");
        assertRejected(() -> sz.setVerifierActive(verifier, true), "ForeignJurisdiction");

        assertThat(hk.finalState().issuer(issuer)).contains(new InstitutionOnChain("HK", false));
        assertThat(hk.finalState().verifier(verifier)).contains(new InstitutionOnChain("HK", false));
        assertRejected(() -> hk.setIssuerActive(randomHash(), false), "UnknownIssuer");
        assertRejected(() -> hk.setVerifierActive(randomHash(), false), "UnknownVerifier");
    }

    @Test
    void szCannotAnchorForAHongKongIssuer() {
        Hash32 root = randomHash();

        assertRejected(() -> sz.anchorRoot(HK_ISSUER, root, 1), "ForeignJurisdiction");

        assertThat(hk.finalState().anchor(HK_ISSUER, root)).isEmpty();
    }

    @Test
    void szCannotRecordOrRevokeAConsentForAHongKongIssuer() {
        Hash32 commitment = randomHash();
        Instant validUntil = inThirtyDays();

        assertRejected(() -> sz.recordConsent(commitment, HK_ISSUER, BANK, validUntil), "ForeignJurisdiction");
        assertThat(hk.finalState().consent(commitment)).isEmpty();

        ChainWrite recorded = hk.recordConsent(commitment, HK_ISSUER, BANK, validUntil);
        assertRejected(() -> sz.revokeConsent(commitment), "ForeignJurisdiction");

        assertThat(hk.finalState().consent(commitment)).contains(new ConsentOnChain(HK_ISSUER, BANK,
                DevAccounts.hkOperator().address(), validUntil, recorded.blockTime(), ConsentOnChain.Status.AUTHORISED));
    }

    // ---------------------------------------------------------------- leaves

    @Test
    void szCannotRevokeALeafOfAHongKongRootEvenWithAValidProof() {
        Batch batch = batchOf(4);
        hk.anchorRoot(HK_ISSUER, batch.root(), batch.size());
        Hash32 leaf = batch.leaf(2);
        assertThat(batch.proof(2).proves(leaf, batch.root())).isTrue();

        assertRejected(() -> sz.revokeLeaf(HK_ISSUER, batch.root(), leaf, batch.proof(2)), "ForeignJurisdiction");
        // naming its own issuer instead finds no such anchor: the root is Hong Kong's issuer's only
        assertRejected(() -> sz.revokeLeaf(SZ_ISSUER, batch.root(), leaf, batch.proof(2)), "UnknownRoot");

        assertThat(hk.finalState().leafRevokedAt(HK_ISSUER, batch.root(), leaf)).isEmpty();
    }

    @Test
    void szRevokingALeafInItsOwnRootLeavesTheSameLeafStandingInTheHongKongRoot() {
        Hash32 shared = MerkleTree.leafHash(randomHash());
        Batch hongKongs = Batch.of(List.of(MerkleTree.leafHash(randomHash()), shared,
                MerkleTree.leafHash(randomHash())));
        Batch shenzhens = Batch.of(List.of(shared, MerkleTree.leafHash(randomHash())));
        hk.anchorRoot(HK_ISSUER, hongKongs.root(), hongKongs.size());
        sz.anchorRoot(SZ_ISSUER, shenzhens.root(), shenzhens.size());

        ChainWrite revoked = sz.revokeLeaf(SZ_ISSUER, shenzhens.root(), shared, shenzhens.proof(0));

        RegistryState state = hk.finalState();
        assertThat(state.leafRevokedAt(SZ_ISSUER, shenzhens.root(), shared)).contains(revoked.blockTime());
        assertThat(state.leafRevokedAt(HK_ISSUER, hongKongs.root(), shared)).isEmpty();
        assertThat(state.anchor(HK_ISSUER, hongKongs.root())).hasValueSatisfying(
                anchor -> assertThat(anchor.revokedAt()).isEmpty());
    }

    @Test
    void aProofThatDoesNotPutTheLeafInTheRootRevokesNothing() {
        Batch batch = batchOf(5);
        Batch otherBatch = batchOf(5);
        hk.anchorRoot(HK_ISSUER, batch.root(), batch.size());
        hk.anchorRoot(HK_ISSUER, otherBatch.root(), otherBatch.size());
        Hash32 root = batch.root();
        Hash32 leaf = batch.leaf(0);
        List<Hash32> path = batch.proof(0).path();

        assertRejected(() -> hk.revokeLeaf(HK_ISSUER, root, leaf, batch.proof(1)), "LeafNotInRoot");
        assertRejected(() -> hk.revokeLeaf(HK_ISSUER, root, leaf, new MerkleProof(1, 5, path)), "LeafNotInRoot");
        assertRejected(() -> hk.revokeLeaf(HK_ISSUER, root, leaf, new MerkleProof(0, 5, path.subList(0, path.size() - 1))),
                "LeafNotInRoot");
        assertRejected(() -> hk.revokeLeaf(HK_ISSUER, otherBatch.root(), leaf, batch.proof(0)), "LeafNotInRoot");
        assertRejected(() -> hk.revokeLeaf(HK_ISSUER, root, MerkleTree.leafHash(randomHash()), batch.proof(0)),
                "LeafNotInRoot");

        RegistryState state = hk.finalState();
        assertThat(IntStream.range(0, batch.size()).mapToObj(i -> state.leafRevokedAt(HK_ISSUER, root, batch.leaf(i))))
                .containsOnly(Optional.empty());
        assertThat(state.leafRevokedAt(HK_ISSUER, otherBatch.root(), leaf)).isEmpty();
        // the same leaf with its own proof is in the root: the refusals were about the proofs
        hk.revokeLeaf(HK_ISSUER, root, leaf, batch.proof(0));
        assertThat(hk.finalState().leafRevokedAt(HK_ISSUER, root, leaf)).isPresent();
    }

    @Test
    void aValidProofRevokesExactlyThatLeafWithinThatRootAndOnlyOnce() {
        Batch batch = batchOf(7);
        hk.anchorRoot(HK_ISSUER, batch.root(), batch.size());
        Hash32 leaf = batch.leaf(5);

        ChainWrite revoked = hk.revokeLeaf(HK_ISSUER, batch.root(), leaf, batch.proof(5));

        RegistryState state = sz.finalState();
        assertThat(state.leafRevokedAt(HK_ISSUER, batch.root(), leaf)).contains(revoked.blockTime());
        assertThat(IntStream.range(0, batch.size()).filter(i -> i != 5)
                .mapToObj(i -> state.leafRevokedAt(HK_ISSUER, batch.root(), batch.leaf(i))))
                .containsOnly(Optional.empty());
        assertThat(state.anchor(HK_ISSUER, batch.root()))
                .hasValueSatisfying(anchor -> assertThat(anchor.revokedAt()).isEmpty());

        assertRejected(() -> hk.revokeLeaf(HK_ISSUER, batch.root(), leaf, batch.proof(5)), "LeafAlreadyRevoked");
        assertThat(sz.finalState().leafRevokedAt(HK_ISSUER, batch.root(), leaf)).contains(revoked.blockTime());
    }

    @Test
    void theOnlyLeafOfABatchOfOneIsRevokedWithAnEmptyProof() {
        Hash32 leaf = MerkleTree.leafHash(randomHash());
        hk.anchorRoot(HK_ISSUER, leaf, 1);

        ChainWrite revoked = hk.revokeLeaf(HK_ISSUER, leaf, leaf, new MerkleProof(0, 1, List.of()));

        assertThat(sz.finalState().leafRevokedAt(HK_ISSUER, leaf, leaf)).contains(revoked.blockTime());
    }

    // ---------------------------------------------------------------- roots

    @Test
    void onlyTheAnchoringJurisdictionRevokesARootAndOnlyOnce() {
        Hash32 root = randomHash();
        ChainWrite anchored = hk.anchorRoot(HK_ISSUER, root, 2);
        AnchorOnChain standing = new AnchorOnChain(HK_ISSUER, DevAccounts.hkOperator().address(),
                anchored.blockTime(), 2, Optional.empty());

        assertRejected(() -> sz.revokeRoot(HK_ISSUER, root), "ForeignJurisdiction");
        assertRejected(() -> sz.revokeRoot(SZ_ISSUER, root), "UnknownRoot");
        assertRejected(() -> outsider.revokeRoot(HK_ISSUER, root), "NotAnOperator");
        assertThat(sz.finalState().anchor(HK_ISSUER, root)).contains(standing);

        ChainWrite revoked = hk.revokeRoot(HK_ISSUER, root);

        AnchorOnChain revokedAnchor = new AnchorOnChain(HK_ISSUER, DevAccounts.hkOperator().address(),
                anchored.blockTime(), 2, Optional.of(revoked.blockTime()));
        assertThat(sz.finalState().anchor(HK_ISSUER, root)).contains(revokedAnchor);
        assertRejected(() -> hk.revokeRoot(HK_ISSUER, root), "RootAlreadyRevoked");
        assertThat(sz.finalState().anchor(HK_ISSUER, root)).contains(revokedAnchor);
    }

    @Test
    void hongKongCannotRevokeAShenzhenRootAndNobodyRevokesAnUnknownOne() {
        Hash32 root = randomHash();
        sz.anchorRoot(SZ_ISSUER, root, 1);
        Hash32 unknown = randomHash();

        assertRejected(() -> hk.revokeRoot(SZ_ISSUER, root), "ForeignJurisdiction");
        assertRejected(() -> hk.revokeRoot(HK_ISSUER, root), "UnknownRoot");
        assertRejected(() -> hk.revokeRoot(HK_ISSUER, unknown), "UnknownRoot");
        assertRejected(() -> hk.revokeLeaf(HK_ISSUER, unknown, unknown, new MerkleProof(0, 1, List.of())), "UnknownRoot");

        RegistryState state = sz.finalState();
        assertThat(state.anchor(SZ_ISSUER, root)).hasValueSatisfying(anchor -> assertThat(anchor.revokedAt()).isEmpty());
        assertThat(state.anchor(HK_ISSUER, root)).isEmpty();
        assertThat(state.anchor(HK_ISSUER, unknown)).isEmpty();
        assertThat(state.leafRevokedAt(HK_ISSUER, unknown, unknown)).isEmpty();
    }

    // ---------------------------------------------------------------- suspension

    @Test
    void aSuspendedIssuerCannotAnchorOrTakeConsentsButWhatItDidCanStillBeRevoked() {
        Hash32 issuer = registerHongKongIssuer();
        Batch batch = batchOf(3);
        hk.anchorRoot(issuer, batch.root(), batch.size());
        Hash32 consented = randomHash();
        hk.recordConsent(consented, issuer, BANK, inThirtyDays());
        hk.setIssuerActive(issuer, false);
        Hash32 laterRoot = randomHash();
        Hash32 laterConsent = randomHash();

        assertRejected(() -> hk.anchorRoot(issuer, laterRoot, 1), "IssuerSuspended");
        assertRejected(() -> hk.recordConsent(laterConsent, issuer, BANK, inThirtyDays()), "IssuerSuspended");
        assertThat(hk.finalState().anchor(issuer, laterRoot)).isEmpty();
        assertThat(hk.finalState().consent(laterConsent)).isEmpty();

        ChainWrite leafRevoked = hk.revokeLeaf(issuer, batch.root(), batch.leaf(1), batch.proof(1));
        ChainWrite rootRevoked = hk.revokeRoot(issuer, batch.root());
        hk.revokeConsent(consented);

        RegistryState state = sz.finalState();
        assertThat(state.leafRevokedAt(issuer, batch.root(), batch.leaf(1))).contains(leafRevoked.blockTime());
        assertThat(state.anchor(issuer, batch.root())).hasValueSatisfying(
                anchor -> assertThat(anchor.revokedAt()).contains(rootRevoked.blockTime()));
        assertThat(state.consent(consented)).hasValueSatisfying(
                consent -> assertThat(consent.status()).isEqualTo(ConsentOnChain.Status.REVOKED));

        hk.setIssuerActive(issuer, true);
        hk.anchorRoot(issuer, laterRoot, 1);
        hk.recordConsent(laterConsent, issuer, BANK, inThirtyDays());

        assertThat(sz.finalState().anchor(issuer, laterRoot)).isPresent();
        assertThat(sz.finalState().consent(laterConsent)).hasValueSatisfying(
                consent -> assertThat(consent.status()).isEqualTo(ConsentOnChain.Status.AUTHORISED));
    }

    @Test
    void aSuspendedVerifierTakesNoNewConsentsButItsAccessesAreStillRecorded() {
        InstitutionId verifierId = randomInstitution("cn");
        Hash32 verifier = verifierId.key();
        sz.registerVerifier(verifierId);
        Hash32 earlier = randomHash();
        hk.recordConsent(earlier, HK_ISSUER, verifier, inThirtyDays());
        sz.setVerifierActive(verifier, false);
        Hash32 later = randomHash();
        Hash32 forNobody = randomHash();
        Hash32 unregistered = randomInstitution("cn").key();

        assertRejected(() -> hk.recordConsent(later, HK_ISSUER, verifier, inThirtyDays()), "VerifierSuspended");
        assertRejected(() -> hk.recordConsent(forNobody, HK_ISSUER, unregistered, inThirtyDays()), "UnknownVerifier");
        assertRejected(() -> hk.setVerifierActive(verifier, true), "ForeignJurisdiction");
        assertThat(hk.finalState().consent(later)).isEmpty();
        assertThat(hk.finalState().consent(forNobody)).isEmpty();
        assertThat(hk.finalState().verifier(verifier)).contains(new InstitutionOnChain("SZ", false));

        // deliberate: the resident's log of who used the consent stays complete
        Hash32 receipt = randomHash();
        sz.recordAccess(earlier, verifier, receipt, false);
        assertThat(hk.accesses(earlier)).extracting(AccessOnChain::receipt).containsExactly(receipt);

        sz.setVerifierActive(verifier, true);
        hk.recordConsent(later, HK_ISSUER, verifier, inThirtyDays());
        assertThat(hk.finalState().consent(later)).isPresent();
    }

    // ---------------------------------------------------------------- accesses

    @Test
    void aReceiptIsRecordedOnce() {
        Hash32 commitment = consentForTheBank();
        Hash32 otherCommitment = consentForTheBank();
        Hash32 receipt = randomHash();

        ChainWrite recorded = sz.recordAccess(commitment, BANK, receipt, true);

        assertRejected(() -> sz.recordAccess(commitment, BANK, receipt, true), "AccessAlreadyRecorded");
        assertRejected(() -> sz.recordAccess(commitment, BANK, receipt, false), "AccessAlreadyRecorded");
        assertRejected(() -> sz.recordAccess(otherCommitment, BANK, receipt, true), "AccessAlreadyRecorded");
        assertThat(hk.accesses(commitment)).containsExactly(
                new AccessOnChain(BANK, receipt, true, recorded.blockTime(), recorded.txHash()));
        assertThat(hk.accesses(otherCommitment)).isEmpty();
    }

    @Test
    void aBatchSentTwiceRecordsEachReceiptOnce() {
        Hash32 first = consentForTheBank();
        Hash32 second = consentForTheBank();
        Hash32 alone = randomHash();
        sz.recordAccess(first, BANK, alone, true);
        List<AccessRecord> batch = List.of(new AccessRecord(first, BANK, randomHash(), true),
                new AccessRecord(second, BANK, randomHash(), false), new AccessRecord(first, BANK, alone, true));

        sz.recordAccesses(batch);
        sz.recordAccesses(batch);

        assertThat(hk.accesses(first)).extracting(AccessOnChain::receipt)
                .containsExactly(alone, batch.get(0).receipt());
        assertThat(hk.accesses(second)).extracting(AccessOnChain::receipt).containsExactly(batch.get(1).receipt());

        Hash32 fresh = randomHash();
        sz.recordAccesses(List.of(batch.get(0), new AccessRecord(first, BANK, fresh, false)));

        assertThat(hk.accesses(first)).extracting(AccessOnChain::receipt)
                .containsExactly(alone, batch.get(0).receipt(), fresh);
    }

    @Test
    void onlyTheVerifiersJurisdictionRecordsItsAccesses() {
        Hash32 commitment = consentForTheBank();
        Hash32 receipt = randomHash();
        Hash32 hongKongsCommitment = randomHash();
        hk.recordConsent(hongKongsCommitment, HK_ISSUER, HK_BANK, inThirtyDays());

        assertRejected(() -> hk.recordAccess(commitment, BANK, receipt, true), "ForeignJurisdiction");
        assertRejected(() -> hk.recordAccesses(List.of(new AccessRecord(commitment, BANK, receipt, true))),
                "ForeignJurisdiction");
        assertRejected(() -> sz.recordAccess(hongKongsCommitment, HK_BANK, receipt, true), "ForeignJurisdiction");
        assertRejected(() -> outsider.recordAccess(commitment, BANK, receipt, true), "NotAnOperator");
        assertRejected(() -> outsider.recordAccesses(List.of(new AccessRecord(commitment, BANK, receipt, true))),
                "NotAnOperator");
        assertThat(hk.accesses(commitment)).isEmpty();
        assertThat(hk.accesses(hongKongsCommitment)).isEmpty();

        // the refused attempts did not use the receipt up
        sz.recordAccess(commitment, BANK, receipt, true);
        assertThat(hk.accesses(commitment)).extracting(AccessOnChain::receipt).containsExactly(receipt);
    }

    // ---------------------------------------------------------------- front-running

    @Test
    void szAnchoringAHongKongRootFirstUnderItsOwnIssuerLeavesHongKongsAnchorItsOwn() {
        Batch batch = batchOf(3);
        // the root Hong Kong is about to anchor, seen in the pool, anchored first for Shenzhen's issuer
        ChainWrite squatted = sz.anchorRoot(SZ_ISSUER, batch.root(), batch.size());

        ChainWrite anchored = hk.anchorRoot(HK_ISSUER, batch.root(), batch.size());

        AnchorOnChain hongKongs = new AnchorOnChain(HK_ISSUER, DevAccounts.hkOperator().address(),
                anchored.blockTime(), batch.size(), Optional.empty());
        AnchorOnChain shenzhens = new AnchorOnChain(SZ_ISSUER, DevAccounts.szOperator().address(),
                squatted.blockTime(), batch.size(), Optional.empty());
        assertThat(sz.finalState().anchor(HK_ISSUER, batch.root())).contains(hongKongs);
        assertThat(hk.finalState().anchor(SZ_ISSUER, batch.root())).contains(shenzhens);
        assertThat(hk.anchorWrite(HK_ISSUER, batch.root())).contains(anchored);
        assertRejected(() -> hk.anchorRoot(HK_ISSUER, batch.root(), batch.size()), "RootAlreadyAnchored");

        // Shenzhen revoking within its anchor of the root touches nothing of Hong Kong's, and back
        ChainWrite szLeaf = sz.revokeLeaf(SZ_ISSUER, batch.root(), batch.leaf(1), batch.proof(1));
        ChainWrite szRoot = sz.revokeRoot(SZ_ISSUER, batch.root());
        assertRejected(() -> sz.revokeRoot(HK_ISSUER, batch.root()), "ForeignJurisdiction");
        RegistryState afterShenzhen = hk.finalState();
        assertThat(afterShenzhen.anchor(HK_ISSUER, batch.root())).contains(hongKongs);
        assertThat(afterShenzhen.leafRevokedAt(HK_ISSUER, batch.root(), batch.leaf(1))).isEmpty();
        assertThat(afterShenzhen.leafRevokedAt(SZ_ISSUER, batch.root(), batch.leaf(1))).contains(szLeaf.blockTime());

        ChainWrite hkLeaf = hk.revokeLeaf(HK_ISSUER, batch.root(), batch.leaf(0), batch.proof(0));
        ChainWrite hkRoot = hk.revokeRoot(HK_ISSUER, batch.root());
        RegistryState afterBoth = sz.finalState();
        assertThat(afterBoth.leafRevokedAt(SZ_ISSUER, batch.root(), batch.leaf(0))).isEmpty();
        assertThat(afterBoth.leafRevokedAt(HK_ISSUER, batch.root(), batch.leaf(0))).contains(hkLeaf.blockTime());
        assertThat(afterBoth.anchor(HK_ISSUER, batch.root())).hasValueSatisfying(
                anchor -> assertThat(anchor.revokedAt()).contains(hkRoot.blockTime()));
        assertThat(afterBoth.anchor(SZ_ISSUER, batch.root())).hasValueSatisfying(
                anchor -> assertThat(anchor.revokedAt()).contains(szRoot.blockTime()));
    }

    @Test
    void aHongKongAnchorOvertakenInThePoolBySzAnchoringTheSameRootIsStillMinedForHongKong() throws Exception {
        Hash32 root = randomHash();

        Overtaken race = overtake(() -> hk.anchorRoot(HK_ISSUER, root, 2),
                registry.anchorRootCall(SZ_ISSUER, root, 1));

        ChainWrite anchored = race.honest();
        assertThat(sz.finalState().anchor(HK_ISSUER, root)).contains(new AnchorOnChain(HK_ISSUER,
                DevAccounts.hkOperator().address(), anchored.blockTime(), 2, Optional.empty()));
        assertThat(hk.finalState().anchor(SZ_ISSUER, root)).hasValueSatisfying(
                anchor -> assertThat(anchor.operator()).isEqualTo(DevAccounts.szOperator().address()));
        assertThat(sz.anchorWrite(HK_ISSUER, root)).contains(anchored);
    }

    @Test
    void szRecordingAHongKongBanksReceiptFirstUnderItsOwnBankLeavesHongKongsAccessToRecord() {
        Hash32 commitment = consentForTheHongKongBank();
        Hash32 receipt = randomHash();
        // the receipt of Hong Kong's pending access, seen in the pool, recorded first for Shenzhen's bank
        assertRejected(() -> sz.recordAccess(commitment, BANK, receipt, true), "NotTheConsentsVerifier");
        ChainWrite squatted = sz.recordAccess(commitment, BANK, receipt, false);

        ChainWrite recorded = hk.recordAccess(commitment, HK_BANK, receipt, true);

        assertThat(hk.accesses(commitment)).containsExactly(
                new AccessOnChain(BANK, receipt, false, squatted.blockTime(), squatted.txHash()),
                new AccessOnChain(HK_BANK, receipt, true, recorded.blockTime(), recorded.txHash()));
        assertThat(registry.accessRecorded(HK_BANK, receipt)).isTrue();
        assertThat(registry.accessRecorded(BANK, receipt)).isTrue();
        assertThat(registry.accessRecorded(randomInstitution("hk").key(), receipt)).isFalse();
        // each verifier's receipt is still recorded once
        assertRejected(() -> hk.recordAccess(commitment, HK_BANK, receipt, true), "AccessAlreadyRecorded");
        assertRejected(() -> sz.recordAccess(commitment, BANK, receipt, false), "AccessAlreadyRecorded");
        hk.recordAccesses(List.of(new AccessRecord(commitment, HK_BANK, receipt, true)));
        assertThat(hk.accesses(commitment)).hasSize(2);
    }

    @Test
    void aHongKongAccessOvertakenInThePoolBySzRecordingTheSameReceiptIsStillRecorded() throws Exception {
        Hash32 commitment = consentForTheHongKongBank();
        Hash32 receipt = randomHash();

        Overtaken race = overtake(() -> hk.recordAccess(commitment, HK_BANK, receipt, true),
                registry.recordAccessCall(commitment, BANK, receipt, false));

        ChainWrite recorded = race.honest();
        assertThat(hk.accesses(commitment)).containsExactly(
                new AccessOnChain(BANK, receipt, false, recorded.blockTime(), race.attack().getTransactionHash()),
                new AccessOnChain(HK_BANK, receipt, true, recorded.blockTime(), recorded.txHash()));
    }

    // ---------------------------------------------------------------- flooding

    @Test
    void aConsentTakesAtMostAThousandAccessesOfTheVerifierItNames() {
        assertThat(registry.accessLimits()).containsExactly(1000, 100);
        Hash32 commitment = consentForTheBank();
        List<Hash32> receipts = IntStream.range(0, 1000).mapToObj(i -> randomHash()).toList();
        for (int from = 0; from < 1000; from += 250) {
            sz.recordAccesses(named(commitment, receipts.subList(from, from + 250)));
        }
        Hash32 oneMore = randomHash();
        Hash32 anotherBanks = randomHash();

        assertRejected(() -> sz.recordAccess(commitment, BANK, oneMore, true), "AccessLimitReached");
        // all or nothing: the other bank's access in the same batch is not recorded either
        assertRejected(() -> sz.recordAccesses(List.of(new AccessRecord(commitment, otherShenzhenBank(), anotherBanks, false),
                new AccessRecord(commitment, BANK, oneMore, true))), "AccessLimitReached");
        assertThat(registry.accessRecorded(BANK, oneMore)).isFalse();
        assertThat(hk.accesses(commitment)).extracting(AccessOnChain::receipt).isEqualTo(receipts);

        // at the limit, a batch sent again still goes through: what it holds is recorded already
        assertRejected(() -> sz.recordAccess(commitment, BANK, receipts.get(999), true), "AccessAlreadyRecorded");
        sz.recordAccesses(named(commitment, receipts.subList(750, 1000)));
        assertThat(hk.accesses(commitment, 0, 1).total()).isEqualTo(1000);
        // the other verifiers' allowance is apart
        sz.recordAccess(commitment, otherShenzhenBank(), anotherBanks, false);
        assertThat(hk.accesses(commitment, 0, 1).total()).isEqualTo(1001);
    }

    @Test
    void anotherVerifiersAccessIsNeverVerifiedAndAllOthersTogetherTakeAtMostAHundred() {
        Hash32 commitment = consentForTheBank();
        Hash32 otherBank = otherShenzhenBank();

        assertRejected(() -> sz.recordAccess(commitment, otherBank, randomHash(), true), "NotTheConsentsVerifier");
        assertRejected(() -> hk.recordAccess(commitment, HK_BANK, randomHash(), true), "NotTheConsentsVerifier");
        assertRejected(() -> sz.recordAccesses(List.of(new AccessRecord(commitment, BANK, randomHash(), true),
                new AccessRecord(commitment, otherBank, randomHash(), true))), "NotTheConsentsVerifier");
        assertThat(hk.accesses(commitment)).isEmpty();

        // both sides' other banks share the allowance
        sz.recordAccesses(IntStream.range(0, 60).mapToObj(i -> new AccessRecord(commitment, otherBank, randomHash(), false))
                .toList());
        hk.recordAccesses(IntStream.range(0, 40).mapToObj(i -> new AccessRecord(commitment, HK_BANK, randomHash(), false))
                .toList());
        assertRejected(() -> sz.recordAccess(commitment, otherBank, randomHash(), false), "AccessLimitReached");
        assertRejected(() -> hk.recordAccess(commitment, HK_BANK, randomHash(), false), "AccessLimitReached");

        List<AccessOnChain> accesses = hk.accesses(commitment);
        assertThat(accesses).hasSize(100).extracting(AccessOnChain::verified).containsOnly(false);
        assertThat(accesses).filteredOn(a -> a.verifier().equals(HK_BANK)).hasSize(40);
        // the named bank's own accesses are apart
        sz.recordAccess(commitment, BANK, randomHash(), true);
        assertThat(hk.accesses(commitment)).hasSize(101);
    }

    // ---------------------------------------------------------------- operators

    @Test
    void anAccountThatIsNoOperatorCanWriteNothing() {
        Batch batch = batchOf(2);
        hk.anchorRoot(HK_ISSUER, batch.root(), batch.size());
        Hash32 commitment = consentForTheBank();
        InstitutionId rogue = new InstitutionId("hk.rogue");
        InstitutionId rogueBank = new InstitutionId("cn.rogue-bank");
        Hash32 rogueRoot = randomHash();
        Hash32 rogueConsent = randomHash();
        Hash32 receipt = randomHash();

        assertRejected(() -> outsider.registerIssuer(rogue), "NotAnOperator");
        assertRejected(() -> outsider.registerVerifier(rogueBank), "NotAnOperator");
        assertRejected(() -> outsider.setIssuerActive(HK_ISSUER, false), "NotAnOperator");
        assertRejected(() -> outsider.setVerifierActive(BANK, false), "NotAnOperator");
        assertRejected(() -> outsider.anchorRoot(HK_ISSUER, rogueRoot, 1), "NotAnOperator");
        assertRejected(() -> outsider.revokeRoot(HK_ISSUER, batch.root()), "NotAnOperator");
        assertRejected(() -> outsider.revokeLeaf(HK_ISSUER, batch.root(), batch.leaf(0), batch.proof(0)), "NotAnOperator");
        assertRejected(() -> outsider.recordConsent(rogueConsent, HK_ISSUER, BANK, inThirtyDays()), "NotAnOperator");
        assertRejected(() -> outsider.revokeConsent(commitment), "NotAnOperator");
        assertRejected(() -> outsider.recordAccess(commitment, BANK, receipt, true), "NotAnOperator");
        assertRejected(() -> outsider.deactivateOperator(DevAccounts.hkOperator().address()), "NotAnOperator");

        RegistryState state = hk.finalState();
        assertThat(state.issuer(rogue.key())).isEmpty();
        assertThat(state.verifier(rogueBank.key())).isEmpty();
        assertThat(state.issuer(HK_ISSUER)).contains(new InstitutionOnChain("HK", true));
        assertThat(state.verifier(BANK)).contains(new InstitutionOnChain("SZ", true));
        assertThat(state.anchor(HK_ISSUER, rogueRoot)).isEmpty();
        assertThat(state.anchor(HK_ISSUER, batch.root()))
                .hasValueSatisfying(anchor -> assertThat(anchor.revokedAt()).isEmpty());
        assertThat(state.leafRevokedAt(HK_ISSUER, batch.root(), batch.leaf(0))).isEmpty();
        assertThat(state.consent(rogueConsent)).isEmpty();
        assertThat(state.consent(commitment)).hasValueSatisfying(
                consent -> assertThat(consent.status()).isEqualTo(ConsentOnChain.Status.AUTHORISED));
        assertThat(hk.accesses(commitment)).isEmpty();
        assertThat(state.operator(DevAccounts.hkOperator().address())).contains(new OperatorOnChain("HK", true));
        assertThat(state.operator(DevAccounts.outsider().address())).isEmpty();
    }

    @Test
    void anOperatorCutsOffAnotherKeyOfItsJurisdictionWhoseAnchorsStandButNotTheOtherSides() {
        String szOperator = DevAccounts.szOperator().address();
        try (Web3jRegistryChain second = registry.newOperator(DevRegistry.HK)) {
            String secondAccount = second.operatorAddress();
            Hash32 root = randomHash();
            ChainWrite anchored = second.anchorRoot(HK_ISSUER, root, 1);

            assertRejected(() -> hk.deactivateOperator(szOperator), "ForeignJurisdiction");
            assertRejected(() -> second.deactivateOperator(szOperator), "ForeignJurisdiction");
            assertRejected(() -> sz.deactivateOperator(secondAccount), "ForeignJurisdiction");
            assertThat(hk.finalState().operator(szOperator)).contains(new OperatorOnChain("SZ", true));
            assertThat(hk.finalState().operator(secondAccount)).contains(new OperatorOnChain("HK", true));

            hk.deactivateOperator(secondAccount);

            assertThat(hk.finalState().operator(secondAccount)).contains(new OperatorOnChain("HK", false));
            Hash32 laterRoot = randomHash();
            assertRejected(() -> second.anchorRoot(HK_ISSUER, laterRoot, 1), "NotAnOperator");
            assertRejected(() -> second.revokeRoot(HK_ISSUER, root), "NotAnOperator");
            assertRejected(() -> second.deactivateOperator(hk.operatorAddress()), "NotAnOperator");
            assertRejected(() -> hk.deactivateOperator(secondAccount), "NotAnOperator");
            RegistryState state = sz.finalState();
            assertThat(state.anchor(HK_ISSUER, laterRoot)).isEmpty();
            assertThat(state.anchor(HK_ISSUER, root)).contains(
                    new AnchorOnChain(HK_ISSUER, secondAccount, anchored.blockTime(), 1, Optional.empty()));
            assertThat(state.operator(hk.operatorAddress())).contains(new OperatorOnChain("HK", true));

            // what the cut-off key anchored stands until its own jurisdiction revokes it
            ChainWrite revoked = hk.revokeRoot(HK_ISSUER, root);
            assertThat(sz.finalState().anchor(HK_ISSUER, root)).hasValueSatisfying(
                    anchor -> assertThat(anchor.revokedAt()).contains(revoked.blockTime()));
        }
    }

    // ---------------------------------------------------------------- fixtures

    private static Hash32 registerHongKongIssuer() {
        InstitutionId issuer = randomInstitution("hk");
        hk.registerIssuer(issuer);
        return issuer.key();
    }

    /** A consent Hong Kong recorded for its issuer, to be checked by the Hong Kong bank. */
    private static Hash32 consentForTheHongKongBank() {
        Hash32 commitment = randomHash();
        hk.recordConsent(commitment, HK_ISSUER, HK_BANK, inThirtyDays());
        return commitment;
    }

    /** A new Shenzhen bank, which no consent names. */
    private static Hash32 otherShenzhenBank() {
        InstitutionId bank = randomInstitution("cn");
        sz.registerVerifier(bank);
        return bank.key();
    }

    private static List<AccessRecord> named(Hash32 commitment, List<Hash32> receipts) {
        return receipts.stream().map(receipt -> new AccessRecord(commitment, BANK, receipt, true)).toList();
    }

    /** The honest write, and the receipt of the attacker's transaction mined before it in the same block. */
    private record Overtaken(ChainWrite honest, TransactionReceipt attack) {
    }

    /**
     * Starts {@code honest} with automine off; once its transaction waits in the pool, the Shenzhen
     * operator sends {@code attack} at twice the gas price, and one block is mined with both. Asserts
     * that the attack went first and succeeded, and answers what the honest write returned.
     */
    private static Overtaken overtake(Callable<ChainWrite> honest, RegistryGovernance.Call attack) throws Exception {
        AnvilControl anvil = registry.anvil;
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Future<ChainWrite> honestWrite;
        String attackTx;
        anvil.automine(false);
        try {
            honestWrite = thread.submit(honest);
            anvil.awaitPendingTransactions(1);
            attackTx = registry.sendToPool(DevAccounts.szOperator(), attack, registry.gasPrice().multiply(BigInteger.TWO));
            anvil.awaitPendingTransactions(2);
            anvil.mine(1);
        } finally {
            anvil.automine(true);
            thread.shutdown();
        }
        ChainWrite result = honestWrite.get(30, TimeUnit.SECONDS);
        TransactionReceipt attacked = anvil.receipt(attackTx);
        TransactionReceipt honestReceipt = anvil.receipt(result.txHash());
        assertThat(attacked.isStatusOK()).as("the attack succeeded").isTrue();
        assertThat(attacked.getBlockNumber()).isEqualTo(honestReceipt.getBlockNumber());
        assertThat(attacked.getTransactionIndex()).as("the attack was mined first")
                .isLessThan(honestReceipt.getTransactionIndex());
        return new Overtaken(result, attacked);
    }

    /** A consent Hong Kong recorded for its issuer, to be checked by the Shenzhen bank. */
    private static Hash32 consentForTheBank() {
        Hash32 commitment = randomHash();
        hk.recordConsent(commitment, HK_ISSUER, BANK, inThirtyDays());
        return commitment;
    }

    private static Batch batchOf(int documents) {
        return Batch.of(IntStream.range(0, documents).mapToObj(i -> MerkleTree.leafHash(randomHash())).toList());
    }

    /** The leaf hashes of one anchored batch of documents, and their tree. */
    private record Batch(List<Hash32> leaves, MerkleTree tree) {

        static Batch of(List<Hash32> leaves) {
            return new Batch(List.copyOf(leaves), MerkleTree.of(leaves));
        }

        Hash32 root() {
            return tree.root();
        }

        int size() {
            return leaves.size();
        }

        Hash32 leaf(int index) {
            return leaves.get(index);
        }

        MerkleProof proof(int index) {
            return tree.proof(index);
        }
    }

    private static Instant inThirtyDays() {
        return Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
    }

    private static RegistryGovernance.Call registerIssuerCall(String namespace, Hash32 idHash) {
        return new RegistryGovernance.Call("registerIssuer", FunctionEncoder.encode(new Function("registerIssuer",
                List.of(new Bytes2(namespace.getBytes(StandardCharsets.US_ASCII)), new Bytes32(idHash.bytes())),
                List.of())));
    }
}
