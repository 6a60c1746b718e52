package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hashbridge.node.chain.TestRegistry.HK_ISSUER;
import static org.hashbridge.node.chain.TestRegistry.SZ_ISSUER;
import static org.hashbridge.node.chain.TestRegistry.randomHash;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The registry client against a real anvil: roles, rules, reads, concurrency and finality. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RegistryChainIT {

    private static TestRegistry registry;
    private static Web3jRegistryChain hk;
    private static Web3jRegistryChain sz;
    private static Web3jRegistryChain outsider;
    private static AnvilControl anvil;

    @BeforeAll
    static void deployRegistryWithAnOperatorPerJurisdiction() {
        registry = TestRegistry.start();
        hk = registry.hk;
        sz = registry.sz;
        outsider = registry.outsider;
        anvil = registry.anvil;
    }

    @AfterAll
    static void stopChain() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void governanceRegisteredEachOperatorForItsJurisdictionAndEachRegisteredItsIssuer() {
        assertThat(hk.finalState().operator(DevAccounts.hkOperator().address())).contains(new OperatorOnChain("HK", true));
        assertThat(hk.finalState().operator(DevAccounts.szOperator().address().toLowerCase())).contains(new OperatorOnChain("SZ", true));
        assertThat(hk.finalState().operator(DevAccounts.outsider().address())).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> hk.finalState().operator("not an address"));
        assertThat(sz.finalState().issuer(HK_ISSUER)).contains(new InstitutionOnChain("HK", true));
        assertThat(hk.finalState().issuer(SZ_ISSUER)).contains(new InstitutionOnChain("SZ", true));
        assertThat(hk.finalState().issuer(new InstitutionId("hk.nobody").key())).isEmpty();
        assertThat(hk.chainId()).isEqualTo(31337);
        assertThat(hk.operatorAddress()).isEqualTo("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    }

    @Test
    void homeOperatorAnchorsARootThatAnyNodeReadsBack() {
        Hash32 root = randomHash();

        ChainWrite write = hk.anchorRoot(HK_ISSUER, root, 3);

        assertThat(write.txHash()).startsWith("0x").hasSize(66);
        assertThat(sz.finalState().anchor(root)).contains(
                new AnchorOnChain(HK_ISSUER, DevAccounts.hkOperator().address(), write.blockTime(), 3));
        assertThat(hk.finalState().anchor(randomHash())).isEmpty();
    }

    @Test
    void aForeignOperatorCannotAnchorForAnIssuerAndNothingIsStored() {
        Hash32 root = randomHash();

        assertRejected(() -> sz.anchorRoot(HK_ISSUER, root, 1), "ForeignJurisdiction");
        assertThat(hk.finalState().anchor(root)).isEmpty();
    }

    @Test
    void anAccountThatIsNoOperatorCannotWrite() {
        assertRejected(() -> outsider.registerIssuer(new InstitutionId("hk.rogue").key()), "NotAnOperator");
        assertRejected(() -> outsider.anchorRoot(HK_ISSUER, randomHash(), 1), "NotAnOperator");
    }

    @Test
    void theRegistryRefusesDuplicatesAndUnknowns() {
        Hash32 root = randomHash();
        hk.anchorRoot(HK_ISSUER, root, 1);

        assertRejected(() -> hk.anchorRoot(HK_ISSUER, root, 1), "RootAlreadyAnchored");
        assertRejected(() -> hk.registerIssuer(HK_ISSUER), "IssuerAlreadyRegistered");
        assertRejected(() -> hk.anchorRoot(new InstitutionId("hk.unknown").key(), randomHash(), 1), "UnknownIssuer");
        assertRejected(() -> hk.anchorRoot(HK_ISSUER, randomHash(), 0), "InvalidArgument");
        assertRejected(() -> hk.revokeLeaf(randomHash(), randomHash()), "UnknownRoot");
    }

    @Test
    void onlyTheAnchoringJurisdictionRevokesALeaf() {
        Hash32 root = randomHash();
        Hash32 leaf = randomHash();
        hk.anchorRoot(HK_ISSUER, root, 2);

        assertRejected(() -> sz.revokeLeaf(root, leaf), "ForeignJurisdiction");
        assertThat(sz.finalState().leafRevokedAt(leaf)).isEmpty();

        ChainWrite revocation = hk.revokeLeaf(root, leaf);

        assertThat(sz.finalState().leafRevokedAt(leaf)).contains(revocation.blockTime());
        assertRejected(() -> hk.revokeLeaf(root, leaf), "LeafAlreadyRevoked");
    }

    @Test
    void consentIsRecordedThenRevokedByTheIssuersHomeOperator() {
        Hash32 commitment = randomHash();
        Instant validUntil = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);

        assertRejected(() -> hk.recordConsent(commitment, SZ_ISSUER, validUntil), "ForeignJurisdiction");
        ChainWrite recorded = hk.recordConsent(commitment, HK_ISSUER, validUntil);

        assertThat(sz.finalState().consent(commitment)).contains(new ConsentOnChain(HK_ISSUER,
                DevAccounts.hkOperator().address(), validUntil, recorded.blockTime(), ConsentOnChain.Status.AUTHORISED));
        assertRejected(() -> sz.revokeConsent(commitment), "ForeignJurisdiction");

        ChainWrite revoked = hk.revokeConsent(commitment);

        assertThat(sz.finalState().consent(commitment)).hasValueSatisfying(consent -> {
            assertThat(consent.status()).isEqualTo(ConsentOnChain.Status.REVOKED);
            assertThat(consent.updatedAt()).isEqualTo(revoked.blockTime());
        });
        assertRejected(() -> hk.revokeConsent(commitment), "ConsentNotAuthorised");
        assertRejected(() -> hk.recordConsent(commitment, HK_ISSUER, validUntil), "ConsentAlreadyRecorded");
        assertThat(sz.finalState().consent(randomHash())).isEmpty();
    }

    @Test
    void onlyAVerifiersOwnOperatorRecordsItsAccessesWhichAnyNodeReadsBack() {
        Hash32 bank = new InstitutionId("cn.abc-shenzhen").key();
        Hash32 commitment = randomHash();
        Hash32 receipt = randomHash();
        hk.recordConsent(commitment, HK_ISSUER, Instant.now().plus(Duration.ofDays(30)));

        assertRejected(() -> sz.recordAccess(commitment, bank, receipt, true), "UnknownVerifier");
        sz.registerVerifier(bank);
        assertRejected(() -> hk.registerVerifier(bank), "VerifierAlreadyRegistered");
        assertThat(hk.finalState().verifier(bank)).contains(new InstitutionOnChain("SZ", true));
        assertRejected(() -> hk.recordAccess(commitment, bank, receipt, true), "ForeignJurisdiction");
        assertRejected(() -> sz.recordAccess(randomHash(), bank, receipt, true), "UnknownConsent");

        ChainWrite access = sz.recordAccess(commitment, bank, receipt, true);

        assertThat(hk.accesses(commitment)).containsExactly(
                new AccessOnChain(bank, receipt, true, access.blockTime(), access.txHash()));
        assertThat(hk.accesses(randomHash())).isEmpty();
    }

    @Test
    void manyAccessesGoInOneTransactionAllOrNothing() {
        Hash32 bank = new InstitutionId("cn.batch-bank").key();
        sz.registerVerifier(bank);
        Hash32 first = randomHash();
        Hash32 second = randomHash();
        hk.recordConsent(first, HK_ISSUER, Instant.now().plus(Duration.ofDays(30)));
        hk.recordConsent(second, HK_ISSUER, Instant.now().plus(Duration.ofDays(30)));
        Hash32 neverRecorded = randomHash();

        assertRejected(() -> sz.recordAccesses(List.of(new AccessRecord(first, bank, randomHash(), true),
                new AccessRecord(neverRecorded, bank, randomHash(), true))), "UnknownConsent");
        assertThat(hk.accesses(first)).isEmpty();

        ChainWrite write = sz.recordAccesses(List.of(new AccessRecord(first, bank, randomHash(), true),
                new AccessRecord(second, bank, randomHash(), false), new AccessRecord(first, bank, randomHash(), false)));

        assertThat(hk.accesses(first)).extracting(AccessOnChain::txHash).containsExactly(write.txHash(), write.txHash());
        assertThat(hk.accesses(second)).singleElement().extracting(AccessOnChain::verified).isEqualTo(false);
    }

    @Test
    void theAnchoringTransactionIsFoundFromItsRoot() {
        Hash32 root = randomHash();
        ChainWrite anchored = hk.anchorRoot(HK_ISSUER, root, 3);

        assertThat(sz.anchorWrite(root)).contains(anchored);
        assertThat(sz.anchorWrite(randomHash())).isEmpty();
    }

    @Test
    void concurrentWritesFromOneAccountAllSucceedWithDistinctNonces() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<ChainWrite>> writes = new ArrayList<>();
        List<Hash32> roots = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Hash32 root = randomHash();
            roots.add(root);
            writes.add(threads.submit(() -> hk.anchorRoot(HK_ISSUER, root, 1)));
        }
        List<BigInteger> nonces = new ArrayList<>();
        for (Future<ChainWrite> write : writes) {
            nonces.add(anvil.nonceOf(write.get(30, TimeUnit.SECONDS).txHash()));
        }
        threads.shutdown();

        assertThat(nonces).doesNotHaveDuplicates();
        BigInteger first = nonces.stream().min(BigInteger::compareTo).orElseThrow();
        assertThat(nonces.stream().max(BigInteger::compareTo).orElseThrow()).isEqualTo(first.add(BigInteger.valueOf(19)));
        assertThat(roots).allSatisfy(root -> assertThat(sz.finalState().anchor(root)).isPresent());
    }

    @Test
    void readsWithConfirmationsSeeAWriteOnlyOnceEnoughBlocksFollowIt() throws Exception {
        try (Web3jRegistryChain finalAfterTwo = Web3jRegistryChain.connect(registry.hkSettings.withConfirmations(2))) {
            Hash32 root = randomHash();
            hk.anchorRoot(HK_ISSUER, root, 1);

            assertThat(hk.finalState().anchor(root)).isPresent();
            assertThat(finalAfterTwo.finalState().anchor(root)).isEmpty();
            anvil.mine(1);
            assertThat(finalAfterTwo.finalState().anchor(root)).isEmpty();
            anvil.mine(1);
            assertThat(finalAfterTwo.finalState().anchor(root)).isPresent();
        }
    }

    @Test
    void aWriteThatRevertsOnceMinedIsRejectedWithTheContractsError() throws Exception {
        Hash32 commitment = randomHash();
        long chainNow = anvil.latestBlockTime();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Future<ChainWrite> write;
        anvil.automine(false);
        try {
            // valid when simulated, expired by the time its block is mined
            write = thread.submit(() -> hk.recordConsent(commitment, HK_ISSUER, Instant.ofEpochSecond(chainNow + 60)));
            awaitPendingTransaction();
            anvil.nextBlockTimestamp(chainNow + 120);
            anvil.mine(1);
        } finally {
            anvil.automine(true);
            thread.shutdown();
        }

        assertThatThrownBy(() -> write.get(30, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(ChainRejected.class, rejected -> {
                    assertThat(rejected.error()).isEqualTo("InvalidArgument");
                    assertThat(rejected.txHash()).isPresent();
                });
        assertThat(hk.finalState().consent(commitment)).isEmpty();
    }

    private static void awaitPendingTransaction() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (anvil.pendingTransactions() == 0) {
            assertThat(System.nanoTime() - deadline).as("a transaction reached the pool").isNegative();
            Thread.sleep(20);
        }
    }

    private static void assertRejected(ThrowingCallable write, String error) {
        assertThatThrownBy(write).isInstanceOfSatisfying(ChainRejected.class,
                rejected -> assertThat(rejected.error()).isEqualTo(error));
    }
}
