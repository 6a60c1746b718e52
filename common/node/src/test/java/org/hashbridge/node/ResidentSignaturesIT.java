package org.hashbridge.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hashbridge.node.chain.ChainSettings;
import org.hashbridge.node.chain.ConsentOnChain;
import org.hashbridge.node.chain.DevAccounts;
import org.hashbridge.node.chain.ResidentKeyOnChain;
import org.hashbridge.node.chain.TestRegistry;
import org.hashbridge.node.config.NodeKeys;
import org.hashbridge.node.database.TestPostgres;
import org.hashbridge.node.institution.Caller;
import org.hashbridge.node.institution.RegistrationOptions;
import org.hashbridge.node.institution.ResidentKeyView;
import org.hashbridge.node.institution.ResidentKeys;
import org.hashbridge.node.institution.Role;
import org.hashbridge.node.institution.TestPasskey;
import org.hashbridge.protocol.ConsentReceipt;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.ReceiptVerifier;
import org.hashbridge.protocol.ResidentApproval;
import org.hashbridge.protocol.ResidentChallenges;
import org.hashbridge.protocol.ResidentKey;
import org.hashbridge.protocol.SoftwareAuthenticator;
import org.hashbridge.protocol.SubjectReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A resident's own keys and the consents they sign, on the Hong Kong node as it runs (its database, its chain client,
 * its security, over HTTP), on a real chain with the registry and a real PostgreSQL. Every rule is attacked: each
 * refusal has its code, and leaves nothing stored and nothing on chain. Each test has residents of its own.
 */
@SpringBootTest(classes = HashBridgeNode.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=hashbridge-node", "spring.main.banner-mode=off",
        "hashbridge.node.operator=hk", "hashbridge.node.jurisdiction=HK", "hashbridge.node.languages=zh-HK,en",
        "spring.datasource.username=postgres", "hashbridge.chain.chain-id=31337", "hashbridge.node.generate-keys=true",
        "hashbridge.consent.recipients[0].id=cn.abc-shenzhen", "hashbridge.consent.recipients[0].name=ABC Shenzhen",
        "hashbridge.consent.recipients[0].contact=dpo@abc-shenzhen.example"})
@Import(ResidentSignaturesIT.Clocks.class)
class ResidentSignaturesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OPERATOR_PASSWORD = "operator-password-for-tests";
    private static final InstitutionId ISSUER = new InstitutionId("hk.transunion");
    private static final InstitutionId VERIFIER = new InstitutionId("cn.abc-shenzhen");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestRegistry registry;
    private static boolean institutionsReady;

    @LocalServerPort
    private int port;
    @Autowired
    private ResidentKeys keys;
    @Autowired
    private NodeKeys nodeKeys;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private MovableClock clock;

    /** The node's clock, which a test moves forward together with the chain's. */
    static final class MovableClock extends Clock {
        private volatile Duration ahead = Duration.ZERO;

        void advance(Duration by) {
            ahead = ahead.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @DynamicPropertySource
    static void chainAndDatabase(DynamicPropertyRegistry properties) {
        registry = TestRegistry.start();
        registry.sz.registerVerifier(VERIFIER);
        String database = TestPostgres.newDatabase();
        properties.add("spring.datasource.url", () -> database);
        properties.add("hashbridge.node.data-directory", () -> "target/it-resident-signatures-" + UUID.randomUUID());
        properties.add("hashbridge.chain.rpc-url", registry.chain::rpcUrl);
        properties.add("hashbridge.chain.registry-address", registry.deployment::registry);
        properties.add("hashbridge.chain.operator-key", DevAccounts::hkOperatorKeyHex);
        properties.add("hashbridge.admin.operators[0].username", () -> "op");
        properties.add("hashbridge.admin.operators[0].password-hash",
                () -> "{bcrypt}" + new BCryptPasswordEncoder().encode(OPERATOR_PASSWORD));
    }

    @AfterAll
    static void stopChain() {
        registry.close();
    }

    @BeforeEach
    void issuerAtHome() throws Exception {
        if (!institutionsReady) {
            Answer onboarded = operator("POST", "/api/v1/operator/institutions", Map.of("id", ISSUER.value(), "role", "ISSUER"));
            assertThat(onboarded.status()).as(onboarded.raw()).isIn(201, 202);
            institutionsReady = true;
        }
    }

    // ---------------------------------------------------------------- passkeys

    @Test
    void aPasskeyWithNoneAttestationIsRegisteredAndBoundOnChain() throws Exception {
        Resident resident = resident();
        TestPasskey passkey = TestPasskey.es256();

        ResidentKeyView view = keys.registerPasskey(resident.caller(), passkey.registration("localhost", origin(),
                challengeOf(keys.passkeyOptions(resident.caller()))), null);

        assertThat(view.latest().orElseThrow().status()).isEqualTo("BOUND");
        assertThat(view.latest().orElseThrow().how()).isEqualTo("BIND");
        assertThat(view.keyHash()).contains(passkey.key().hash().hex());
        assertThat(view.passkeys()).extracting(ResidentKeyView.Passkey::credentialId).containsExactly(passkey.credentialId());
        assertThat(onChain(resident).map(ResidentKeyOnChain::keyHash)).contains(passkey.key().hash());
        Answer mine = resident.get("/api/v1/residents/me/key");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body().path("keyHash").asString()).isEqualTo(passkey.key().hash().hex());
        assertThat(mine.body().path("binding").asString()).isEqualTo(resident.binding().hex());
        assertThat(mine.body().path("nonce").asLong()).isEqualTo(1);
        assertThat(mine.body().path("jurisdiction").asString()).isEqualTo("HK");
        assertThat(mine.body().path("registry").asString()).isEqualToIgnoringCase(registry.deployment.registry());

        RegistrationOptions again = keys.passkeyOptions(resident.caller());
        assertThat(again.excludeCredentials()).extracting(RegistrationOptions.Descriptor::id).containsExactly(passkey.credentialId());
        assertThat(again.user().id()).as("a random user handle, never the resident's identifier")
                .isEqualTo(keys.passkeyOptions(resident.caller()).user().id()).doesNotContain(resident.id());
        assertThat(again.pubKeyCredParams()).extracting(RegistrationOptions.Parameter::alg).containsExactly(-7L);
        assertThat(again.attestation()).isEqualTo("none");
    }

    @Test
    void aPasskeyRegistrationOverAChallengeTheNodeDidNotGiveIsRefusedAndNothingKept() {
        Resident resident = resident();
        keys.passkeyOptions(resident.caller());
        TestPasskey passkey = TestPasskey.es256();

        assertRefused(() -> keys.registerPasskey(resident.caller(), passkey.registration("localhost", origin(), random32()), null),
                "PASSKEY_CHALLENGE_INVALID");
        Resident other = resident();
        byte[] othersChallenge = challengeOf(keys.passkeyOptions(other.caller()));
        assertRefused(() -> keys.registerPasskey(resident.caller(), passkey.registration("localhost", origin(), othersChallenge),
                null), "PASSKEY_CHALLENGE_INVALID");
        assertNothingKept(resident);
    }

    @Test
    void aPasskeyRegistrationFromAnotherOriginOrRelyingPartyIsRefused() {
        Resident resident = resident();
        TestPasskey passkey = TestPasskey.es256();

        assertRefused(() -> keys.registerPasskey(resident.caller(), passkey.registration("localhost",
                "https://hashbridge-phish.example", challengeOf(keys.passkeyOptions(resident.caller()))), null),
                "PASSKEY_ORIGIN_INVALID");
        assertRefused(() -> keys.registerPasskey(resident.caller(), passkey.registration("hashbridge-phish.example",
                origin(), challengeOf(keys.passkeyOptions(resident.caller()))), null), "PASSKEY_INVALID");
        assertNothingKept(resident);
    }

    @Test
    void aReplayedPasskeyRegistrationIsRefused() {
        Resident resident = resident();
        TestPasskey passkey = TestPasskey.es256();
        String registration = passkey.registration("localhost", origin(), challengeOf(keys.passkeyOptions(resident.caller())));
        keys.registerPasskey(resident.caller(), registration, null);

        assertRefused(() -> keys.registerPasskey(resident.caller(), registration, null), "PASSKEY_CHALLENGE_INVALID");
        assertThat(rows("resident_passkey", resident)).isOne();
        assertThat(rows("resident_key_registration", resident)).isOne();
    }

    @Test
    void aPasskeyOfAnotherAlgorithmThanEs256IsRefused() {
        Resident resident = resident();
        TestPasskey p384 = TestPasskey.es384();

        assertRefused(() -> keys.registerPasskey(resident.caller(), p384.registration("localhost", origin(),
                challengeOf(keys.passkeyOptions(resident.caller()))), null), "PASSKEY_ALGORITHM_UNSUPPORTED");
        assertRefused(() -> keys.registerPasskey(resident.caller(), "{\"id\":\"not a credential\"}", null), "MALFORMED_PASSKEY");
        assertNothingKept(resident);
    }

    @Test
    void aPasskeyApprovesWithItsStoredKeyAndAnUnknownOneIsRefused() {
        Resident resident = resident();
        TestPasskey passkey = TestPasskey.es256();
        keys.registerPasskey(resident.caller(), passkey.registration("localhost", origin(),
                challengeOf(keys.passkeyOptions(resident.caller()))), null);
        Hash32 challenge = TestRegistry.randomHash();
        assertThat(keys.approvalOptions(resident.caller(), challenge).allowCredentials())
                .extracting(RegistrationOptions.Descriptor::id).containsExactly(passkey.credentialId());

        TestPasskey.Assertion assertion = passkey.assertion("localhost", origin(), challenge.bytes());
        ResidentApproval approval = keys.approvalFromPasskey(resident.caller(), assertion.credentialId(),
                assertion.authenticatorData(), assertion.clientDataJSON(), assertion.signature());

        approval.verify(challenge);
        assertThat(approval.key()).isEqualTo(passkey.key());
        assertRefused(() -> keys.approvalFromPasskey(resident.caller(), assertion.credentialId(), assertion.authenticatorData(),
                assertion.clientDataJSON(), assertion.signature()), "PASSKEY_INVALID"); // its counter did not move on
        TestPasskey stranger = TestPasskey.es256();
        TestPasskey.Assertion foreign = stranger.assertion("localhost", origin(), challenge.bytes());
        assertRefused(() -> keys.approvalFromPasskey(resident.caller(), foreign.credentialId(), foreign.authenticatorData(),
                foreign.clientDataJSON(), foreign.signature()), "UNKNOWN_PASSKEY");
        TestPasskey.Assertion elsewhere = passkey.assertion("localhost", "https://hashbridge-phish.example", challenge.bytes());
        assertRefused(() -> keys.approvalFromPasskey(resident.caller(), elsewhere.credentialId(), elsewhere.authenticatorData(),
                elsewhere.clientDataJSON(), elsewhere.signature()), "PASSKEY_ORIGIN_INVALID");
    }

    @Test
    void aPasskeySignsInOnceWithAChallengeOfTheNode() {
        Resident resident = resident();
        TestPasskey passkey = TestPasskey.es256();
        keys.registerPasskey(resident.caller(), passkey.registration("localhost", origin(),
                challengeOf(keys.passkeyOptions(resident.caller()))), null);
        byte[] challenge = Base64.getUrlDecoder().decode(keys.signInOptions().challenge());

        TestPasskey.Assertion assertion = passkey.assertion("localhost", origin(), challenge);
        assertThat(keys.signInWithPasskey(assertion.credentialId(), assertion.authenticatorData(), assertion.clientDataJSON(),
                assertion.signature())).isEqualTo(resident.caller());

        TestPasskey.Assertion replayed = passkey.assertion("localhost", origin(), challenge);
        assertRefused(() -> keys.signInWithPasskey(replayed.credentialId(), replayed.authenticatorData(),
                replayed.clientDataJSON(), replayed.signature()), "PASSKEY_CHALLENGE_INVALID");
    }

    // ---------------------------------------------------------------- software keys, replacement, recovery

    @Test
    void aSoftwareKeyWithItsProofIsBoundOnChain() throws Exception {
        Resident resident = resident();
        SoftwareAuthenticator key = SoftwareAuthenticator.generate();

        Answer answer = resident.registerKey(key, key.approve(registration(resident, key.key())), null);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        assertThat(answer.body().path("status").asString()).isEqualTo("BOUND");
        assertThat(answer.body().path("keyHash").asString()).isEqualTo(key.key().hash().hex());
        assertThat(onChain(resident).map(ResidentKeyOnChain::keyHash)).contains(key.key().hash());
    }

    @Test
    void aSoftwareKeyProvenByAnotherKeyOrForAnotherBindingIsRefused() throws Exception {
        Resident resident = resident();
        SoftwareAuthenticator key = SoftwareAuthenticator.generate();
        SoftwareAuthenticator other = SoftwareAuthenticator.generate();

        Answer byAnother = resident.registerKey(key, other.approve(registration(resident, key.key())), null);
        Answer otherBinding = resident.registerKey(key, key.approve(ResidentChallenges.keyRegistration(
                TestRegistry.randomHash(), key.key().hash())), null);
        Answer notSigned = resident.registerKey(key, new ResidentApproval(key.key(),
                key.approve(registration(resident, key.key())).authenticatorData(),
                key.approve(registration(resident, key.key())).clientDataJSON(),
                other.approve(registration(resident, key.key())).signature()), null);

        assertThat(byAnother.status()).isEqualTo(422);
        assertThat(byAnother.code()).isEqualTo("RESIDENT_KEY_MISMATCH");
        assertThat(otherBinding.status()).isEqualTo(422);
        assertThat(otherBinding.code()).isEqualTo("APPROVAL_CHALLENGE_MISMATCH");
        assertThat(notSigned.status()).isEqualTo(422);
        assertThat(notSigned.code()).isEqualTo("APPROVAL_SIGNATURE_INVALID");
        assertThat(resident.post("/api/v1/residents/me/keys", Map.of("key", key.key(), "proof", "not an approval")).code())
                .isIn("MALFORMED_APPROVAL", "MALFORMED_JSON");
        assertNothingKept(resident);
    }

    @Test
    void aSecondKeyReplacesTheBoundOneOnlyWithItsApproval() throws Exception {
        Resident resident = resident();
        SoftwareAuthenticator first = SoftwareAuthenticator.generate();
        assertThat(resident.registerKey(first, first.approve(registration(resident, first.key())), null).status()).isEqualTo(201);
        SoftwareAuthenticator second = SoftwareAuthenticator.generate();
        ResidentApproval proof = second.approve(registration(resident, second.key()));
        SoftwareAuthenticator stranger = SoftwareAuthenticator.generate();

        Answer without = resident.registerKey(second, proof, null);
        Answer byStranger = resident.registerKey(second, proof, stranger.approve(replacement(resident, second.key(), 1)));
        Answer staleNonce = resident.registerKey(second, proof, first.approve(replacement(resident, second.key(), 0)));
        Answer forAnotherKey = resident.registerKey(second, proof, first.approve(replacement(resident, stranger.key(), 1)));
        Answer same = resident.registerKey(first, first.approve(registration(resident, first.key())), null);

        assertThat(without.status()).isEqualTo(409);
        assertThat(without.code()).isEqualTo("RESIDENT_KEY_BOUND");
        assertThat(byStranger.status()).isEqualTo(422);
        assertThat(byStranger.code()).isEqualTo("RESIDENT_KEY_MISMATCH");
        assertThat(staleNonce.code()).isEqualTo("APPROVAL_CHALLENGE_MISMATCH");
        assertThat(forAnotherKey.code()).isEqualTo("APPROVAL_CHALLENGE_MISMATCH");
        assertThat(same.code()).isEqualTo("RESIDENT_KEY_ALREADY_BOUND");
        assertThat(rows("resident_key_registration", resident)).isOne();
        assertThat(onChain(resident).map(ResidentKeyOnChain::keyHash)).contains(first.key().hash());

        Answer replaced = resident.registerKey(second, proof, first.approve(replacement(resident, second.key(), 1)));

        assertThat(replaced.status()).as(replaced.raw()).isEqualTo(201);
        ResidentKeyOnChain now = onChain(resident).orElseThrow();
        assertThat(now.keyHash()).isEqualTo(second.key().hash());
        assertThat(now.nonce()).isEqualTo(2);
        assertThat(now.how()).isEqualTo(ResidentKeyOnChain.REPLACED);
        Answer replayed = resident.registerKey(stranger, stranger.approve(registration(resident, stranger.key())),
                first.approve(replacement(resident, stranger.key(), 1)));
        assertThat(replayed.code()).as("the old key approves nothing any more").isEqualTo("RESIDENT_KEY_MISMATCH");
    }

    @Test
    void theOperatorRecoversALostKeyOnlyAfterTheDelayAndTheTrailSaysSo() throws Exception {
        Resident resident = resident();
        SoftwareAuthenticator lost = SoftwareAuthenticator.generate();
        resident.registerKey(lost, lost.approve(registration(resident, lost.key())), null);
        SoftwareAuthenticator found = SoftwareAuthenticator.generate();
        String path = "/api/v1/operator/residents/" + resident.id() + "/key-recovery";

        Answer nobody = operator("POST", "/api/v1/operator/residents/HK-NOBODY-" + random32()[0] + "/key-recovery",
                Map.of("key", found.key()));
        Answer started = operator("POST", path, Map.of("key", found.key()));
        Answer twice = operator("POST", path, Map.of("key", found.key()));
        Answer early = operator("POST", path + "/completion", Map.of());

        assertThat(nobody.code()).isEqualTo("UNKNOWN_RESIDENT");
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        assertThat(started.body().path("status").asString()).isEqualTo("RECOVERING");
        assertThat(onChain(resident).orElseThrow().pendingKey()).contains(found.key().hash());
        assertThat(twice.code()).isEqualTo("RECOVERY_PENDING");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.code()).isEqualTo("RECOVERY_NOT_DUE");
        assertThat(onChain(resident).orElseThrow().keyHash()).isEqualTo(lost.key().hash());

        clock.advance(Duration.ofDays(7).plusMinutes(1));
        registry.anvil.increaseTime(Duration.ofDays(7).plusMinutes(1).toSeconds());
        Answer completed = operator("POST", path + "/completion", Map.of());

        assertThat(completed.status()).as(completed.raw()).isEqualTo(201);
        ResidentKeyOnChain recovered = onChain(resident).orElseThrow();
        assertThat(recovered.keyHash()).isEqualTo(found.key().hash());
        assertThat(recovered.how()).isEqualTo(ResidentKeyOnChain.RECOVERED);
        assertThat(jdbc.queryForList("select action from operator_audit where actor = 'op' and target = ?"
                        + " and action like 'RESIDENT_KEY_%' order by id",
                String.class, "resident " + resident.reference().hex()))
                .containsExactly("RESIDENT_KEY_RECOVERY_STARTED", "RESIDENT_KEY_RECOVERY_COMPLETED");
    }

    @Test
    void theResidentStopsARecoveryTheyDidNotAskForWithTheirKey() throws Exception {
        Resident resident = resident();
        SoftwareAuthenticator own = SoftwareAuthenticator.generate();
        resident.registerKey(own, own.approve(registration(resident, own.key())), null);
        SoftwareAuthenticator operators = SoftwareAuthenticator.generate();
        operator("POST", "/api/v1/operator/residents/" + resident.id() + "/key-recovery", Map.of("key", operators.key()));
        long nonce = onChain(resident).orElseThrow().nonce();

        Answer byOther = resident.post("/api/v1/residents/me/key-recovery/cancellation",
                Map.of("approval", operators.approve(cancellation(resident, nonce))));
        Answer cancelled = resident.post("/api/v1/residents/me/key-recovery/cancellation",
                Map.of("approval", own.approve(cancellation(resident, nonce))));

        assertThat(byOther.code()).isEqualTo("RESIDENT_KEY_MISMATCH");
        assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);
        assertThat(onChain(resident).orElseThrow().pendingKey()).isEmpty();
        assertThat(operator("POST", "/api/v1/operator/residents/" + resident.id() + "/key-recovery/completion", Map.of()).code())
                .isEqualTo("NO_RECOVERY_PENDING");
    }

    // ---------------------------------------------------------------- consents

    @Test
    void aResidentWithoutAKeyConsentsAssistedWithTheTermsOfVersion2() throws Exception {
        Resident resident = resident();

        Answer granted = resident.grant(Map.of("dataCategories", List.of("credit report authenticity"), "language", "en"));

        assertThat(granted.status()).as(granted.raw()).isEqualTo(201);
        assertThat(granted.body().path("collection").asString()).isEqualTo("ASSISTED");
        var record = ConsentToken.decode(granted.body().path("token").asString()).record();
        assertThat(record.version()).isEqualTo(2);
        assertThat(record.collection()).isEqualTo("ASSISTED");
        assertThat(record.residentKey()).isNull();
        assertThat(record.recipient()).isEqualTo(new org.hashbridge.protocol.ConsentRecord.Recipient("ABC Shenzhen",
                "dpo@abc-shenzhen.example", "SZ"));
        assertThat(record.dataCategories()).containsExactly("credit report authenticity");
        assertThat(record.language()).isEqualTo("en");
        assertThat(record.processing()).isNotBlank();
        assertThat(record.withdrawal()).isNotBlank();
        assertThat(granted.body().path("terms").path("recipient").path("name").asString()).isEqualTo("ABC Shenzhen");

        Answer inChinese = resident.grant(Map.of());
        assertThat(ConsentToken.decode(inChinese.body().path("token").asString()).record().language())
                .as("the node's first language").isEqualTo("zh-Hant-HK");
        assertThat(resident.grant(Map.of("language", "fr")).code()).isEqualTo("INVALID_CONSENT_TERMS");
    }

    @Test
    void aResidentWithABoundKeyApprovesTheirConsentBeforeAnythingIsOnChain() throws Exception {
        Resident resident = resident();
        SoftwareAuthenticator key = SoftwareAuthenticator.generate();
        resident.registerKey(key, key.approve(registration(resident, key.key())), null);

        Answer asked = resident.grant(Map.of());

        assertThat(asked.status()).as(asked.raw()).isEqualTo(202);
        assertThat(asked.body().path("status").asString()).isEqualTo("AWAITING_APPROVAL");
        ConsentToken token = ConsentToken.decode(asked.body().path("token").asString());
        assertThat(token.record().collection()).isEqualTo("RESIDENT_SIGNED");
        assertThat(token.record().residentKey()).isEqualTo(key.key().hash().hex());
        assertThat(asked.body().path("challenge").asString())
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(token.approvalChallenge().bytes()));
        assertThat(consentOnChain(token)).isEmpty();
        String consent = "/api/v1/consents/" + asked.body().path("consentId").asString();

        Answer approved = resident.post(consent + "/approval", Map.of("approval", key.approve(token.approvalChallenge())));

        assertThat(approved.status()).as(approved.raw()).isEqualTo(201);
        assertThat(approved.body().path("status").asString()).isEqualTo("AUTHORISED");
        ConsentToken carried = ConsentToken.decode(approved.body().path("token").asString());
        assertThat(carried.approval()).isNotNull();
        carried.approval().verify(carried.approvalChallenge());
        assertThat(carried.commitment()).isEqualTo(token.commitment());
        assertThat(consentOnChain(token).map(ConsentOnChain::status)).contains(ConsentOnChain.Status.AUTHORISED);

        Answer twice = resident.post(consent + "/approval", Map.of("approval", key.approve(token.approvalChallenge())));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("CONSENT_NOT_AWAITING_APPROVAL");
    }

    @Test
    void anApprovalByAnotherKeyOrOfAnotherConsentIsRefusedAndNothingGoesOnChain() throws Exception {
        Resident resident = resident();
        SoftwareAuthenticator key = SoftwareAuthenticator.generate();
        resident.registerKey(key, key.approve(registration(resident, key.key())), null);
        Answer first = resident.grant(Map.of());
        Answer second = resident.grant(Map.of());
        ConsentToken token = ConsentToken.decode(first.body().path("token").asString());
        ConsentToken other = ConsentToken.decode(second.body().path("token").asString());
        String consent = "/api/v1/consents/" + first.body().path("consentId").asString();

        Answer byAnother = resident.post(consent + "/approval",
                Map.of("approval", SoftwareAuthenticator.generate().approve(token.approvalChallenge())));
        Answer ofAnother = resident.post(consent + "/approval", Map.of("approval", key.approve(other.approvalChallenge())));
        Answer ofItsRevocation = resident.post(consent + "/approval",
                Map.of("approval", key.approve(ResidentChallenges.consentRevocation(token.commitment()))));
        Answer malformed = resident.post(consent + "/approval", Map.of("approval", Map.of("key", key.key())));

        assertThat(byAnother.status()).isEqualTo(422);
        assertThat(byAnother.code()).isEqualTo("RESIDENT_KEY_MISMATCH");
        assertThat(ofAnother.status()).isEqualTo(422);
        assertThat(ofAnother.code()).isEqualTo("APPROVAL_CHALLENGE_MISMATCH");
        assertThat(ofItsRevocation.code()).isEqualTo("APPROVAL_CHALLENGE_MISMATCH");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("MALFORMED_APPROVAL");
        assertThat(consentOnChain(token)).isEmpty();
        assertThat(resident.get(consent).body().path("status").asString()).isEqualTo("AWAITING_APPROVAL");
    }

    @Test
    void aConsentNotApprovedWithinTenMinutesCannotBeApprovedAnyMore() throws Exception {
        Resident resident = resident();
        SoftwareAuthenticator key = SoftwareAuthenticator.generate();
        resident.registerKey(key, key.approve(registration(resident, key.key())), null);
        Answer asked = resident.grant(Map.of());
        ConsentToken token = ConsentToken.decode(asked.body().path("token").asString());
        String consent = "/api/v1/consents/" + asked.body().path("consentId").asString();

        clock.advance(Duration.ofMinutes(11));
        Answer late = resident.post(consent + "/approval", Map.of("approval", key.approve(token.approvalChallenge())));

        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("APPROVAL_WINDOW_CLOSED");
        assertThat(consentOnChain(token)).isEmpty();
        assertThat(resident.get(consent).body().path("status").asString()).isEqualTo("UNAPPROVED");
    }

    @Test
    void aResidentSignedConsentIsRevokedOnlyWithTheKeysRevocation() throws Exception {
        Resident resident = resident();
        SoftwareAuthenticator key = SoftwareAuthenticator.generate();
        resident.registerKey(key, key.approve(registration(resident, key.key())), null);
        Answer asked = resident.grant(Map.of());
        ConsentToken token = ConsentToken.decode(asked.body().path("token").asString());
        String consent = "/api/v1/consents/" + asked.body().path("consentId").asString();
        resident.post(consent + "/approval", Map.of("approval", key.approve(token.approvalChallenge())));

        Answer deleted = resident.send("DELETE", consent, null);
        Answer overTheGrant = resident.post(consent + "/revocation", Map.of("approval", key.approve(token.approvalChallenge())));
        Answer byAnother = resident.post(consent + "/revocation", Map.of("approval",
                SoftwareAuthenticator.generate().approve(ResidentChallenges.consentRevocation(token.commitment()))));

        assertThat(deleted.status()).isEqualTo(409);
        assertThat(deleted.code()).isEqualTo("RESIDENT_APPROVAL_REQUIRED");
        assertThat(overTheGrant.status()).isEqualTo(422);
        assertThat(overTheGrant.code()).isEqualTo("APPROVAL_CHALLENGE_MISMATCH");
        assertThat(byAnother.code()).isEqualTo("RESIDENT_KEY_MISMATCH");
        assertThat(consentOnChain(token).map(ConsentOnChain::status)).contains(ConsentOnChain.Status.AUTHORISED);

        ResidentApproval revocation = key.approve(ResidentChallenges.consentRevocation(token.commitment()));
        Answer revoked = resident.post(consent + "/revocation", Map.of("approval", revocation));

        assertThat(revoked.status()).as(revoked.raw()).isEqualTo(200);
        assertThat(revoked.body().path("status").asString()).isEqualTo("REVOKED");
        assertThat(consentOnChain(token).map(ConsentOnChain::status)).contains(ConsentOnChain.Status.REVOKED);
        assertThat(JSON.treeToValue(resident.get(consent).body().path("revocation"), ResidentApproval.class))
                .isEqualTo(revocation);
    }

    @Test
    void theConsentReceiptVerifiesWithTheNodesPublishedKeysAndAChangedByteDoesNot() throws Exception {
        Resident resident = resident();
        Answer granted = resident.grant(Map.of());
        String consent = "/api/v1/consents/" + granted.body().path("consentId").asString();

        Answer receipt = resident.get(consent + "/receipt");
        String keysJson = send("GET", "/api/v1/receipt-keys", null, Map.of()).raw();
        ConsentReceipt checked = ConsentReceipt.verify(receipt.body().path("jws").asString(), ReceiptVerifier.of(keysJson));

        assertThat(receipt.status()).isEqualTo(200);
        assertThat(checked.schema()).isEqualTo("ISO/IEC TS 27560:2023");
        assertThat(checked.recordId()).isEqualTo(granted.body().path("consentId").asString());
        assertThat(checked.controller().id()).isEqualTo(ISSUER.value());
        assertThat(checked.recipient().name()).isEqualTo("ABC Shenzhen");
        assertThat(checked.jurisdictions()).containsExactly("HK", "SZ");
        assertThat(checked.collectionMethod()).isEqualTo("ASSISTED");
        assertThat(checked.commitment()).isEqualTo(granted.body().path("commitment").asString());
        assertThat(checked.transaction()).startsWith("0x");
        assertThat(checked.events()).extracting(ConsentReceipt.Event::type).containsExactly("GIVEN");
        String jws = receipt.body().path("jws").asString();
        String[] parts = jws.split("\\.");
        byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
        payload[payload.length / 2] ^= 1;
        String changed = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + "." + parts[2];
        assertThatThrownBy(() -> ConsentReceipt.verify(changed, ReceiptVerifier.of(keysJson)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("RECEIPT_SIGNATURE_INVALID"));
    }

    // ---------------------------------------------------------------- helpers

    /** A resident provisioned through the operator API, with their bearer credential. */
    private record Resident(String id, String credential, SubjectReference reference, ResidentSignaturesIT test) {

        Caller caller() {
            return new Caller(id, Role.RESIDENT);
        }

        Hash32 binding() {
            return ResidentKey.binding(reference);
        }

        Answer get(String path) throws Exception {
            return send("GET", path, null);
        }

        Answer post(String path, Object body) throws Exception {
            return send("POST", path, body);
        }

        Answer send(String method, String path, Object body) throws Exception {
            return test.send(method, path, body, Map.of("Authorization", "Bearer " + credential));
        }

        Answer registerKey(SoftwareAuthenticator key, ResidentApproval proof, ResidentApproval replacement) throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("key", key.key());
            body.put("proof", proof);
            if (replacement != null) {
                body.put("replacement", replacement);
            }
            return post("/api/v1/residents/me/keys", body);
        }

        Answer grant(Map<String, Object> terms) throws Exception {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("subject", id, "issuer", ISSUER.value(),
                    "verifier", VERIFIER.value(), "documentType", "credit-report", "purpose", "consumer loan application",
                    "validUntil", test.clock.instant().plus(Duration.ofDays(60)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                            .toString()));
            body.putAll(terms);
            return post("/api/v1/consents", body);
        }
    }

    private Resident resident() {
        String id = "HK-R" + HexFormat.of().formatHex(random32()).substring(0, 12).toUpperCase();
        try {
            Answer provisioned = operator("POST", "/api/v1/operator/residents", Map.of("subject", id));
            assertThat(provisioned.status()).as(provisioned.raw()).isEqualTo(201);
            return new Resident(id, provisioned.body().path("credential").asString(),
                    SubjectReference.derive(nodeKeys.subjectKey(), id), this);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Hash32 registration(Resident resident, ResidentKey key) {
        return ResidentChallenges.keyRegistration(resident.binding(), key.hash());
    }

    private Hash32 replacement(Resident resident, ResidentKey newKey, long nonce) {
        return registry.replacementChallenge("HK", resident.binding(), newKey.hash(), nonce);
    }

    private Hash32 cancellation(Resident resident, long nonce) {
        return registry.cancellationChallenge("HK", resident.binding(), nonce);
    }

    private static Optional<ResidentKeyOnChain> onChain(Resident resident) {
        return registry.hk.residentKey("HK", resident.binding());
    }

    private static Optional<ConsentOnChain> consentOnChain(ConsentToken token) {
        return registry.hk.finalState().consent(token.commitment());
    }

    private void assertNothingKept(Resident resident) {
        assertThat(rows("resident_passkey", resident)).isZero();
        assertThat(rows("resident_key_registration", resident)).isZero();
        assertThat(onChain(resident)).isEmpty();
    }

    private long rows(String table, Resident resident) {
        return jdbc.queryForObject("select count(*) from " + table + " where subject_id = ?", Long.class, resident.id());
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).satisfies(e -> assertThat(e instanceof NodeException node ? node.code()
                : e instanceof InvalidInput invalid ? invalid.code() : e.toString()).isEqualTo(code));
    }

    private static byte[] challengeOf(RegistrationOptions options) {
        return Base64.getUrlDecoder().decode(options.challenge());
    }

    private static byte[] random32() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private String origin() {
        return "http://localhost:" + port;
    }

    record Answer(int status, JsonNode body, String raw) {
        String code() {
            return body.path("code").asString();
        }
    }

    private Answer operator(String method, String path, Object body) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("op:" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return send(method, path, body, Map.of("Authorization", "Basic " + basic));
    }

    private Answer send(String method, String path, Object body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin() + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String raw = response.body();
        return new Answer(response.statusCode(), raw.isBlank() ? JSON.createObjectNode() : JSON.readTree(raw), raw);
    }
}
