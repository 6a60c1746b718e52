package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hashbridge.sandbox.CrossBorderVerificationIT.check;
import static org.hashbridge.sandbox.Journeys.HK_RESIDENT;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.hashbridge.node.chain.AccessRecord;
import org.hashbridge.node.chain.AccountKey;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.ChainSettings;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.DevAccounts;
import org.hashbridge.node.chain.RegistryGovernance;
import org.hashbridge.node.chain.Web3jRegistryChain;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.DocumentType;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.Leaf;
import org.hashbridge.protocol.MerkleTree;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;
import org.hashbridge.protocol.Voucher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import tools.jackson.databind.JsonNode;

/**
 * The Shenzhen operator turns hostile: with its own chain key it calls the registry directly, around its
 * node, to deny, forge or flood what belongs to Hong Kong. Each test makes the attack on the contract,
 * then looks through the nodes' REST API at what a bank, a resident or an issuer sees. Suspensions and
 * batch revocations are made the same way by the institution's own operator, as the registry lets only it.
 */
@ExtendWith(SandboxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileOperatorIT {

    private static final InstitutionId TRANSUNION = new InstitutionId("hk.transunion");
    private static final InstitutionId BAIHANG = new InstitutionId("cn.baihang");
    private static final InstitutionId ABC_SHENZHEN = new InstitutionId("cn.abc-shenzhen");
    private static final InstitutionId FUSION_BANK = new InstitutionId("hk.fusion-bank");
    private static final String CREDIT_REPORT = "credit-report";

    private final Sandbox sandbox;
    private final Journeys journeys;
    private final Web3jRegistryChain shenzhen;
    private final Web3jRegistryChain hongKong;
    private final Instant inAYear = Instant.now().plus(Duration.ofDays(365));
    private final Instant inAMonth = Instant.now().plus(Duration.ofDays(30));

    HostileOperatorIT(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.journeys = new Journeys(sandbox);
        this.shenzhen = operator(DevAccounts.szOperator());
        this.hongKong = operator(DevAccounts.hkOperator());
    }

    @AfterAll
    void closeClients() {
        shenzhen.close();
        hongKong.close();
    }

    /** A TransUnion report anchored at Hong Kong, and the resident's consent there for ABC Shenzhen. */
    private record Northbound(byte[] report, JsonNode voucher, JsonNode consent) {

        Voucher parsedVoucher() {
            return Voucher.parse(voucher.toString());
        }

        String token() {
            return consent.path("token").asString();
        }
    }

    private Northbound northbound() {
        byte[] report = Journeys.creditReport(HK_RESIDENT);
        JsonNode voucher = journeys.anchor("hk", TRANSUNION.value(), HK_RESIDENT, report, inAYear);
        JsonNode consent = journeys.grantConsent("hk", HK_RESIDENT, TRANSUNION.value(), ABC_SHENZHEN.value(), inAMonth);
        return new Northbound(report, voucher, consent);
    }

    private Api.Response abcVerifies(Northbound flow) {
        return journeys.verify("sz", ABC_SHENZHEN.value(), flow.report(), flow.voucher(), flow.token());
    }

    @Test
    void theShenzhenOperatorCannotRevokeAHongKongDocumentNorMakeItLookRevoked() {
        Northbound flow = northbound();
        assertThat(verdict(abcVerifies(flow))).isEqualTo("VERIFIED");
        Voucher genuine = flow.parsedVoucher();

        assertRefused(() -> shenzhen.revokeLeaf(TRANSUNION.key(), genuine.rootHash(), genuine.leafHash(),
                genuine.proof().toMerkleProof()), "ForeignJurisdiction");
        assertRefused(() -> shenzhen.revokeRoot(TRANSUNION.key(), genuine.rootHash()), "ForeignJurisdiction");
        // its own root, for its own issuer, holding Hong Kong's leaf: the registry lets it revoke the leaf there
        MerkleTree own = MerkleTree.of(List.of(genuine.leafHash(), randomHash()));
        shenzhen.anchorRoot(BAIHANG.key(), own.root(), own.size());
        shenzhen.revokeLeaf(BAIHANG.key(), own.root(), genuine.leafHash(), own.proof(0));
        assertThat(shenzhen.finalState().leafRevokedAt(BAIHANG.key(), own.root(), genuine.leafHash())).isPresent();

        Api.Response answer = abcVerifies(flow);
        assertThat(verdict(answer)).as(answer.raw()).isEqualTo("VERIFIED");
        assertThat(check(answer, "STATUS").path("status").asString()).isEqualTo("VALID");
        Api.Response issuerView = journeys.as("hk", TRANSUNION.value()).get("/api/v1/anchors/" + genuine.anchorId());
        assertThat(issuerView.body().path("status").asString()).as(issuerView.raw()).isEqualTo("ANCHORED");
    }

    @Test
    void aVoucherTheShenzhenOperatorForgesForAHongKongIssuerIsNeverVerified() {
        InstitutionId evilCredit = new InstitutionId("hk.evil-credit");
        assertRefused(() -> shenzhen.registerIssuer(evilCredit), "ForeignNamespace");
        // the resident's pseudonym, as the Shenzhen node saw it in a voucher presented there
        JsonNode seen = journeys.anchor("hk", TRANSUNION.value(), HK_RESIDENT, Journeys.creditReport(HK_RESIDENT), inAYear);
        SubjectReference resident = SubjectReference.fromHex(seen.path("subject").asString());
        byte[] fake = "Evil Credit HK report\nscore: 850\n".getBytes(StandardCharsets.UTF_8);
        Leaf leaf = new Leaf(DigestAlgorithm.SHA_256.digest(fake), Salt.random(), evilCredit,
                new DocumentType(CREDIT_REPORT), inAYear.truncatedTo(ChronoUnit.SECONDS), resident);
        MerkleTree tree = MerkleTree.of(List.of(leaf.hash(), randomHash()));
        ChainWrite anchored = shenzhen.anchorRoot(BAIHANG.key(), tree.root(), tree.size());
        Voucher forged = Voucher.issue(UUID.randomUUID().toString(), leaf, tree.proof(0), tree.root(),
                new Voucher.ChainLocation(ChainSettings.ANVIL_CHAIN_ID, sandbox.registryAddress(), anchored.txHash(),
                        anchored.blockNumber()));
        long now = Instant.now().getEpochSecond();
        ConsentToken consent = ConsentToken.of(new ConsentRecord(ConsentRecord.VERSION_1, UUID.randomUUID().toString(),
                resident.hex(), evilCredit.value(), FUSION_BANK.value(), CREDIT_REPORT, "consumer loan application",
                now, inAMonth.getEpochSecond(), "HK"), Salt.random());
        // the closest the registry lets it come to that consent: under its own issuer
        shenzhen.recordConsent(consent.commitment(), BAIHANG.key(), FUSION_BANK.key(), inAMonth);

        Api.Response answer = journeys.verify("hk", FUSION_BANK.value(), fake, Api.JSON.readTree(forged.toJson()),
                consent.encode());

        assertThat(verdict(answer)).as(answer.raw()).isEqualTo("REJECTED");
        assertThat(check(answer, "INTEGRITY").path("status").asString()).isEqualTo("VALID");
        assertThat(check(answer, "ISSUER").path("code").asString()).isEqualTo("ISSUER_UNKNOWN");
        assertThat(check(answer, "ANCHOR").path("status").asString()).isEqualTo("INVALID");
        assertThat(check(answer, "ANCHOR").path("code").asString()).isEqualTo("ROOT_NOT_ANCHORED");
        assertThat(check(answer, "CONSENT").path("code").asString()).isEqualTo("CONSENT_SCOPE_MISMATCH");
    }

    @Test
    void theShenzhenOperatorCannotSquatAHongKongName() {
        assertRefused(() -> shenzhen.registerVerifier(new InstitutionId("hk.newbank")), "ForeignNamespace");
        long before = rows("hk", "consent");

        Api.Response refused = grant(TRANSUNION, new InstitutionId("hk.newbank"));

        assertProblem(refused, 422, "UNKNOWN_VERIFIER");
        assertThat(rows("hk", "consent")).isEqualTo(before);
    }

    @Test
    void anOperatorCanInventAccessesForItsOwnBankButEachReceiptCountsOnceAndTheResidentPagesThroughThem() {
        JsonNode consent = journeys.grantConsent("hk", HK_RESIDENT, TRANSUNION.value(), ABC_SHENZHEN.value(), inAMonth);
        Hash32 commitment = Hash32.fromHex(consent.path("commitment").asString());
        List<Hash32> invented = IntStream.range(0, 301).mapToObj(i -> randomHash()).toList();

        shenzhen.recordAccess(commitment, ABC_SHENZHEN.key(), invented.get(0), true);
        assertRefused(() -> shenzhen.recordAccess(commitment, ABC_SHENZHEN.key(), invented.get(0), true),
                "AccessAlreadyRecorded");
        shenzhen.recordAccesses(accesses(commitment, invented.subList(1, 257)));
        // overlaps the batch before by 56 receipts, which the registry skips
        shenzhen.recordAccesses(accesses(commitment, invented.subList(201, 301)));

        Api resident = journeys.as("hk", HK_RESIDENT);
        String path = "/api/v1/consents/" + consent.path("consentId").asString() + "/accesses";
        Api.Response first = resident.get(path + "?size=50");
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(first.body().path("accesses").size()).isEqualTo(50);
        assertThat(first.body().path("page").asInt()).isZero();
        assertThat(first.body().path("size").asInt()).isEqualTo(50);
        assertThat(first.body().path("total").asInt()).isEqualTo(301);
        assertThat(first.body().path("accesses").valueStream().map(a -> a.path("verifier").asString()))
                .containsOnly(ABC_SHENZHEN.value());
        assertThat(resident.get(path + "?page=6&size=50").body().path("accesses").size()).isEqualTo(1);
        assertThat(receipts(resident, path)).isEqualTo(hexes(invented));
        assertProblem(resident.get(path + "?size=500"), 400, "INVALID_PAGE");
    }

    @Test
    void aHongKongRootTheShenzhenOperatorAnchorsFirstFromThePoolStillAnchorsTheHongKongDocument() {
        JsonNode consent = journeys.grantConsent("hk", HK_RESIDENT, TRANSUNION.value(), ABC_SHENZHEN.value(), inAMonth);
        byte[] report = Journeys.creditReport(HK_RESIDENT);
        String anchorRoot = Mempool.selector("anchorRoot(bytes32,bytes32,uint32)");
        String anchorId;
        Transaction honest;
        String squat;
        Hash32 root;
        try (Mempool pool = new Mempool(sandbox.rpcUrl())) {
            pool.automine(false);
            try {
                anchorId = journeys.submitAnchor("hk", TRANSUNION.value(), HK_RESIDENT, report, inAYear);
                // the Hong Kong node's anchorRoot, waiting in the pool: the Shenzhen operator reads its root
                honest = pool.awaitPending(DevAccounts.hkOperator().address(), anchorRoot);
                assertThat(Mempool.argument(honest.getInput(), 0)).isEqualTo(TRANSUNION.key());
                root = Mempool.argument(honest.getInput(), 1);
                squat = pool.send(DevAccounts.szOperatorKeyHex(), sandbox.registryAddress(),
                        anchorRootCall(BAIHANG.key(), root, 1), honest.getGasPrice().multiply(BigInteger.TWO));
                pool.awaitPending(DevAccounts.szOperator().address(), anchorRoot);
                pool.mine();
            } finally {
                pool.automine(true);
            }
            TransactionReceipt overtaking = pool.receipt(squat);
            TransactionReceipt overtaken = pool.receipt(honest.getHash());
            assertThat(overtaking.isStatusOK()).as("Shenzhen's anchor of the root succeeded").isTrue();
            assertThat(overtaking.getBlockNumber()).isEqualTo(overtaken.getBlockNumber());
            assertThat(overtaking.getTransactionIndex()).as("mined first").isLessThan(overtaken.getTransactionIndex());
        }

        Api issuer = journeys.as("hk", TRANSUNION.value());
        Voucher voucher = Voucher.parse(Journeys.awaitVoucher(issuer, anchorId).toString());
        assertThat(voucher.rootHash()).isEqualTo(root);
        assertThat(voucher.chain().transaction()).isEqualTo(honest.getHash());
        assertThat(issuer.get("/api/v1/anchors/" + anchorId).body().path("status").asString()).isEqualTo("ANCHORED");
        Api.Response answer = journeys.verify("sz", ABC_SHENZHEN.value(), report, Api.JSON.readTree(voucher.toJson()),
                consent.path("token").asString());
        assertThat(verdict(answer)).as(answer.raw()).isEqualTo("VERIFIED");
        assertThat(shenzhen.finalState().anchor(BAIHANG.key(), root)).hasValueSatisfying(
                anchor -> assertThat(anchor.operator()).isEqualTo(DevAccounts.szOperator().address()));
    }

    @Test
    void aFloodOfInventedAccessesStopsAtAThousandOfTheConsentsBankAndAHundredOfOthers() {
        Northbound flow = northbound();
        Hash32 commitment = Hash32.fromHex(flow.consent().path("commitment").asString());
        List<Hash32> invented = IntStream.range(0, 1000).mapToObj(i -> randomHash()).toList();
        for (int from = 0; from < invented.size(); from += 250) {
            shenzhen.recordAccesses(accesses(commitment, invented.subList(from, from + 250)));
        }
        assertRefused(() -> shenzhen.recordAccess(commitment, ABC_SHENZHEN.key(), randomHash(), true), "AccessLimitReached");
        // a bank of its own that the consent does not name: never verified, and a hundred at most
        InstitutionId shellBank = new InstitutionId("cn.shell-" + UUID.randomUUID().toString().substring(0, 8));
        shenzhen.registerVerifier(shellBank);
        assertRefused(() -> shenzhen.recordAccess(commitment, shellBank.key(), randomHash(), true), "NotTheConsentsVerifier");
        shenzhen.recordAccesses(IntStream.range(0, 100)
                .mapToObj(i -> new AccessRecord(commitment, shellBank.key(), randomHash(), false)).toList());
        assertRefused(() -> shenzhen.recordAccess(commitment, shellBank.key(), randomHash(), false), "AccessLimitReached");

        // the genuine bank still gets its answer, and a forwarded token is still refused; the list grows no more
        Api.Response genuine = abcVerifies(flow);
        assertThat(verdict(genuine)).as(genuine.raw()).isEqualTo("VERIFIED");
        Api.Response forwarded = journeys.verify("hk", FUSION_BANK.value(), flow.report(), flow.voucher(), flow.token());
        assertThat(check(forwarded, "CONSENT").path("code").asString()).isEqualTo("CONSENT_OTHER_VERIFIER");
        assertThat(awaitAccessOutcome("sz", genuine)).isEqualTo("SKIPPED");
        assertThat(awaitAccessOutcome("hk", forwarded)).isEqualTo("SKIPPED");

        Api resident = journeys.as("hk", HK_RESIDENT);
        String path = "/api/v1/consents/" + flow.consent().path("consentId").asString() + "/accesses";
        Api.Response page = resident.get(path + "?size=200&page=5");
        assertThat(page.status()).as(page.raw()).isEqualTo(200);
        assertThat(page.body().path("total").asInt()).isEqualTo(1100);
        assertThat(page.body().path("accesses").valueStream().map(a -> a.path("verifier").asString()))
                .hasSize(100).containsOnly("key:" + shellBank.key().hex());
        assertThat(receipts(resident, path)).hasSize(1100).startsWith(hexes(invented).toArray(String[]::new));
    }

    @Test
    void anIssuerSuspendedByItsOperatorFailsVerificationAndGetsNoNewConsent() {
        Northbound flow = northbound();
        long before = rows("hk", "consent");
        assertRefused(() -> shenzhen.setIssuerActive(TRANSUNION.key(), false), "ForeignJurisdiction");
        hongKong.setIssuerActive(TRANSUNION.key(), false);
        try {
            Api.Response answer = abcVerifies(flow);
            assertThat(verdict(answer)).as(answer.raw()).isEqualTo("REJECTED");
            assertThat(check(answer, "ISSUER").path("code").asString()).isEqualTo("ISSUER_INACTIVE");

            assertProblem(grant(TRANSUNION, ABC_SHENZHEN), 422, "ISSUER_SUSPENDED");
            assertThat(rows("hk", "consent")).isEqualTo(before);
        } finally {
            hongKong.setIssuerActive(TRANSUNION.key(), true);
        }
        assertThat(verdict(abcVerifies(flow))).as("reinstated").isEqualTo("VERIFIED");
    }

    @Test
    void aBankSuspendedByItsOperatorFailsVerificationAndGetsNoNewConsent() {
        Northbound flow = northbound();
        long before = rows("hk", "consent");
        assertRefused(() -> hongKong.setVerifierActive(ABC_SHENZHEN.key(), false), "ForeignJurisdiction");
        shenzhen.setVerifierActive(ABC_SHENZHEN.key(), false);
        try {
            Api.Response answer = abcVerifies(flow);
            assertThat(verdict(answer)).as(answer.raw()).isEqualTo("REJECTED");
            assertThat(check(answer, "CONSENT").path("code").asString()).isEqualTo("VERIFIER_SUSPENDED");

            assertProblem(grant(TRANSUNION, ABC_SHENZHEN), 422, "VERIFIER_SUSPENDED");
            assertThat(rows("hk", "consent")).isEqualTo(before);
        } finally {
            shenzhen.setVerifierActive(ABC_SHENZHEN.key(), true);
        }
        assertThat(verdict(abcVerifies(flow))).as("reinstated").isEqualTo("VERIFIED");
    }

    @Test
    void aBatchRevokedByItsOperatorFailsStatus() {
        Northbound flow = northbound();
        assertThat(verdict(abcVerifies(flow))).isEqualTo("VERIFIED");

        hongKong.revokeRoot(TRANSUNION.key(), flow.parsedVoucher().rootHash());

        Api.Response answer = abcVerifies(flow);
        assertThat(verdict(answer)).as(answer.raw()).isEqualTo("REJECTED");
        assertThat(check(answer, "STATUS").path("code").asString()).isEqualTo("BATCH_REVOKED");
        assertThat(check(answer, "ANCHOR").path("status").asString()).isEqualTo("VALID");
    }

    @Test
    void theShenzhenGovernanceKeyAloneCannotAdmitARogueOperator() {
        AccountKey outsider = DevAccounts.outsider();
        try (RegistryGovernance szGovernance = RegistryGovernance.connect(sandbox.rpcUrl(), sandbox.registryAddress(),
                DevAccounts.szGovernance())) {
            assertRefused(() -> szGovernance.execute(RegistryGovernance.Call.registerOperator(outsider.address(), "HK")),
                    "GS025");
        }
        assertThat(hongKong.finalState().operator(outsider.address())).isEmpty();

        Northbound flow = northbound();
        Voucher genuine = flow.parsedVoucher();
        // the document with a second salt, in a batch of the outsider's own that the registry refuses
        Leaf copy = new Leaf(DigestAlgorithm.SHA_256.digest(flow.report()), Salt.random(), TRANSUNION,
                new DocumentType(CREDIT_REPORT), genuine.validUntilInstant(), genuine.subjectReference());
        MerkleTree tree = MerkleTree.of(List.of(copy.hash()));
        try (Web3jRegistryChain rogue = operator(outsider)) {
            assertRefused(() -> rogue.anchorRoot(TRANSUNION.key(), tree.root(), tree.size()), "NotAnOperator");
        }
        Voucher unanchored = Voucher.issue(UUID.randomUUID().toString(), copy, tree.proof(0), tree.root(),
                genuine.chain());

        Api.Response answer = journeys.verify("sz", ABC_SHENZHEN.value(), flow.report(),
                Api.JSON.readTree(unanchored.toJson()), flow.token());
        assertThat(verdict(answer)).as(answer.raw()).isEqualTo("REJECTED");
        assertThat(check(answer, "ANCHOR").path("code").asString()).isEqualTo("ROOT_NOT_ANCHORED");
    }

    /** Waits until the verifying node has settled the access of {@code verification}: RECORDED or SKIPPED. */
    private String awaitAccessOutcome(String node, Api.Response verification) {
        JdbcTemplate db = new JdbcTemplate(sandbox.nodeBean(node, DataSource.class));
        String id = verification.body().path("verificationId").asString();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            String status = db.queryForObject("select access_status from verification where id = ?::uuid", String.class, id);
            if (!"PENDING".equals(status)) {
                return status;
            }
            Journeys.pause(Duration.ofMillis(100));
        }
        throw new AssertionError("the access of verification " + id + " is still pending after 30 s");
    }

    private static String anchorRootCall(Hash32 issuer, Hash32 root, int leafCount) {
        return FunctionEncoder.encode(new Function("anchorRoot", List.of(new Bytes32(issuer.bytes()),
                new Bytes32(root.bytes()), new Uint32(leafCount)), List.of()));
    }

    private Web3jRegistryChain operator(AccountKey key) {
        return Web3jRegistryChain.connect(ChainSettings.anvil(sandbox.rpcUrl(), sandbox.registryAddress(), key));
    }

    private Api.Response grant(InstitutionId issuer, InstitutionId verifier) {
        return journeys.as("hk", HK_RESIDENT).post("/api/v1/consents", Map.of("subject", HK_RESIDENT,
                "issuer", issuer.value(), "verifier", verifier.value(), "documentType", CREDIT_REPORT,
                "purpose", "consumer loan application", "validUntil", inAMonth.toString()));
    }

    private static List<AccessRecord> accesses(Hash32 commitment, List<Hash32> receipts) {
        return receipts.stream().map(r -> new AccessRecord(commitment, ABC_SHENZHEN.key(), r, true)).toList();
    }

    /** Every receipt the resident's pages list, in pages of the largest size. */
    private static List<String> receipts(Api resident, String path) {
        List<String> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode accesses = resident.get(path + "?size=200&page=" + page).body().path("accesses");
            if (accesses.isEmpty()) {
                return all;
            }
            accesses.valueStream().map(a -> a.path("receipt").asString()).forEach(all::add);
        }
    }

    private static List<String> hexes(List<Hash32> hashes) {
        return hashes.stream().map(Hash32::hex).toList();
    }

    private static Hash32 randomHash() {
        return Hash32.of(Salt.random().bytes());
    }

    private static String verdict(Api.Response answer) {
        return answer.body().path("verdict").asString();
    }

    private static void assertRefused(ThrowingCallable write, String error) {
        assertThatThrownBy(write).isInstanceOfSatisfying(ChainRejected.class,
                e -> assertThat(e.error()).as(e.getMessage()).isEqualTo(error));
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).as(response.raw()).startsWith("application/problem+json");
        assertThat(response.code()).as(response.raw()).isEqualTo(code);
    }

    private long rows(String node, String table) {
        return new JdbcTemplate(sandbox.nodeBean(node, DataSource.class)).queryForObject("select count(*) from " + table, Long.class);
    }
}
