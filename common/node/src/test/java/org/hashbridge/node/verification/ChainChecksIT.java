package org.hashbridge.node.verification;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.hashbridge.node.chain.AccountKey;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.ChainSettings;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.DevAccounts;
import org.hashbridge.node.chain.DevRegistry;
import org.hashbridge.node.chain.OperatorOnChain;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryGovernance;
import org.hashbridge.node.chain.TestRegistry;
import org.hashbridge.node.chain.Web3jRegistryChain;
import org.hashbridge.node.chain.follow.FollowSettings;
import org.hashbridge.node.chain.follow.TestDatabase;
import org.hashbridge.node.chain.follow.TestReadModel;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.CheckStatus;
import org.hashbridge.protocol.CheckType;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Digest;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.DocumentType;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.Leaf;
import org.hashbridge.protocol.MerkleProof;
import org.hashbridge.protocol.MerkleTree;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;
import org.hashbridge.protocol.Verdict;
import org.hashbridge.protocol.Voucher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * The six checks against the registry contract on a local chain: a Hong Kong credit report anchored by
 * the HK operator in a batch of three, a resident's consent for the Shenzhen bank recorded by the HK
 * operator, and the SZ node's read model following both. Each test breaks one thing, through the contract as an
 * operator (honest or not) would, and expects exactly the check that guards it to say so.
 */
class ChainChecksIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final byte[] HK_SUBJECT_KEY = "hk-node subject key, for tests only".getBytes(UTF_8);
    private static final InstitutionId TRANSUNION = TestRegistry.HK_ISSUER_ID;
    private static final InstitutionId OTHER_BUREAU = new InstitutionId("hk.other-bureau");
    private static final InstitutionId ABC_SHENZHEN = new InstitutionId("cn.abc-shenzhen");
    private static final InstitutionId FUSION_BANK = new InstitutionId("hk.fusion-bank");
    private static final DocumentType CREDIT_REPORT = new DocumentType("credit-report");
    /** Anvil's account 5, which governance admits as a second Hong Kong operator account. */
    private static final AccountKey SECOND_HK_OPERATOR = DevAccounts.spare();

    private static TestRegistry registry;
    private static TestDatabase database;
    private static TestReadModel readModel;
    private static ChainChecks checks;

    private final SubjectReference resident = SubjectReference.derive(HK_SUBJECT_KEY, "HK-A1234567");
    private final Digest report = DigestAlgorithm.SHA_256.digest(
            ("TransUnion HK credit report " + UUID.randomUUID()).getBytes(UTF_8));
    private Voucher voucher;
    private ConsentToken consent;

    @BeforeAll
    static void registryWithBothBanks() {
        registry = TestRegistry.start();
        registry.hk.registerIssuer(OTHER_BUREAU);
        registry.sz.registerVerifier(ABC_SHENZHEN);
        registry.hk.registerVerifier(FUSION_BANK);
        database = TestDatabase.start();
        readModel = TestReadModel.on(registry.sz, database.create(), TestReadModel.settings(0, 0)).start();
        checks = new ChainChecks(registry.sz, readModel.readModel());
    }

    @AfterAll
    static void stopChain() {
        readModel.close();
        database.close();
        registry.close();
    }

    @BeforeEach
    void anchoredReportAndRecordedConsent() {
        voucher = anchorInBatch(registry.hk, TRANSUNION, leaf(report, NOW.plus(Duration.ofDays(365))));
        consent = recorded(consent(ABC_SHENZHEN, TRANSUNION, CREDIT_REPORT, resident, NOW.plus(Duration.ofDays(30))));
    }

    @Test
    void everyCheckIsValidForAnAnchoredUnrevokedDocumentWithConsent() throws IOException {
        ChainChecks.Outcome outcome = checks.run(ABC_SHENZHEN, report, voucher, consent, NOW);

        assertThat(outcome.checks()).extracting(Check::type).containsExactly(CheckType.INTEGRITY, CheckType.ANCHOR,
                CheckType.STATUS, CheckType.VALIDITY, CheckType.ISSUER, CheckType.CONSENT);
        assertThat(outcome.checks()).extracting(Check::status).containsOnly(CheckStatus.VALID);
        assertThat(outcome.checks()).extracting(Check::code)
                .as("a version 1 consent of a resident without a key bound: collected by the home operator")
                .containsExactly("OK", "OK", "OK", "OK", "OK", "OPERATOR_ASSISTED");
        assertThat(Verdict.of(outcome.checks())).isEqualTo(Verdict.VERIFIED);
        // with no confirmations on anvil, the read model has followed the latest block, which holds the consent
        assertThat(outcome.block()).isEqualTo(registry.anvil.latestBlockNumber())
                .isGreaterThanOrEqualTo(voucher.chain().block());
    }

    @Test
    void anotherDocumentFailsIntegrity() {
        Digest altered = DigestAlgorithm.SHA_256.digest("TransUnion HK credit report, score 812".getBytes(UTF_8));

        assertOnlyInvalid(checks.run(ABC_SHENZHEN, altered, voucher, consent, NOW).checks(), CheckType.INTEGRITY, "DIGEST_MISMATCH");
    }

    @Test
    void theSameDigestBytesUnderAnotherAlgorithmFailIntegrity() {
        Digest sameBytesAsSm3 = new Digest(DigestAlgorithm.SM3, report.value());

        assertOnlyInvalid(checks.run(ABC_SHENZHEN, sameBytesAsSm3, voucher, consent, NOW).checks(), CheckType.INTEGRITY, "DIGEST_MISMATCH");
    }

    @Test
    void aVoucherNamingAnotherRegistryOrChainFailsAnchor() {
        Voucher.ChainLocation at = voucher.chain();
        // the governance Safe is a contract on this very chain, but not the registry
        Voucher otherRegistry = relocated(new Voucher.ChainLocation(at.chainId(), registry.deployment.governance(),
                at.transaction(), at.block()));
        Voucher otherChain = relocated(new Voucher.ChainLocation(1, at.registry(), at.transaction(), at.block()));

        assertOnlyInvalid(run(otherRegistry), CheckType.ANCHOR, "FOREIGN_REGISTRY");
        assertOnlyInvalid(run(otherChain), CheckType.ANCHOR, "FOREIGN_REGISTRY");
    }

    @Test
    void aRootThatWasNeverAnchoredFailsAnchor() {
        Leaf unanchored = leaf(report, NOW.plus(Duration.ofDays(365)));
        MerkleTree batch = MerkleTree.of(List.of(unanchored.hash(), TestRegistry.randomHash()));
        Voucher forged = Voucher.issue(UUID.randomUUID().toString(), unanchored, batch.proof(0), batch.root(), voucher.chain());

        assertOnlyInvalid(run(forged), CheckType.ANCHOR, "ROOT_NOT_ANCHORED");
    }

    @Test
    void aProofClaimingAnotherTreeSizeThanTheAnchoredBatchFailsAnchor() {
        Leaf first = leaf(report, NOW.plus(Duration.ofDays(365)));
        MerkleTree batch = MerkleTree.of(List.of(first.hash(), TestRegistry.randomHash(), TestRegistry.randomHash()));
        ChainWrite anchored = registry.hk.anchorRoot(TRANSUNION.key(), batch.root(), batch.size());
        // leaf 0 of three has the path shape of leaf 0 of four, so the path alone still reaches the root
        MerkleProof resized = new MerkleProof(0, 4, batch.proof(0).path());

        Voucher voucher = Voucher.issue(UUID.randomUUID().toString(), first, resized, batch.root(), location(anchored));

        assertOnlyInvalid(run(voucher), CheckType.ANCHOR, "TREE_SIZE_MISMATCH");
    }

    @Test
    void aRootAnchoredForAnotherIssuerOfTheSameJurisdictionFailsAnchor() {
        Leaf claimsTransUnion = leaf(report, NOW.plus(Duration.ofDays(365)));
        Voucher misattributed = anchorInBatch(registry.hk, OTHER_BUREAU, claimsTransUnion);

        // anchors are kept per issuer: TransUnion has no anchor of that root
        assertOnlyInvalid(run(misattributed), CheckType.ANCHOR, "ROOT_NOT_ANCHORED");
    }

    @Test
    void aRootTheShenzhenOperatorAnchoredForItsOwnIssuerFailsAnchorWhenPresentedAsHongKongs() {
        Leaf claimsTransUnion = leaf(report, NOW.plus(Duration.ofDays(365)));
        assertRejected(() -> registry.sz.anchorRoot(TRANSUNION.key(), TestRegistry.randomHash(), 1), "ForeignJurisdiction");

        // the closest the SZ operator can come: the leaf in a root of its own issuer
        Voucher misattributed = anchorInBatch(registry.sz, TestRegistry.SZ_ISSUER_ID, claimsTransUnion);

        assertOnlyInvalid(run(misattributed), CheckType.ANCHOR, "ROOT_NOT_ANCHORED");
    }

    @Test
    void aRootTheShenzhenOperatorAnchoredFirstUnderItsOwnIssuerDoesNotStopHongKongsDocument() {
        List<Leaf> leaves = List.of(randomLeaf(), leaf(report, NOW.plus(Duration.ofDays(365))), randomLeaf());
        MerkleTree batch = MerkleTree.of(leaves.stream().map(Leaf::hash).toList());
        // the root Hong Kong is about to anchor, seen in the pool and anchored first under Shenzhen's issuer
        ChainWrite squatted = registry.sz.anchorRoot(TestRegistry.SZ_ISSUER, batch.root(), batch.size());
        Voucher beforeHongKongAnchors = Voucher.issue(UUID.randomUUID().toString(), leaves.get(1), batch.proof(1),
                batch.root(), location(squatted));
        assertOnlyInvalid(run(beforeHongKongAnchors), CheckType.ANCHOR, "ROOT_NOT_ANCHORED");

        ChainWrite anchored = registry.hk.anchorRoot(TRANSUNION.key(), batch.root(), batch.size());
        Voucher genuine = Voucher.issue(UUID.randomUUID().toString(), leaves.get(1), batch.proof(1), batch.root(),
                location(anchored));

        List<Check> results = run(genuine);
        assertThat(results).extracting(Check::status).containsOnly(CheckStatus.VALID);
        assertThat(Verdict.of(results)).isEqualTo(Verdict.VERIFIED);
        // and Shenzhen revoking its own anchor of that root leaves Hong Kong's standing
        registry.sz.revokeLeaf(TestRegistry.SZ_ISSUER, batch.root(), leaves.get(1).hash(), batch.proof(1));
        registry.sz.revokeRoot(TestRegistry.SZ_ISSUER, batch.root());
        assertThat(Verdict.of(run(genuine))).isEqualTo(Verdict.VERIFIED);
    }

    @Test
    void anIssuerNoOperatorCouldRegisterFailsIssuerAndAnchor() {
        InstitutionId evil = new InstitutionId("hk.evil-credit");
        assertRejected(() -> registry.sz.registerIssuer(evil), "ForeignNamespace");
        assertRejected(() -> registry.sz.anchorRoot(evil.key(), TestRegistry.randomHash(), 1), "UnknownIssuer");
        Instant until = NOW.plus(Duration.ofDays(30));
        // what the SZ operator can do instead: anchor the leaf and record the consent under its own issuer
        Leaf fromEvil = new Leaf(report, Salt.random(), evil, CREDIT_REPORT, NOW.plus(Duration.ofDays(365)), resident);
        Voucher fromNowhere = anchorInBatch(registry.sz, TestRegistry.SZ_ISSUER_ID, fromEvil);
        ConsentToken forEvil = consent(ABC_SHENZHEN, evil, CREDIT_REPORT, resident, until);
        registry.sz.recordConsent(forEvil.commitment(), TestRegistry.SZ_ISSUER, ABC_SHENZHEN.key(), until);

        List<Check> results = checks.run(ABC_SHENZHEN, report, fromNowhere, forEvil, NOW).checks();

        assertThat(results).filteredOn(c -> c.status() != CheckStatus.VALID)
                .extracting(Check::type, Check::status, Check::code)
                .containsExactly(tuple(CheckType.ANCHOR, CheckStatus.INVALID, "ROOT_NOT_ANCHORED"),
                        tuple(CheckType.ISSUER, CheckStatus.INVALID, "ISSUER_UNKNOWN"),
                        tuple(CheckType.CONSENT, CheckStatus.INVALID, "CONSENT_SCOPE_MISMATCH"));
        assertThat(Verdict.of(results)).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void aLeafRevokedWithinItsRootFailsStatusWhileItsBatchNeighboursStayValid() {
        Leaf neighbour = leaf(DigestAlgorithm.SHA_256.digest("another report".getBytes(UTF_8)), NOW.plus(Duration.ofDays(365)));
        Leaf revokedLeaf = leaf(report, neighbour.validUntil());
        List<Voucher> batch = anchorBatch(registry.hk, TRANSUNION, List.of(revokedLeaf, neighbour, randomLeaf()));
        Voucher revoked = batch.get(0);

        registry.hk.revokeLeaf(TRANSUNION.key(), revoked.rootHash(), revoked.leafHash(), revoked.proof().toMerkleProof());

        assertOnlyInvalid(run(revoked), CheckType.STATUS, "DOCUMENT_REVOKED");
        List<Check> neighbourResults = checks.run(ABC_SHENZHEN, neighbour.digest(), batch.get(1), consent, NOW).checks();
        assertThat(Verdict.of(neighbourResults)).isEqualTo(Verdict.VERIFIED);
    }

    @Test
    void theSameLeafRevokedUnderAnotherRootStaysValidUnderItsOwn() {
        assertRejected(() -> registry.sz.revokeLeaf(TRANSUNION.key(), voucher.rootHash(), voucher.leafHash(),
                voucher.proof().toMerkleProof()), "ForeignJurisdiction");
        // the SZ operator copies the Hong Kong leaf into a batch of its own issuer, and revokes it there
        MerkleTree copy = MerkleTree.of(List.of(TestRegistry.randomHash(), voucher.leafHash(), TestRegistry.randomHash()));
        registry.sz.anchorRoot(TestRegistry.SZ_ISSUER, copy.root(), copy.size());
        registry.sz.revokeLeaf(TestRegistry.SZ_ISSUER, copy.root(), voucher.leafHash(), copy.proof(1));
        assertThat(registry.sz.finalState().leafRevokedAt(TestRegistry.SZ_ISSUER, copy.root(), voucher.leafHash()))
                .isPresent();

        List<Check> results = run();

        assertThat(check(results, CheckType.STATUS).status()).isEqualTo(CheckStatus.VALID);
        assertThat(Verdict.of(results)).isEqualTo(Verdict.VERIFIED);
    }

    @Test
    void aBatchRevokedByItsJurisdictionFailsStatus() {
        assertRejected(() -> registry.sz.revokeRoot(TRANSUNION.key(), voucher.rootHash()), "ForeignJurisdiction");

        registry.hk.revokeRoot(TRANSUNION.key(), voucher.rootHash());

        assertOnlyInvalid(run(), CheckType.STATUS, "BATCH_REVOKED");
    }

    @Test
    void aDocumentIsValidStrictlyBeforeItsValidUntil() {
        Instant until = NOW.plus(Duration.ofDays(7));
        Voucher shortLived = anchorInBatch(registry.hk, TRANSUNION, leaf(report, until));

        assertThat(Verdict.of(checks.run(ABC_SHENZHEN, report, shortLived, consent, until.minusSeconds(1)).checks()))
                .isEqualTo(Verdict.VERIFIED);
        assertOnlyInvalid(checks.run(ABC_SHENZHEN, report, shortLived, consent, until).checks(), CheckType.VALIDITY, "DOCUMENT_EXPIRED");
    }

    @Test
    void anIssuerSuspendedByItsHomeOperatorFailsIssuerUntilReinstated() {
        registry.hk.setIssuerActive(TRANSUNION.key(), false);
        try {
            assertOnlyInvalid(run(), CheckType.ISSUER, "ISSUER_INACTIVE");
        } finally {
            registry.hk.setIssuerActive(TRANSUNION.key(), true);
        }

        assertThat(Verdict.of(run())).isEqualTo(Verdict.VERIFIED);
    }

    @Test
    void aVerifierSuspendedByItsHomeOperatorFailsConsentUntilReinstated() {
        InstitutionId bank = new InstitutionId("cn.icbc-shenzhen");
        registry.sz.registerVerifier(bank);
        ConsentToken forBank = recorded(consent(bank, TRANSUNION, CREDIT_REPORT, resident, NOW.plus(Duration.ofDays(30))));
        assertRejected(() -> registry.hk.setVerifierActive(bank.key(), false), "ForeignJurisdiction");

        registry.sz.setVerifierActive(bank.key(), false);

        assertOnlyInvalid(checks.run(bank, report, voucher, forBank, NOW).checks(), CheckType.CONSENT, "VERIFIER_SUSPENDED");
        registry.sz.setVerifierActive(bank.key(), true);
        assertThat(Verdict.of(checks.run(bank, report, voucher, forBank, NOW).checks())).isEqualTo(Verdict.VERIFIED);
    }

    @Test
    void anotherBankPresentingTheConsentFailsConsent() {
        assertOnlyInvalid(checks.run(FUSION_BANK, report, voucher, consent, NOW).checks(), CheckType.CONSENT, "CONSENT_OTHER_VERIFIER");
    }

    @Test
    void aConsentRecordedOnChainForAnotherVerifierFailsConsent() {
        Instant until = NOW.plus(Duration.ofDays(30));
        // the token names the Shenzhen bank, but the chain holds its commitment for the Hong Kong one
        ConsentToken token = consent(ABC_SHENZHEN, TRANSUNION, CREDIT_REPORT, resident, until);
        registry.hk.recordConsent(token.commitment(), TRANSUNION.key(), FUSION_BANK.key(), until);

        assertOnlyInvalid(checks.run(ABC_SHENZHEN, report, voucher, token, NOW).checks(), CheckType.CONSENT, "CONSENT_OTHER_VERIFIER");
    }

    @Test
    void aConsentForAnotherIssuerDocumentTypeOrPersonFailsConsent() {
        SubjectReference someoneElse = SubjectReference.derive(HK_SUBJECT_KEY, "HK-B7654321");
        Instant until = NOW.plus(Duration.ofDays(30));
        List<ConsentToken> mismatched = List.of(
                consent(ABC_SHENZHEN, OTHER_BUREAU, CREDIT_REPORT, resident, until),
                consent(ABC_SHENZHEN, TRANSUNION, new DocumentType("bank-statement"), resident, until),
                consent(ABC_SHENZHEN, TRANSUNION, CREDIT_REPORT, someoneElse, until));

        for (ConsentToken token : mismatched) {
            recorded(token);
            assertOnlyInvalid(checks.run(ABC_SHENZHEN, report, voucher, token, NOW).checks(), CheckType.CONSENT, "CONSENT_SCOPE_MISMATCH");
        }
    }

    @Test
    void aConsentTheShenzhenOperatorRecordedUnderItsOwnIssuerFailsConsent() {
        Instant until = NOW.plus(Duration.ofDays(30));
        ConsentToken recordedInShenzhen = consent(ABC_SHENZHEN, TRANSUNION, CREDIT_REPORT, resident, until);
        assertRejected(() -> registry.sz.recordConsent(recordedInShenzhen.commitment(), TRANSUNION.key(),
                ABC_SHENZHEN.key(), until), "ForeignJurisdiction");

        registry.sz.recordConsent(recordedInShenzhen.commitment(), TestRegistry.SZ_ISSUER, ABC_SHENZHEN.key(), until);

        assertOnlyInvalid(checks.run(ABC_SHENZHEN, report, voucher, recordedInShenzhen, NOW).checks(), CheckType.CONSENT,
                "CONSENT_SCOPE_MISMATCH");
    }

    @Test
    void aConsentTokenNamingAnotherJurisdictionThanItsIssuersFailsConsent() {
        Instant until = NOW.plus(Duration.ofDays(30));
        // right issuer, verifier, type and person, recorded on chain by Hong Kong: only the home jurisdiction is wrong
        ConsentToken claimsShenzhen = ConsentToken.of(new ConsentRecord(ConsentRecord.VERSION_1, UUID.randomUUID().toString(),
                resident.hex(), TRANSUNION.value(), ABC_SHENZHEN.value(), CREDIT_REPORT.value(), "consumer loan application",
                NOW.getEpochSecond(), until.getEpochSecond(), "SZ"), Salt.random());
        recorded(claimsShenzhen);
        assertThat(registry.sz.finalState().issuer(TRANSUNION.key())).hasValueSatisfying(
                issuer -> assertThat(issuer.jurisdiction()).isEqualTo("HK"));

        assertOnlyInvalid(checks.run(ABC_SHENZHEN, report, voucher, claimsShenzhen, NOW).checks(), CheckType.CONSENT,
                "CONSENT_SCOPE_MISMATCH");
    }

    @Test
    void aConsentTokenWhoseCommitmentIsNotOnChainFailsConsent() {
        ConsentToken neverRecorded = consent(ABC_SHENZHEN, TRANSUNION, CREDIT_REPORT, resident, NOW.plus(Duration.ofDays(30)));

        assertOnlyInvalid(checks.run(ABC_SHENZHEN, report, voucher, neverRecorded, NOW).checks(), CheckType.CONSENT, "CONSENT_NOT_FOUND");
    }

    @Test
    void aConsentRevokedOnChainFailsConsent() {
        registry.hk.revokeConsent(consent.commitment());

        assertOnlyInvalid(run(), CheckType.CONSENT, "CONSENT_REVOKED");
    }

    @Test
    void aConsentHoldsStrictlyBeforeItsValidUntil() {
        Instant until = consent.record().validUntilInstant();

        assertThat(Verdict.of(checks.run(ABC_SHENZHEN, report, voucher, consent, until.minusSeconds(1)).checks()))
                .isEqualTo(Verdict.VERIFIED);
        assertOnlyInvalid(checks.run(ABC_SHENZHEN, report, voucher, consent, until).checks(), CheckType.CONSENT, "CONSENT_EXPIRED");
    }

    @Test
    void theTokensEndCountsEvenWhenTheChainRecordedALaterOne() {
        Instant tokenEnd = NOW.plus(Duration.ofDays(10));
        ConsentToken shortConsent = consent(ABC_SHENZHEN, TRANSUNION, CREDIT_REPORT, resident, tokenEnd);
        registry.hk.recordConsent(shortConsent.commitment(), TRANSUNION.key(), ABC_SHENZHEN.key(), NOW.plus(Duration.ofDays(300)));

        assertOnlyInvalid(checks.run(ABC_SHENZHEN, report, voucher, shortConsent, tokenEnd).checks(), CheckType.CONSENT, "CONSENT_EXPIRED");
    }

    @Test
    void whatAnOperatorAccountWroteBeforeItWasDeactivatedStillVerifies() {
        String rpcUrl = registry.chain.rpcUrl();
        String registryAddress = registry.deployment.registry();
        DevRegistry.enact(rpcUrl, registryAddress,
                RegistryGovernance.Call.registerOperator(SECOND_HK_OPERATOR.address(), DevRegistry.HK));
        Voucher anchoredBySecond;
        ConsentToken recordedBySecond;
        try (Web3jRegistryChain second = Web3jRegistryChain.connect(
                ChainSettings.anvil(rpcUrl, registryAddress, SECOND_HK_OPERATOR))) {
            anchoredBySecond = anchorInBatch(second, TRANSUNION, leaf(report, NOW.plus(Duration.ofDays(365))));
            recordedBySecond = consent(ABC_SHENZHEN, TRANSUNION, CREDIT_REPORT, resident, NOW.plus(Duration.ofDays(30)));
            second.recordConsent(recordedBySecond.commitment(), TRANSUNION.key(), ABC_SHENZHEN.key(),
                    recordedBySecond.record().validUntilInstant());

            DevRegistry.enact(rpcUrl, registryAddress, RegistryGovernance.Call.deactivateOperator(SECOND_HK_OPERATOR.address()));

            assertThat(registry.sz.finalState().operator(SECOND_HK_OPERATOR.address()))
                    .contains(new OperatorOnChain(DevRegistry.HK, false));
            assertRejected(() -> second.anchorRoot(TRANSUNION.key(), TestRegistry.randomHash(), 1), "NotAnOperator");
        }

        List<Check> results = checks.run(ABC_SHENZHEN, report, anchoredBySecond, recordedBySecond, NOW).checks();

        assertThat(results).extracting(Check::status).containsOnly(CheckStatus.VALID);
        assertThat(Verdict.of(results)).isEqualTo(Verdict.VERIFIED);
    }

    @Test
    void anUnreachableChainLeavesTheChainChecksUnmadeAndTheVerdictRejected() throws IOException {
        ChainChecks.Outcome outcome;
        try (Web3jRegistryChain down = unreachable(); TestReadModel unread = TestReadModel.on(down, database.create(),
                TestReadModel.settings(0, 1_000_000))) {
            outcome = new ChainChecks(down, unread.readModel()).run(ABC_SHENZHEN, report, voucher, consent, NOW);
        }
        List<Check> results = outcome.checks();

        assertThat(check(results, CheckType.INTEGRITY).status()).isEqualTo(CheckStatus.VALID);
        assertThat(check(results, CheckType.VALIDITY).status()).isEqualTo(CheckStatus.VALID);
        for (CheckType onChain : List.of(CheckType.ANCHOR, CheckType.STATUS, CheckType.ISSUER, CheckType.CONSENT)) {
            assertThat(check(results, onChain).status()).as(onChain.name()).isEqualTo(CheckStatus.UNAVAILABLE);
            assertThat(check(results, onChain).code()).as(onChain.name()).isEqualTo("CHAIN_UNAVAILABLE");
        }
        assertThat(Verdict.of(results)).isEqualTo(Verdict.REJECTED);
        assertThat(outcome.block()).isZero();
    }

    @Test
    void anUnreachableChainDoesNotHideABadDocument() throws IOException {
        Digest altered = DigestAlgorithm.SHA_256.digest("a forged report".getBytes(UTF_8));
        List<Check> results;
        try (Web3jRegistryChain down = unreachable(); TestReadModel unread = TestReadModel.on(down, database.create(),
                TestReadModel.settings(0, 0))) {
            results = new ChainChecks(down, unread.readModel()).run(ABC_SHENZHEN, altered, voucher, consent, NOW).checks();
        }

        assertThat(check(results, CheckType.INTEGRITY).code()).isEqualTo("DIGEST_MISMATCH");
        assertThat(Verdict.of(results)).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void aReadModelTooFarBehindTheChainWithholdsVerifiedWithItsOwnCode() throws IOException {
        try (TestReadModel stopped = TestReadModel.on(registry.sz, database.create(), behindAtMost(1))) {
            stopped.followToHead();
            registry.anvil.mine(2);

            ChainChecks.Outcome outcome = new ChainChecks(registry.sz, stopped.readModel()).run(ABC_SHENZHEN, report, voucher,
                    consent, NOW);

            assertThat(outcome.checks()).filteredOn(c -> c.status() != CheckStatus.VALID)
                    .extracting(Check::type, Check::status, Check::code)
                    .containsExactly(tuple(CheckType.ANCHOR, CheckStatus.UNAVAILABLE, "READ_MODEL_BEHIND"),
                            tuple(CheckType.STATUS, CheckStatus.UNAVAILABLE, "READ_MODEL_BEHIND"),
                            tuple(CheckType.ISSUER, CheckStatus.UNAVAILABLE, "READ_MODEL_BEHIND"),
                            tuple(CheckType.CONSENT, CheckStatus.UNAVAILABLE, "READ_MODEL_BEHIND"));
            assertThat(check(outcome.checks(), CheckType.STATUS).message()).contains("2 blocks behind");
            assertThat(Verdict.of(outcome.checks())).isEqualTo(Verdict.REJECTED);
            assertThat(outcome.block()).isZero();
        }
    }

    @Test
    void withinTheAllowedLagTheChecksAnswerAsOfTheReadModelsBlockWhichTheReceiptNames() {
        try (TestReadModel stopped = TestReadModel.on(registry.sz, database.create(), behindAtMost(1))) {
            stopped.followToHead();
            long followed = stopped.block();
            registry.hk.revokeLeaf(TRANSUNION.key(), voucher.rootHash(), voucher.leafHash(), voucher.proof().toMerkleProof());

            ChainChecks.Outcome behind = new ChainChecks(registry.sz, stopped.readModel()).run(ABC_SHENZHEN, report, voucher,
                    consent, NOW);
            stopped.followToHead();
            ChainChecks.Outcome caughtUp = new ChainChecks(registry.sz, stopped.readModel()).run(ABC_SHENZHEN, report, voucher,
                    consent, NOW);

            // one block behind is allowed here: the revocation in the block after is not seen, and the block is named
            assertThat(Verdict.of(behind.checks())).isEqualTo(Verdict.VERIFIED);
            assertThat(behind.block()).isEqualTo(followed);
            assertOnlyInvalid(caughtUp.checks(), CheckType.STATUS, "DOCUMENT_REVOKED");
            assertThat(caughtUp.block()).isEqualTo(followed + 1);
        }
    }

    @Test
    void aVerificationRightAfterAWriteWaitsForTheReadModelToFollowIt() {
        Voucher fresh = anchorInBatch(registry.hk, TRANSUNION, leaf(report, NOW.plus(Duration.ofDays(365))));
        ConsentToken justRecorded = recorded(consent(ABC_SHENZHEN, TRANSUNION, CREDIT_REPORT, resident, NOW.plus(Duration.ofDays(30))));

        assertThat(Verdict.of(checks.run(ABC_SHENZHEN, report, fresh, justRecorded, NOW).checks())).isEqualTo(Verdict.VERIFIED);
        registry.hk.revokeConsent(justRecorded.commitment());
        assertOnlyInvalid(checks.run(ABC_SHENZHEN, report, fresh, justRecorded, NOW).checks(), CheckType.CONSENT, "CONSENT_REVOKED");
    }

    @Test
    void aDatabaseThatFailsGivesNoVerdictAtAll() {
        HikariDataSource failing = database.create();
        try (TestReadModel broken = TestReadModel.on(registry.sz, failing, TestReadModel.settings(0, 0))) {
            failing.close();

            assertThatThrownBy(() -> new ChainChecks(registry.sz, broken.readModel()).run(ABC_SHENZHEN, report, voucher, consent, NOW))
                    .isInstanceOfAny(DataAccessException.class, TransactionException.class);
        }
    }

    private static FollowSettings behindAtMost(long blocks) {
        return new FollowSettings(0, 2000, Duration.ofHours(1), Duration.ofSeconds(10), blocks, Duration.ofMillis(300));
    }

    private List<Check> run() {
        return run(voucher);
    }

    private List<Check> run(Voucher presented) {
        return checks.run(ABC_SHENZHEN, report, presented, consent, NOW).checks();
    }

    private Leaf leaf(Digest digest, Instant validUntil) {
        return new Leaf(digest, Salt.random(), TRANSUNION, CREDIT_REPORT, validUntil, resident);
    }

    private Leaf randomLeaf() {
        return leaf(DigestAlgorithm.SHA_256.digest(UUID.randomUUID().toString().getBytes(UTF_8)),
                NOW.plus(Duration.ofDays(365)));
    }

    /** Anchors {@code mine} in the middle of a batch of three, as {@code operator}, and issues its voucher. */
    private Voucher anchorInBatch(RegistryChain operator, InstitutionId issuer, Leaf mine) {
        return anchorBatch(operator, issuer, List.of(randomLeaf(), mine, randomLeaf())).get(1);
    }

    /** Anchors the batch of {@code leaves} for {@code issuer} as {@code operator}: one voucher per leaf. */
    private static List<Voucher> anchorBatch(RegistryChain operator, InstitutionId issuer, List<Leaf> leaves) {
        MerkleTree batch = MerkleTree.of(leaves.stream().map(Leaf::hash).toList());
        ChainWrite anchored = operator.anchorRoot(issuer.key(), batch.root(), batch.size());
        List<Voucher> vouchers = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            vouchers.add(Voucher.issue(UUID.randomUUID().toString(), leaves.get(i), batch.proof(i), batch.root(),
                    location(anchored)));
        }
        return vouchers;
    }

    private static Voucher.ChainLocation location(ChainWrite write) {
        return new Voucher.ChainLocation(registry.sz.chainId(), registry.sz.registryAddress(), write.txHash(),
                write.blockNumber());
    }

    private Voucher relocated(Voucher.ChainLocation at) {
        return new Voucher(voucher.version(), voucher.anchorId(), voucher.issuer(), voucher.documentType(),
                voucher.validUntil(), voucher.subject(), voucher.algorithm(), voucher.salt(), voucher.leaf(),
                voucher.proof(), voucher.root(), at);
    }

    private static ConsentToken consent(InstitutionId verifier, InstitutionId issuer, DocumentType type,
                                        SubjectReference subject, Instant validUntil) {
        ConsentRecord record = new ConsentRecord(ConsentRecord.VERSION_1, UUID.randomUUID().toString(), subject.hex(),
                issuer.value(), verifier.value(), type.value(), "consumer loan application", NOW.getEpochSecond(),
                validUntil.getEpochSecond(), "HK");
        return ConsentToken.of(record, Salt.random());
    }

    /** Records {@code token} as the HK operator would: for TransUnion, for the verifier the token names. */
    private static ConsentToken recorded(ConsentToken token) {
        registry.hk.recordConsent(token.commitment(), TRANSUNION.key(), new InstitutionId(token.record().verifier()).key(),
                token.record().validUntilInstant());
        return token;
    }

    /** The SZ node's client for this registry, but at a port where no chain answers. */
    private static Web3jRegistryChain unreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        return Web3jRegistryChain.connect(new ChainSettings("http://127.0.0.1:" + closedPort,
                registry.sz.registryAddress(), DevAccounts.szOperator(), ChainSettings.ANVIL_CHAIN_ID, 0,
                Duration.ofMillis(50), Duration.ofSeconds(2)));
    }

    private static void assertRejected(ThrowingCallable write, String error) {
        assertThatThrownBy(write).isInstanceOfSatisfying(ChainRejected.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    private static Check check(List<Check> results, CheckType type) {
        return results.stream().filter(c -> c.type() == type).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " check in " + results));
    }

    /** The one check that guards what was broken is INVALID with {@code code}; every other check still passes. */
    private static void assertOnlyInvalid(List<Check> results, CheckType type, String code) {
        assertThat(results).filteredOn(c -> c.status() != CheckStatus.VALID).as("failing checks")
                .extracting(Check::type, Check::status, Check::code)
                .containsExactly(tuple(type, CheckStatus.INVALID, code));
        assertThat(Verdict.of(results)).isEqualTo(Verdict.REJECTED);
    }
}
