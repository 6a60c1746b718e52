package org.hashbridge.node.verification;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hashbridge.node.HashBridgeNode;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.DevAccounts;
import org.hashbridge.node.chain.TestPasskey;
import org.hashbridge.node.chain.TestRegistry;
import org.hashbridge.node.database.TestPostgres;
import org.hashbridge.node.institution.Secrets;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.CheckType;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.DocumentType;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.Leaf;
import org.hashbridge.protocol.MerkleTree;
import org.hashbridge.protocol.Receipt;
import org.hashbridge.protocol.ReceiptVerifier;
import org.hashbridge.protocol.ResidentApproval;
import org.hashbridge.protocol.ResidentKey;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;
import org.hashbridge.protocol.Voucher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Shenzhen node as it runs, over HTTP, on a real chain and a real PostgreSQL, asked by ABC Shenzhen about Hong Kong
 * credit reports whose consents the Hong Kong operator records on chain itself, through its registry client, as a
 * hostile or careless home node could, with or without the resident's approval. The CONSENT check says whether the
 * resident approved the consent with the key bound to them on chain; only the resident's key makes it pass once one is
 * bound, and a consent nobody signed says that the operator collected it.
 */
@SpringBootTest(classes = HashBridgeNode.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=hashbridge-node", "spring.main.banner-mode=off",
        "hashbridge.node.operator=sz", "hashbridge.node.jurisdiction=SZ", "spring.datasource.username=postgres",
        "hashbridge.chain.chain-id=31337", "hashbridge.node.generate-keys=true",
        "hashbridge.institution.registration-interval=1h"})
class ResidentSignedConsentIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BANK_KEY = "hbk_abc-shenzhen-key-for-tests-only";
    private static final byte[] HK_SUBJECT_KEY = "hk-node subject key, for tests only".getBytes(UTF_8);
    private static final InstitutionId TRANSUNION = TestRegistry.HK_ISSUER_ID;
    private static final InstitutionId ABC_SHENZHEN = new InstitutionId("cn.abc-shenzhen");
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Path HOME = Path.of("target", "it-resident-consents-" + UUID.randomUUID());
    private static TestRegistry registry;

    private final HttpClient http = HttpClient.newHttpClient();
    @LocalServerPort
    private int port;

    /** A resident of Hong Kong of this test alone, and their credit report anchored by TransUnion's home operator. */
    private final SubjectReference resident = SubjectReference.derive(HK_SUBJECT_KEY, "HK-" + UUID.randomUUID());
    private final Hash32 binding = ResidentKey.binding(resident);
    private final byte[] report = ("TransUnion HK credit report " + UUID.randomUUID()).getBytes(UTF_8);
    private final TestPasskey passkey = TestPasskey.generate();
    private Voucher voucher;

    @DynamicPropertySource
    static void chainDatabaseAndBank(DynamicPropertyRegistry properties) throws IOException {
        registry = TestRegistry.startOnCancun();
        registry.sz.registerVerifier(ABC_SHENZHEN);
        Files.createDirectories(HOME);
        Path provisioning = HOME.resolve("provisioning.json");
        Files.writeString(provisioning, JSON.writeValueAsString(Map.of("institutions",
                List.of(Map.of("id", ABC_SHENZHEN.value(), "role", "VERIFIER", "apiKeySha256", Secrets.hash(BANK_KEY))))));
        String database = TestPostgres.newDatabase();
        properties.add("spring.datasource.url", () -> database);
        properties.add("hashbridge.node.data-directory", () -> HOME.resolve("sz").toString());
        properties.add("hashbridge.node.provisioning-file", provisioning::toString);
        properties.add("hashbridge.chain.rpc-url", registry.chain::rpcUrl);
        properties.add("hashbridge.chain.registry-address", registry.deployment::registry);
        properties.add("hashbridge.chain.operator-key", DevAccounts::szOperatorKeyHex);
    }

    @BeforeEach
    void anchorTheReport() {
        voucher = anchored(report);
    }

    @AfterAll
    static void stopChain() {
        registry.close();
    }

    @Test
    void aConsentTheHomeOperatorRecordsWithoutTheResidentIsRejectedOnceTheResidentHasAKey() {
        registry.hk.bindResidentKey(binding, passkey.keyHash());

        JsonNode assisted = verify(recorded(consent(ConsentRecord.ASSISTED, null)), false);
        JsonNode versionOne = verify(recorded(versionOneConsent()), false);
        JsonNode claimsSigned = verify(recorded(consent(ConsentRecord.RESIDENT_SIGNED, passkey.keyHash())), false);

        for (JsonNode answer : List.of(assisted, versionOne, claimsSigned)) {
            assertConsent(answer, "REJECTED", "INVALID", "CONSENT_NOT_RESIDENT_SIGNED");
        }
        assertThat(consentCheck(assisted).path("message").asString()).contains("did not sign");
    }

    @Test
    void aConsentApprovedWithTheBoundKeyIsVerifiedAsResidentSignedAndTheReceiptSaysSo() {
        registry.hk.bindResidentKey(binding, passkey.keyHash());
        ConsentToken unsigned = recorded(consent(ConsentRecord.RESIDENT_SIGNED, passkey.keyHash()));
        ConsentToken softwareKey = unsigned.withApproval(passkey.approve(unsigned.approvalChallenge()));
        ConsentToken fromTheBrowser = recorded(consent(ConsentRecord.RESIDENT_SIGNED, passkey.keyHash()));
        fromTheBrowser = fromTheBrowser.withApproval(passkey.approveInBrowser(fromTheBrowser.approvalChallenge()));

        JsonNode answer = verify(softwareKey, false);
        JsonNode required = verify(fromTheBrowser, true);

        assertConsent(answer, "VERIFIED", "VALID", "RESIDENT_SIGNED");
        assertConsent(required, "VERIFIED", "VALID", "RESIDENT_SIGNED");
        assertThat(consentCheck(answer).path("message").asString())
                .contains("approved with the resident's own key " + passkey.keyHash().hex(), "bound on chain by its home operator");
        Receipt receipt = ReceiptVerifier.of(get("/api/v1/receipt-keys")).verify(answer.path("receipt").asString());
        assertThat(receipt.verdict()).isEqualTo("VERIFIED");
        assertThat(receipt.checks()).filteredOn(check -> check.type() == CheckType.CONSENT).extracting(Check::code)
                .containsExactly("RESIDENT_SIGNED");
    }

    @Test
    void anApprovalByAnotherKeyIsRejectedWhateverKeyTheConsentNames() {
        registry.hk.bindResidentKey(binding, passkey.keyHash());
        TestPasskey thief = TestPasskey.generate();
        ConsentToken namesTheBoundKey = recorded(consent(ConsentRecord.RESIDENT_SIGNED, passkey.keyHash()));
        ConsentToken namesTheThiefs = recorded(consent(ConsentRecord.RESIDENT_SIGNED, thief.keyHash()));
        ConsentToken forgedSignature = recorded(consent(ConsentRecord.RESIDENT_SIGNED, passkey.keyHash()));
        ResidentApproval genuine = passkey.approve(forgedSignature.approvalChallenge());

        assertConsent(verify(namesTheBoundKey.withApproval(thief.approve(namesTheBoundKey.approvalChallenge())), false),
                "REJECTED", "INVALID", "RESIDENT_KEY_MISMATCH");
        assertConsent(verify(namesTheThiefs.withApproval(thief.approve(namesTheThiefs.approvalChallenge())), false),
                "REJECTED", "INVALID", "RESIDENT_KEY_MISMATCH");
        assertConsent(verify(forgedSignature.withApproval(TestPasskey.withSignature(genuine,
                        thief.approve(forgedSignature.approvalChallenge()).signature())), false),
                "REJECTED", "INVALID", "APPROVAL_SIGNATURE_INVALID");
    }

    @Test
    void anApprovalLiftedFromAnotherConsentOrMadeWithoutTheResidentPresentIsRejected() {
        registry.hk.bindResidentKey(binding, passkey.keyHash());
        ConsentToken approved = recorded(consent(ConsentRecord.RESIDENT_SIGNED, passkey.keyHash()));
        ResidentApproval approval = passkey.approve(approved.approvalChallenge());
        ConsentToken forged = recorded(consent(ConsentRecord.RESIDENT_SIGNED, passkey.keyHash()));
        ConsentToken absent = recorded(consent(ConsentRecord.RESIDENT_SIGNED, passkey.keyHash()));

        assertConsent(verify(approved.withApproval(approval), false), "VERIFIED", "VALID", "RESIDENT_SIGNED");
        assertConsent(verify(forged.withApproval(approval), false), "REJECTED", "INVALID", "APPROVAL_CHALLENGE_MISMATCH");
        assertConsent(verify(absent.withApproval(passkey.sign(TestPasskey.authenticatorData(0x04),
                TestPasskey.clientData("webauthn.get", absent.approvalChallenge()))), false),
                "REJECTED", "INVALID", "APPROVAL_NOT_USER_PRESENT");
    }

    @Test
    void anApprovalOfAResidentWithoutAKeyBoundIsRejected() {
        ConsentToken token = recorded(consent(ConsentRecord.RESIDENT_SIGNED, passkey.keyHash()));
        // bound by the other side's operator, in its own namespace: not the resident's home jurisdiction
        registry.sz.bindResidentKey(binding, passkey.keyHash());

        assertConsent(verify(token.withApproval(passkey.approve(token.approvalChallenge())), false),
                "REJECTED", "INVALID", "RESIDENT_KEY_NOT_BOUND");
        assertConsent(verify(token, false), "REJECTED", "INVALID", "CONSENT_NOT_RESIDENT_SIGNED");
    }

    @Test
    void afterTheResidentReplacesTheirKeyTheOldKeysConsentsFailAndTheNewKeysPass() {
        registry.hk.bindResidentKey(binding, passkey.keyHash());
        ConsentToken old = recorded(consent(ConsentRecord.RESIDENT_SIGNED, passkey.keyHash()));
        old = old.withApproval(passkey.approve(old.approvalChallenge()));
        assertConsent(verify(old, false), "VERIFIED", "VALID", "RESIDENT_SIGNED");
        TestPasskey next = TestPasskey.generate();

        ChainWrite replaced = registry.hk.replaceResidentKey("HK", binding, next.keyHash(),
                passkey.approve(registry.replacementChallenge("HK", binding, next.keyHash(), 1)));
        ConsentToken fresh = recorded(consent(ConsentRecord.RESIDENT_SIGNED, next.keyHash()));
        fresh = fresh.withApproval(next.approve(fresh.approvalChallenge()));

        assertConsent(verify(old, false), "REJECTED", "INVALID", "RESIDENT_KEY_MISMATCH");
        JsonNode answer = verify(fresh, false);
        assertConsent(answer, "VERIFIED", "VALID", "RESIDENT_SIGNED");
        assertThat(consentCheck(answer).path("message").asString())
                .contains("a replacement the resident's previous key approved at " + replaced.blockTime());
    }

    @Test
    void aConsentNobodySignedIsOperatorAssistedUnlessTheBankRequiresTheResidentsSignature() {
        ConsentToken assisted = recorded(consent(ConsentRecord.ASSISTED, null));
        ConsentToken versionOne = recorded(versionOneConsent());

        JsonNode answer = verify(assisted, false);

        assertConsent(answer, "VERIFIED", "VALID", "OPERATOR_ASSISTED");
        assertThat(consentCheck(answer).path("message").asString())
                .startsWith("collected by the home operator, not signed by the resident; authorised on chain");
        assertConsent(verify(versionOne, false), "VERIFIED", "VALID", "OPERATOR_ASSISTED");
        assertConsent(verify(assisted, true), "REJECTED", "INVALID", "RESIDENT_SIGNATURE_REQUIRED");
        assertConsent(verify(versionOne, true), "REJECTED", "INVALID", "RESIDENT_SIGNATURE_REQUIRED");
    }

    @Test
    void aRequireResidentSignatureThatIsNoBooleanIsABadRequest() throws Exception {
        ObjectNode body = request(recorded(consent(ConsentRecord.ASSISTED, null)), false);
        body.put("requireResidentSignature", "perhaps");

        HttpResponse<String> answer = post(body);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(JSON.readTree(answer.body()).path("code").asString()).isEqualTo("MALFORMED_JSON");
    }

    private ConsentToken consent(String collection, Hash32 residentKey) {
        return ConsentToken.of(new ConsentRecord(ConsentRecord.VERSION_2, UUID.randomUUID().toString(), resident.hex(),
                TRANSUNION.value(), ABC_SHENZHEN.value(), "credit-report", "consumer loan application",
                NOW.getEpochSecond(), NOW.plus(Duration.ofDays(30)).getEpochSecond(), "HK",
                new ConsentRecord.Recipient("Agricultural Bank of China, Shenzhen Branch", "privacy@abc-shenzhen.example", "SZ"),
                List.of("credit report"), "compared by hash at the bank's home node; the report stays with the bank",
                "kept by the bank for seven years, as banking law requires", "revoke it on the resident page of the Hong Kong node",
                "en", collection, residentKey == null ? null : residentKey.hex()), Salt.random());
    }

    private ConsentToken versionOneConsent() {
        return ConsentToken.of(new ConsentRecord(ConsentRecord.VERSION_1, UUID.randomUUID().toString(), resident.hex(),
                TRANSUNION.value(), ABC_SHENZHEN.value(), "credit-report", "consumer loan application",
                NOW.getEpochSecond(), NOW.plus(Duration.ofDays(30)).getEpochSecond(), "HK"), Salt.random());
    }

    /** Recorded on chain by the Hong Kong operator's own client, as its node would, or as it could without its node. */
    private static ConsentToken recorded(ConsentToken token) {
        registry.hk.recordConsent(token.commitment(), TRANSUNION.key(), ABC_SHENZHEN.key(), token.record().validUntilInstant());
        return token;
    }

    private Voucher anchored(byte[] document) {
        Leaf leaf = new Leaf(DigestAlgorithm.SHA_256.digest(document), Salt.random(), TRANSUNION,
                new DocumentType("credit-report"), NOW.plus(Duration.ofDays(365)), resident);
        MerkleTree batch = MerkleTree.of(List.of(leaf.hash()));
        ChainWrite anchored = registry.hk.anchorRoot(TRANSUNION.key(), batch.root(), batch.size());
        return Voucher.issue(UUID.randomUUID().toString(), leaf, batch.proof(0), batch.root(),
                new Voucher.ChainLocation(registry.hk.chainId(), registry.hk.registryAddress(), anchored.txHash(),
                        anchored.blockNumber()));
    }

    /** ABC Shenzhen's verification of the report with {@code consent}: the node's JSON answer. */
    private JsonNode verify(ConsentToken consent, boolean requireResidentSignature) {
        try {
            HttpResponse<String> answer = post(request(consent, requireResidentSignature));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            return JSON.readTree(answer.body());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private ObjectNode request(ConsentToken consent, boolean requireResidentSignature) {
        ObjectNode body = JSON.createObjectNode();
        body.put("digest", DigestAlgorithm.SHA_256.digest(report).hex());
        body.put("algorithm", "sha-256");
        body.set("voucher", JSON.readTree(voucher.toJson()));
        body.put("consent", consent.encode());
        if (requireResidentSignature) {
            body.put("requireResidentSignature", true);
        }
        return body;
    }

    private HttpResponse<String> post(ObjectNode body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/verifications"))
                .header("Authorization", "Bearer " + BANK_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode consentCheck(JsonNode answer) {
        for (JsonNode check : answer.path("checks")) {
            if (check.path("type").asString().equals("CONSENT")) {
                return check;
            }
        }
        throw new AssertionError("no CONSENT check in " + answer);
    }

    /** The verdict, and the CONSENT check's status and code; every other check is VALID. */
    private static void assertConsent(JsonNode answer, String verdict, String status, String code) {
        assertThat(answer.path("verdict").asString()).as(answer.toString()).isEqualTo(verdict);
        assertThat(consentCheck(answer).path("status").asString()).as(answer.toString()).isEqualTo(status);
        assertThat(consentCheck(answer).path("code").asString()).as(answer.toString()).isEqualTo(code);
        for (JsonNode check : answer.path("checks")) {
            if (!check.path("type").asString().equals("CONSENT")) {
                assertThat(check.path("status").asString()).as(check.toString()).isEqualTo("VALID");
            }
        }
    }
}
