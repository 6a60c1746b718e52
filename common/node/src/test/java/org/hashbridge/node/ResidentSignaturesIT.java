package org.hashbridge.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hashbridge.node.chain.ConsentOnChain;
import org.hashbridge.node.chain.ResidentKeyOnChain;
import org.hashbridge.node.chain.TestRegistry;
import org.hashbridge.node.config.NodeKeys;
import org.hashbridge.node.institution.RegistrationOptions;
import org.hashbridge.node.institution.ResidentKeyView;
import org.hashbridge.node.institution.ResidentKeys;
import org.hashbridge.node.HomeNode.Answer;
import org.hashbridge.node.HomeNode.Resident;
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

    private static final JsonMapper JSON = HomeNode.JSON;
    private static final InstitutionId ISSUER = new InstitutionId("hk.transunion");
    private static final InstitutionId VERIFIER = new InstitutionId("cn.abc-shenzhen");
    private static TestRegistry registry;
    private static String issuerKey;

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
        HomeNode.settings(properties, registry, "resident-signatures");
    }

    @AfterAll
    static void stopChain() {
        registry.close();
    }

    @BeforeEach
    void issuerAtHome() throws Exception {
        if (issuerKey == null) {
            Answer onboarded = operator("POST", "/api/v1/operator/institutions", Map.of("id", ISSUER.value(), "role", "ISSUER"));
            assertThat(onboarded.status()).as(onboarded.raw()).isIn(201, 202);
            issuerKey = onboarded.body().path("apiKey").path("secret").asString();
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
        // an approval changes nothing until what it approves takes it (once, for its own challenge): the passkey's
        // counter is not stored, so a refused approval cannot spoil the resident's next genuine one
        assertThat(keys.approvalFromPasskey(resident.caller(), assertion.credentialId(), assertion.authenticatorData(),
                assertion.clientDataJSON(), assertion.signature())).isEqualTo(approval);
        assertThat(keys.current(resident.caller()).passkeys()).extracting(ResidentKeyView.Passkey::lastUsedAt).containsOnly(java.util.Optional.empty());
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
    void aKeyBoundToAnotherResidentIsRefusedAsItWouldLinkThemOnChain() throws Exception {
        Resident first = resident();
        Resident second = resident();
        SoftwareAuthenticator shared = SoftwareAuthenticator.generate();
        assertThat(first.registerKey(shared, shared.approve(registration(first, shared.key())), null).status()).isEqualTo(201);

        Answer again = second.registerKey(shared, shared.approve(registration(second, shared.key())), null);

        assertThat(again.status()).as(again.raw()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("RESIDENT_KEY_IN_USE");
        assertNothingKept(second);
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
        assertThat(operator("POST", path, Map.of("key", found.key(), "keyHash", "ab")).code())
                .as("an operator's misspelt or extra field is refused, never ignored").isEqualTo("UNKNOWN_FIELD");
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
    void aBankTheNodeNamesCannotBeNamedOtherwiseByTheRequest() throws Exception {
        Resident resident = resident();

        Answer renamed = resident.grant(ISSUER.value(), VERIFIER.value(), Map.of("recipientName", "HSBC Hong Kong"));
        Answer recontacted = resident.grant(ISSUER.value(), VERIFIER.value(), Map.of("recipientContact", "call me"));
        Answer same = resident.grant(ISSUER.value(), VERIFIER.value(), Map.of("recipientName", "ABC Shenzhen"));

        assertThat(renamed.status()).as(renamed.raw()).isEqualTo(400);
        assertThat(renamed.code()).isEqualTo("INVALID_CONSENT_TERMS");
        assertThat(recontacted.code()).isEqualTo("INVALID_CONSENT_TERMS");
        assertThat(same.status()).as(same.raw()).isEqualTo(201);
    }

    @Test
    void aResidentWithoutAKeyConsentsAssistedWithTheTermsOfVersion2() throws Exception {
        Resident resident = resident();

        Answer granted = resident.grant(ISSUER.value(), VERIFIER.value(), Map.of("dataCategories", List.of("credit report authenticity"), "language", "en"));

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

        Answer inChinese = resident.grant(ISSUER.value(), VERIFIER.value(), Map.of());
        assertThat(ConsentToken.decode(inChinese.body().path("token").asString()).record().language())
                .as("the node's first language").isEqualTo("zh-Hant-HK");
        assertThat(resident.grant(ISSUER.value(), VERIFIER.value(), Map.of("language", "fr")).code()).isEqualTo("INVALID_CONSENT_TERMS");
    }

    @Test
    void aResidentWithABoundKeyApprovesTheirConsentBeforeAnythingIsOnChain() throws Exception {
        Resident resident = resident();
        SoftwareAuthenticator key = SoftwareAuthenticator.generate();
        resident.registerKey(key, key.approve(registration(resident, key.key())), null);

        Answer asked = resident.grant(ISSUER.value(), VERIFIER.value(), Map.of());

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
        Answer first = resident.grant(ISSUER.value(), VERIFIER.value(), Map.of());
        Answer second = resident.grant(ISSUER.value(), VERIFIER.value(), Map.of());
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
        Asked asked = askedWithAKey();
        Resident resident = asked.resident();
        SoftwareAuthenticator key = asked.key();
        ConsentToken token = asked.token();
        String consent = asked.path();

        clock.advance(Duration.ofMinutes(11));
        Answer late = resident.post(consent + "/approval", Map.of("approval", key.approve(token.approvalChallenge())));

        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("APPROVAL_WINDOW_CLOSED");
        assertThat(consentOnChain(token)).isEmpty();
        assertThat(resident.get(consent).body().path("status").asString()).isEqualTo("UNAPPROVED");
    }

    @Test
    void aResidentSignedConsentIsRevokedOnlyWithTheKeysRevocation() throws Exception {
        Asked asked = askedWithAKey();
        Resident resident = asked.resident();
        SoftwareAuthenticator key = asked.key();
        ConsentToken token = asked.token();
        String consent = asked.path();
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
    void aResidentSignedConsentVerifiesAsResidentSignedAndNotOnceRevoked() throws Exception {
        Resident resident = resident();
        SoftwareAuthenticator key = SoftwareAuthenticator.generate();
        resident.registerKey(key, key.approve(registration(resident, key.key())), null);
        Answer bank = operator("POST", "/api/v1/operator/institutions",
                Map.of("id", TestRegistry.randomInstitution("hk").value(), "role", "VERIFIER"));
        String bankId = bank.body().path("institution").path("id").asString();
        String bankKey = bank.body().path("apiKey").path("secret").asString();
        String digest = TestRegistry.randomHash().hex();
        JsonNode voucher = anchored(digest, resident);
        Answer asked = resident.grant(ISSUER.value(), bankId, Map.of());
        ConsentToken token = ConsentToken.decode(asked.body().path("token").asString());
        String consent = "/api/v1/consents/" + asked.body().path("consentId").asString();
        String approved = resident.post(consent + "/approval", Map.of("approval", key.approve(token.approvalChallenge())))
                .body().path("token").asString();
        Map<String, Object> verification = Map.of("digest", digest, "algorithm", "sha-256", "voucher", voucher,
                "consent", approved, "requireResidentSignature", true);

        Answer verified = node().institution(bankKey, "POST", "/api/v1/verifications", verification);

        assertThat(verified.body().path("verdict").asString()).as(verified.raw()).isEqualTo("VERIFIED");
        assertThat(check(verified, "CONSENT").path("code").asString()).isEqualTo("RESIDENT_SIGNED");
        Answer withoutApproval = node().institution(bankKey, "POST", "/api/v1/verifications", Map.of("digest", digest,
                "algorithm", "sha-256", "voucher", voucher, "consent", token.encode()));
        assertThat(check(withoutApproval, "CONSENT").path("code").asString()).isEqualTo("CONSENT_NOT_RESIDENT_SIGNED");

        resident.post(consent + "/revocation", Map.of("approval",
                key.approve(ResidentChallenges.consentRevocation(token.commitment()))));
        Answer revoked = node().institution(bankKey, "POST", "/api/v1/verifications", verification);
        assertThat(revoked.body().path("verdict").asString()).isEqualTo("REJECTED");
        assertThat(check(revoked, "CONSENT").path("code").asString()).isEqualTo("CONSENT_REVOKED");
    }

    /** The voucher of {@code digest}, anchored for {@code resident} by the issuer. */
    private JsonNode anchored(String digest, Resident resident) throws Exception {
        Answer anchor = node().institution(issuerKey, "POST", "/api/v1/anchors", Map.of("digest", digest,
                "algorithm", "sha-256", "documentType", "credit-report", "subject", resident.id(),
                "validUntil", clock.instant().plus(Duration.ofDays(90)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()));
        String path = "/api/v1/anchors/" + anchor.body().path("anchorId").asString();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Answer read = node().institution(issuerKey, "GET", path, null);
        while (!read.body().path("status").asString().equals("ANCHORED") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            read = node().institution(issuerKey, "GET", path, null);
        }
        assertThat(read.body().path("status").asString()).as(read.raw()).isEqualTo("ANCHORED");
        return read.body().path("voucher");
    }

    private static JsonNode check(Answer verification, String type) {
        for (JsonNode check : verification.body().path("checks")) {
            if (check.path("type").asString().equals(type)) {
                return check;
            }
        }
        throw new AssertionError("no " + type + " check in " + verification.raw());
    }

    @Test
    void theConsentReceiptVerifiesWithTheNodesPublishedKeysAndAChangedByteDoesNot() throws Exception {
        Resident resident = resident();
        Answer granted = resident.grant(ISSUER.value(), VERIFIER.value(), Map.of());
        String consent = "/api/v1/consents/" + granted.body().path("consentId").asString();

        Answer receipt = resident.get(consent + "/receipt");
        String keysJson = node().anonymous("GET", "/api/v1/receipt-keys").raw();
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

    private Resident resident() {
        return node().resident();
    }

    private HomeNode node() {
        return new HomeNode(port, nodeKeys.subjectKey(), clock);
    }

    private Answer operator(String method, String path, Object body) throws Exception {
        return node().operator(method, path, body);
    }

    /** A consent a resident with a bound software key asked for, waiting for their approval. */
    private record Asked(Resident resident, SoftwareAuthenticator key, ConsentToken token, String path) {
    }

    private Asked askedWithAKey() throws Exception {
        Resident resident = resident();
        SoftwareAuthenticator key = SoftwareAuthenticator.generate();
        assertThat(resident.registerKey(key, key.approve(registration(resident, key.key())), null).status()).isEqualTo(201);
        Answer asked = resident.grant(ISSUER.value(), VERIFIER.value(), Map.of());
        assertThat(asked.status()).as(asked.raw()).isEqualTo(202);
        return new Asked(resident, key, ConsentToken.decode(asked.body().path("token").asString()),
                "/api/v1/consents/" + asked.body().path("consentId").asString());
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
        return node().origin();
    }
}
