package org.hashbridge.node.verification;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.DevAccounts;
import org.hashbridge.node.chain.InMemoryRegistryChain;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The six checks against a registry in memory: a Hong Kong credit report anchored by the HK operator in
 * a batch of three, a resident's consent for the Shenzhen bank recorded by the HK operator, and the SZ
 * node reading both. Each test breaks one thing and expects exactly the check that guards it to say so.
 */
class ChainChecksTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
    private static final byte[] HK_SUBJECT_KEY = "hk-node subject key, for unit tests only".getBytes(UTF_8);
    private static final InstitutionId TRANSUNION = new InstitutionId("hk.transunion");
    private static final InstitutionId BAIHANG = new InstitutionId("cn.baihang");
    private static final InstitutionId ABC_SHENZHEN = new InstitutionId("cn.abc-shenzhen");
    private static final InstitutionId FUSION_BANK = new InstitutionId("hk.fusion-bank");
    private static final DocumentType CREDIT_REPORT = new DocumentType("credit-report");
    private static final String HK_OPERATOR = DevAccounts.hkOperator().address();
    private static final String SZ_OPERATOR = DevAccounts.szOperator().address();
    /** A second account governance admits for Hong Kong, to be moved elsewhere later. */
    private static final String OTHER_HK_OPERATOR = DevAccounts.outsider().address();

    private final InMemoryRegistryChain hk = InMemoryRegistryChain.create(HK_OPERATOR, Clock.fixed(NOW, ZoneOffset.UTC));
    private final InMemoryRegistryChain sz = hk.as(SZ_OPERATOR);
    private final ChainChecks checks = new ChainChecks(sz);

    private final SubjectReference resident = SubjectReference.derive(HK_SUBJECT_KEY, "HK-A1234567");
    private final Digest report = DigestAlgorithm.SHA_256.digest("TransUnion HK credit report, score 712".getBytes(UTF_8));
    private final Leaf leaf = leaf(report, NOW.plus(Duration.ofDays(365)));

    private Voucher voucher;
    private ConsentToken consent;

    @BeforeEach
    void anchoredReportAndRecordedConsent() {
        hk.registerOperator(HK_OPERATOR, "HK");
        hk.registerOperator(SZ_OPERATOR, "SZ");
        hk.registerIssuer(TRANSUNION.key());
        sz.registerIssuer(BAIHANG.key());
        voucher = anchorInBatch(hk, TRANSUNION, leaf);
        consent = consent(ABC_SHENZHEN, TRANSUNION, CREDIT_REPORT, resident, NOW.plus(Duration.ofDays(30)));
        hk.recordConsent(consent.commitment(), TRANSUNION.key(), consent.record().validUntilInstant());
    }

    @Test
    void everyCheckIsValidForAnAnchoredUnrevokedDocumentWithConsent() {
        List<Check> results = run();

        assertThat(results).extracting(Check::type).containsExactly(CheckType.INTEGRITY, CheckType.ANCHOR,
                CheckType.STATUS, CheckType.VALIDITY, CheckType.ISSUER, CheckType.CONSENT);
        assertThat(results).extracting(Check::status).containsOnly(CheckStatus.VALID);
        assertThat(results).extracting(Check::code).containsOnly("OK");
        assertThat(Verdict.of(results)).isEqualTo(Verdict.VERIFIED);
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
        Voucher otherRegistry = relocated(new Voucher.ChainLocation(at.chainId(),
                "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512", at.transaction(), at.block()));
        Voucher otherChain = relocated(new Voucher.ChainLocation(1, at.registry(), at.transaction(), at.block()));

        assertOnlyInvalid(run(otherRegistry), CheckType.ANCHOR, "FOREIGN_REGISTRY");
        assertOnlyInvalid(run(otherChain), CheckType.ANCHOR, "FOREIGN_REGISTRY");
    }

    @Test
    void aRootThatWasNeverAnchoredFailsAnchor() {
        Leaf unanchored = leaf(report, NOW.plus(Duration.ofDays(365)));
        MerkleTree alone = MerkleTree.of(List.of(unanchored.hash()));
        Voucher forged = Voucher.issue(UUID.randomUUID().toString(), unanchored, alone.proof(0), alone.root(), voucher.chain());

        assertOnlyInvalid(run(forged), CheckType.ANCHOR, "ROOT_NOT_ANCHORED");
    }

    @Test
    void aProofClaimingAnotherTreeSizeThanTheAnchoredBatchFailsAnchor() {
        Leaf first = leaf(report, NOW.plus(Duration.ofDays(365)));
        MerkleTree batch = MerkleTree.of(List.of(first.hash(),
                leaf(DigestAlgorithm.SHA_256.digest("second".getBytes(UTF_8)), first.validUntil()).hash(),
                leaf(DigestAlgorithm.SHA_256.digest("third".getBytes(UTF_8)), first.validUntil()).hash()));
        ChainWrite anchored = hk.anchorRoot(TRANSUNION.key(), batch.root(), batch.size());
        // leaf 0 of three has the path shape of leaf 0 of four, so the path alone still reaches the root
        MerkleProof resized = new MerkleProof(0, 4, batch.proof(0).path());

        Voucher voucher = Voucher.issue(UUID.randomUUID().toString(), first, resized, batch.root(), location(anchored));

        assertOnlyInvalid(run(voucher), CheckType.ANCHOR, "TREE_SIZE_MISMATCH");
    }

    @Test
    void aRootAnchoredForAnotherIssuerFailsAnchor() {
        InstitutionId otherBureau = new InstitutionId("hk.other-bureau");
        hk.registerIssuer(otherBureau.key());
        Leaf claimsTransUnion = leaf(report, NOW.plus(Duration.ofDays(365)));
        MerkleTree batch = MerkleTree.of(List.of(claimsTransUnion.hash()));
        ChainWrite anchored = hk.anchorRoot(otherBureau.key(), batch.root(), batch.size());

        Voucher misattributed = Voucher.issue(UUID.randomUUID().toString(), claimsTransUnion, batch.proof(0), batch.root(),
                location(anchored));

        assertOnlyInvalid(run(misattributed), CheckType.ANCHOR, "ROOT_ISSUER_MISMATCH");
    }

    @Test
    void aRootWhoseOperatorNoLongerServesTheIssuersJurisdictionFailsAnchor() {
        hk.registerOperator(OTHER_HK_OPERATOR, "HK");
        Leaf anchoredByOther = leaf(report, NOW.plus(Duration.ofDays(365)));
        Voucher byOther = anchorInBatch(hk.as(OTHER_HK_OPERATOR), TRANSUNION, anchoredByOther);
        hk.registerOperator(OTHER_HK_OPERATOR, "SZ");

        assertOnlyInvalid(run(byOther), CheckType.ANCHOR, "FOREIGN_OPERATOR");
    }

    @Test
    void aRevokedLeafFailsStatusWhileItsBatchNeighboursStayValid() {
        Leaf neighbour = leaf(DigestAlgorithm.SHA_256.digest("another report".getBytes(UTF_8)), NOW.plus(Duration.ofDays(365)));
        MerkleTree batch = MerkleTree.of(List.of(leaf.hash(), neighbour.hash()));
        ChainWrite anchored = hk.anchorRoot(TRANSUNION.key(), batch.root(), batch.size());
        Voucher revokedOne = Voucher.issue(UUID.randomUUID().toString(), leaf, batch.proof(0), batch.root(), location(anchored));
        Voucher keptOne = Voucher.issue(UUID.randomUUID().toString(), neighbour, batch.proof(1), batch.root(), location(anchored));

        hk.revokeLeaf(batch.root(), leaf.hash());

        assertOnlyInvalid(run(revokedOne), CheckType.STATUS, "DOCUMENT_REVOKED");
        List<Check> neighbourResults = checks.run(ABC_SHENZHEN, neighbour.digest(), keptOne, consent, NOW).checks();
        assertThat(Verdict.of(neighbourResults)).isEqualTo(Verdict.VERIFIED);
    }

    @Test
    void aDocumentIsValidStrictlyBeforeItsValidUntil() {
        Instant until = NOW.plus(Duration.ofDays(7));
        Voucher shortLived = anchorInBatch(hk, TRANSUNION, leaf(report, until));

        assertThat(Verdict.of(checks.run(ABC_SHENZHEN, report, shortLived, consent, until.minusSeconds(1)).checks()))
                .isEqualTo(Verdict.VERIFIED);
        assertOnlyInvalid(checks.run(ABC_SHENZHEN, report, shortLived, consent, until).checks(), CheckType.VALIDITY, "DOCUMENT_EXPIRED");
    }

    @Test
    void anIssuerTheRegistryDoesNotKnowFailsIssuer() {
        InstitutionId unknown = new InstitutionId("hk.unregistered");
        Leaf fromUnknown = new Leaf(report, Salt.random(), unknown, CREDIT_REPORT, NOW.plus(Duration.ofDays(365)), resident);
        MerkleTree batch = MerkleTree.of(List.of(fromUnknown.hash()));
        Voucher fromNowhere = Voucher.issue(UUID.randomUUID().toString(), fromUnknown, batch.proof(0), batch.root(), voucher.chain());
        ConsentToken forUnknown = consent(ABC_SHENZHEN, unknown, CREDIT_REPORT, resident, NOW.plus(Duration.ofDays(30)));

        List<Check> results = checks.run(ABC_SHENZHEN, report, fromNowhere, forUnknown, NOW).checks();

        assertThat(check(results, CheckType.ISSUER).code()).isEqualTo("ISSUER_UNKNOWN");
        assertThat(check(results, CheckType.ANCHOR).code()).isEqualTo("ROOT_NOT_ANCHORED");
        assertThat(Verdict.of(results)).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void anIssuerSuspendedByItsHomeOperatorFailsIssuer() {
        hk.setIssuerActive(TRANSUNION.key(), false);

        assertOnlyInvalid(run(), CheckType.ISSUER, "ISSUER_INACTIVE");
    }

    @Test
    void anotherBankPresentingTheConsentFailsConsent() {
        assertOnlyInvalid(checks.run(FUSION_BANK, report, voucher, consent, NOW).checks(), CheckType.CONSENT, "CONSENT_OTHER_VERIFIER");
    }

    @Test
    void aConsentForAnotherIssuerDocumentTypeOrPersonFailsConsent() {
        SubjectReference someoneElse = SubjectReference.derive(HK_SUBJECT_KEY, "HK-B7654321");
        Instant until = NOW.plus(Duration.ofDays(30));
        List<ConsentToken> mismatched = List.of(
                consent(ABC_SHENZHEN, new InstitutionId("hk.other-bureau"), CREDIT_REPORT, resident, until),
                consent(ABC_SHENZHEN, TRANSUNION, new DocumentType("bank-statement"), resident, until),
                consent(ABC_SHENZHEN, TRANSUNION, CREDIT_REPORT, someoneElse, until));

        for (ConsentToken token : mismatched) {
            hk.recordConsent(token.commitment(), TRANSUNION.key(), until);
            assertOnlyInvalid(checks.run(ABC_SHENZHEN, report, voucher, token, NOW).checks(), CheckType.CONSENT, "CONSENT_SCOPE_MISMATCH");
        }
    }

    @Test
    void aConsentTokenWhoseCommitmentIsNotOnChainFailsConsent() {
        ConsentToken neverRecorded = consent(ABC_SHENZHEN, TRANSUNION, CREDIT_REPORT, resident, NOW.plus(Duration.ofDays(30)));

        assertOnlyInvalid(checks.run(ABC_SHENZHEN, report, voucher, neverRecorded, NOW).checks(), CheckType.CONSENT, "CONSENT_NOT_FOUND");
    }

    @Test
    void aConsentRevokedOnChainFailsConsent() {
        hk.revokeConsent(consent.commitment());

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
        hk.recordConsent(shortConsent.commitment(), TRANSUNION.key(), NOW.plus(Duration.ofDays(300)));

        assertOnlyInvalid(checks.run(ABC_SHENZHEN, report, voucher, shortConsent, tokenEnd).checks(), CheckType.CONSENT, "CONSENT_EXPIRED");
    }

    @Test
    void aConsentRecordedByAnotherJurisdictionsOperatorFailsConsent() {
        ConsentToken recordedInShenzhen = consent(ABC_SHENZHEN, TRANSUNION, CREDIT_REPORT, resident, NOW.plus(Duration.ofDays(30)));
        // the SZ operator cannot record for a Hong Kong issuer, so it files the commitment under its own issuer
        sz.recordConsent(recordedInShenzhen.commitment(), BAIHANG.key(), NOW.plus(Duration.ofDays(30)));

        assertOnlyInvalid(checks.run(ABC_SHENZHEN, report, voucher, recordedInShenzhen, NOW).checks(), CheckType.CONSENT,
                "CONSENT_FOREIGN_OPERATOR");
    }

    @Test
    void aConsentWhoseOperatorNoLongerServesTheIssuersJurisdictionFailsConsent() {
        hk.registerOperator(OTHER_HK_OPERATOR, "HK");
        ConsentToken byOther = consent(ABC_SHENZHEN, TRANSUNION, CREDIT_REPORT, resident, NOW.plus(Duration.ofDays(30)));
        hk.as(OTHER_HK_OPERATOR).recordConsent(byOther.commitment(), TRANSUNION.key(), NOW.plus(Duration.ofDays(30)));
        hk.registerOperator(OTHER_HK_OPERATOR, "SZ");

        assertOnlyInvalid(checks.run(ABC_SHENZHEN, report, voucher, byOther, NOW).checks(), CheckType.CONSENT, "CONSENT_FOREIGN_OPERATOR");
    }

    @Test
    void anUnreachableChainLeavesTheChainChecksUnmadeAndTheVerdictRejected() {
        sz.goDown();

        List<Check> results = run();

        assertThat(check(results, CheckType.INTEGRITY).status()).isEqualTo(CheckStatus.VALID);
        assertThat(check(results, CheckType.VALIDITY).status()).isEqualTo(CheckStatus.VALID);
        for (CheckType onChain : List.of(CheckType.ANCHOR, CheckType.STATUS, CheckType.ISSUER, CheckType.CONSENT)) {
            assertThat(check(results, onChain).status()).as(onChain.name()).isEqualTo(CheckStatus.UNAVAILABLE);
            assertThat(check(results, onChain).code()).as(onChain.name()).isEqualTo("CHAIN_UNAVAILABLE");
        }
        assertThat(Verdict.of(results)).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void oneUnanswerableReadIsEnoughToWithholdVerified() {
        sz.failOnly("consent");

        List<Check> results = run();

        assertThat(results).filteredOn(c -> c.status() != CheckStatus.VALID)
                .containsExactly(check(results, CheckType.CONSENT));
        assertThat(check(results, CheckType.CONSENT).status()).isEqualTo(CheckStatus.UNAVAILABLE);
        assertThat(Verdict.of(results)).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void aCheckInterruptedAfterItsFirstReadIsUnavailableNotValid() {
        // the root and the consent are found, then the operator lookup fails half-way through both checks
        sz.failOnly("operator");

        List<Check> results = run();

        assertThat(check(results, CheckType.ANCHOR).status()).isEqualTo(CheckStatus.UNAVAILABLE);
        assertThat(check(results, CheckType.CONSENT).status()).isEqualTo(CheckStatus.UNAVAILABLE);
        assertThat(Verdict.of(results)).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void anUnreachableChainDoesNotHideABadDocument() {
        sz.goDown();
        Digest altered = DigestAlgorithm.SHA_256.digest("a forged report".getBytes(UTF_8));

        List<Check> results = checks.run(ABC_SHENZHEN, altered, voucher, consent, NOW).checks();

        assertThat(check(results, CheckType.INTEGRITY).code()).isEqualTo("DIGEST_MISMATCH");
        assertThat(Verdict.of(results)).isEqualTo(Verdict.REJECTED);
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

    /** Anchors {@code mine} in the middle of a batch of three, as {@code operator}, and issues its voucher. */
    private Voucher anchorInBatch(InMemoryRegistryChain operator, InstitutionId issuer, Leaf mine) {
        Leaf before = leaf(DigestAlgorithm.SHA_256.digest("earlier report".getBytes(UTF_8)), mine.validUntil());
        Leaf after = leaf(DigestAlgorithm.SHA_256.digest("later report".getBytes(UTF_8)), mine.validUntil());
        MerkleTree batch = MerkleTree.of(List.of(before.hash(), mine.hash(), after.hash()));
        ChainWrite anchored = operator.anchorRoot(issuer.key(), batch.root(), batch.size());
        return Voucher.issue(UUID.randomUUID().toString(), mine, batch.proof(1), batch.root(), location(anchored));
    }

    private static Voucher.ChainLocation location(ChainWrite write) {
        return new Voucher.ChainLocation(InMemoryRegistryChain.CHAIN_ID, InMemoryRegistryChain.REGISTRY, write.txHash(),
                write.blockNumber());
    }

    private Voucher relocated(Voucher.ChainLocation at) {
        return new Voucher(voucher.version(), voucher.anchorId(), voucher.issuer(), voucher.documentType(),
                voucher.validUntil(), voucher.subject(), voucher.algorithm(), voucher.salt(), voucher.leaf(),
                voucher.proof(), voucher.root(), at);
    }

    private static ConsentToken consent(InstitutionId verifier, InstitutionId issuer, DocumentType type,
                                        SubjectReference subject, Instant validUntil) {
        ConsentRecord record = new ConsentRecord(ConsentRecord.VERSION, UUID.randomUUID().toString(), subject.hex(),
                issuer.value(), verifier.value(), type.value(), "consumer loan application", NOW.getEpochSecond(),
                validUntil.getEpochSecond(), "HK");
        return ConsentToken.of(record, Salt.random());
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
