package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hashbridge.node.chain.TestRegistry.HK_ISSUER;
import static org.hashbridge.node.chain.TestRegistry.SZ_ISSUER;
import static org.hashbridge.node.chain.TestRegistry.assertRejected;
import static org.hashbridge.node.chain.TestRegistry.randomHash;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The registry client against a real anvil: what it writes reads back the same from any node, and
 * concurrency, finality and reverts behave as {@link RegistryChain} says. The rules the contract
 * enforces are attacked in {@link RegistryRulesIT} and {@link GovernanceIT}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RegistryChainIT {

    private static final InstitutionId BANK_ID = new InstitutionId("cn.abc-shenzhen");
    private static final Hash32 BANK = BANK_ID.key();

    private static TestRegistry registry;
    private static Web3jRegistryChain hk;
    private static Web3jRegistryChain sz;
    private static AnvilControl anvil;

    @BeforeAll
    static void deployRegistryWithAnOperatorPerJurisdictionAndABank() {
        registry = TestRegistry.start();
        hk = registry.hk;
        sz = registry.sz;
        anvil = registry.anvil;
        sz.registerVerifier(BANK_ID);
    }

    @AfterAll
    static void stopChain() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void readsTheRegistryAsGovernanceAndEachOperatorSetItUp() {
        RegistryState state = hk.finalState();

        assertThat(state.version()).isEqualTo(3);
        assertThat(state.namespace("HK")).contains("hk");
        assertThat(state.namespace("SZ")).contains("cn");
        assertThat(state.namespace("MO")).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> state.namespace("hk"));
        assertThat(state.operator(DevAccounts.hkOperator().address())).contains(new OperatorOnChain("HK", true));
        assertThat(state.operator(DevAccounts.szOperator().address().toLowerCase())).contains(new OperatorOnChain("SZ", true));
        assertThat(state.operator(DevAccounts.outsider().address())).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> state.operator("not an address"));
        assertThat(sz.finalState().issuer(HK_ISSUER)).contains(new InstitutionOnChain("HK", true));
        assertThat(state.issuer(SZ_ISSUER)).contains(new InstitutionOnChain("SZ", true));
        assertThat(state.issuer(new InstitutionId("hk.nobody").key())).isEmpty();
        assertThat(state.verifier(BANK)).contains(new InstitutionOnChain("SZ", true));
        assertThat(state.verifier(SZ_ISSUER)).as("an issuer is not a verifier").isEmpty();
        assertThat(hk.chainId()).isEqualTo(31337);
        assertThat(hk.operatorAddress()).isEqualTo("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        assertThat(hk.registryAddress()).isEqualTo(registry.deployment.registry());
    }

    @Test
    void anAnchoredRootReadsBackFromTheOtherNode() {
        Hash32 root = randomHash();

        ChainWrite write = hk.anchorRoot(HK_ISSUER, root, 3);

        assertThat(write.txHash()).startsWith("0x").hasSize(66);
        assertThat(sz.finalState().anchor(HK_ISSUER, root)).contains(new AnchorOnChain(
                HK_ISSUER, DevAccounts.hkOperator().address(), write.blockTime(), 3, Optional.empty()));
        assertThat(sz.finalState().anchor(HK_ISSUER, randomHash())).isEmpty();
        assertThat(sz.finalState().anchor(SZ_ISSUER, root)).as("anchored for Hong Kong's issuer only").isEmpty();
    }

    @Test
    void aConsentReadsBackFromTheOtherNodeOnceRecordedAndOnceRevoked() {
        Hash32 commitment = randomHash();
        Instant validUntil = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);

        ChainWrite recorded = hk.recordConsent(commitment, HK_ISSUER, BANK, validUntil);

        assertThat(sz.finalState().consent(commitment)).contains(new ConsentOnChain(HK_ISSUER, BANK,
                DevAccounts.hkOperator().address(), validUntil, recorded.blockTime(), ConsentOnChain.Status.AUTHORISED));

        ChainWrite revoked = hk.revokeConsent(commitment);

        assertThat(sz.finalState().consent(commitment)).contains(new ConsentOnChain(HK_ISSUER, BANK,
                DevAccounts.hkOperator().address(), validUntil, revoked.blockTime(), ConsentOnChain.Status.REVOKED));
        assertThat(sz.finalState().consent(randomHash())).isEmpty();
    }

    @Test
    void anAccessReadsBackFromTheConsentIssuersNode() {
        Hash32 commitment = randomHash();
        Hash32 receipt = randomHash();
        hk.recordConsent(commitment, HK_ISSUER, BANK, Instant.now().plus(Duration.ofDays(30)));

        ChainWrite access = sz.recordAccess(commitment, BANK, receipt, false);

        assertThat(hk.accesses(commitment)).containsExactly(
                new AccessOnChain(BANK, receipt, false, access.blockTime(), access.txHash()));
        assertThat(hk.accesses(randomHash())).isEmpty();
    }

    @Test
    void manyAccessesGoInOneTransactionAllOrNothing() {
        Hash32 first = randomHash();
        Hash32 second = randomHash();
        hk.recordConsent(first, HK_ISSUER, BANK, Instant.now().plus(Duration.ofDays(30)));
        hk.recordConsent(second, HK_ISSUER, BANK, Instant.now().plus(Duration.ofDays(30)));
        Hash32 neverRecorded = randomHash();

        assertRejected(() -> sz.recordAccesses(List.of(new AccessRecord(first, BANK, randomHash(), true),
                new AccessRecord(neverRecorded, BANK, randomHash(), true))), "UnknownConsent");
        assertThat(hk.accesses(first)).isEmpty();

        ChainWrite write = sz.recordAccesses(List.of(new AccessRecord(first, BANK, randomHash(), true),
                new AccessRecord(second, BANK, randomHash(), false), new AccessRecord(first, BANK, randomHash(), false)));

        assertThat(hk.accesses(first)).extracting(AccessOnChain::txHash).containsExactly(write.txHash(), write.txHash());
        assertThat(hk.accesses(first)).extracting(AccessOnChain::verified).containsExactly(true, false);
        assertThat(hk.accesses(second)).singleElement().extracting(AccessOnChain::verified).isEqualTo(false);
    }

    @Test
    void accessesAreReadAPageAtATimeWithTheirTotal() {
        Hash32 commitment = randomHash();
        hk.recordConsent(commitment, HK_ISSUER, BANK, Instant.now().plus(Duration.ofDays(30)));
        List<Hash32> receipts = java.util.stream.Stream.generate(TestRegistry::randomHash).limit(5).toList();
        sz.recordAccesses(receipts.subList(0, 3).stream().map(r -> new AccessRecord(commitment, BANK, r, true)).toList());
        sz.recordAccesses(receipts.subList(3, 5).stream().map(r -> new AccessRecord(commitment, BANK, r, false)).toList());

        AccessHistory middle = hk.accesses(commitment, 2, 2);
        AccessHistory pastTheEnd = hk.accesses(commitment, 5, 2);

        assertThat(middle.total()).isEqualTo(5);
        assertThat(middle.accesses()).extracting(AccessOnChain::receipt).containsExactly(receipts.get(2), receipts.get(3));
        assertThat(middle.accesses()).extracting(AccessOnChain::verified).containsExactly(true, false);
        assertThat(pastTheEnd.accesses()).isEmpty();
        assertThat(pastTheEnd.total()).isEqualTo(5);
        assertThatIllegalArgumentException().isThrownBy(() -> hk.accesses(commitment, -1, 2));
        assertThatIllegalArgumentException().isThrownBy(() -> hk.accesses(commitment, 0, 0));
    }

    @Test
    void theAnchoringTransactionIsFoundFromItsIssuerAndRoot() {
        Hash32 root = randomHash();
        ChainWrite anchored = hk.anchorRoot(HK_ISSUER, root, 3);

        assertThat(sz.anchorWrite(HK_ISSUER, root)).contains(anchored);
        assertThat(sz.anchorWrite(HK_ISSUER, randomHash())).isEmpty();
        assertThat(hk.anchorWrite(SZ_ISSUER, root)).isEmpty();

        // the same root anchored later for another issuer is another anchor, with its own transaction
        ChainWrite shenzhens = sz.anchorRoot(SZ_ISSUER, root, 1);

        assertThat(hk.anchorWrite(SZ_ISSUER, root)).contains(shenzhens);
        assertThat(hk.anchorWrite(HK_ISSUER, root)).contains(anchored);
    }

    @Test
    void aRefusedWriteIsRejectedBeforeSendingAndSpendsNoNonce() throws Exception {
        long before = nonceOf(hk);

        assertThatThrownBy(() -> hk.anchorRoot(SZ_ISSUER, randomHash(), 1))
                .isInstanceOfSatisfying(ChainRejected.class, rejected -> {
                    assertThat(rejected.error()).isEqualTo("ForeignJurisdiction");
                    assertThat(rejected.txHash()).isEmpty();
                });
        assertThat(nonceOf(hk)).isEqualTo(before);
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
        assertThat(roots).allSatisfy(root -> assertThat(sz.finalState().anchor(HK_ISSUER, root)).isPresent());
    }

    @Test
    void readsWithConfirmationsSeeAWriteOnlyOnceEnoughBlocksFollowIt() throws Exception {
        try (Web3jRegistryChain finalAfterTwo = Web3jRegistryChain.connect(registry.hkSettings.withConfirmations(2))) {
            Hash32 root = randomHash();
            hk.anchorRoot(HK_ISSUER, root, 1);

            assertThat(hk.finalState().anchor(HK_ISSUER, root)).isPresent();
            assertThat(finalAfterTwo.finalState().anchor(HK_ISSUER, root)).isEmpty();
            anvil.mine(1);
            assertThat(finalAfterTwo.finalState().anchor(HK_ISSUER, root)).isEmpty();
            anvil.mine(1);
            assertThat(finalAfterTwo.finalState().anchor(HK_ISSUER, root)).isPresent();
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
            write = thread.submit(() -> hk.recordConsent(commitment, HK_ISSUER, BANK, Instant.ofEpochSecond(chainNow + 60)));
            anvil.awaitPendingTransactions(1);
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

    private static long nonceOf(Web3jRegistryChain client) throws Exception {
        return anvil.transactionCount(client.operatorAddress());
    }
}
