package org.hashbridge.node.institution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.hashbridge.node.HashBridgeNode;
import org.hashbridge.node.database.TestPostgres;
import org.hashbridge.node.OperatorAction;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.DevAccounts;
import org.hashbridge.node.chain.InstitutionOnChain;
import org.hashbridge.node.chain.TestRegistry;
import org.hashbridge.protocol.InstitutionId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Hong Kong node as it runs (its database, its chain client, its security), on a real chain with the registry
 * and a real PostgreSQL, driven through the operator API; the Shenzhen operator acts on the same registry with its
 * own chain key, as the other side would. Each test onboards institutions of its own.
 */
@SpringBootTest(classes = HashBridgeNode.class, properties = {
        "spring.config.name=hashbridge-node", "spring.main.banner-mode=off",
        "hashbridge.node.operator=hk", "hashbridge.node.jurisdiction=HK", "spring.datasource.username=postgres",
        "hashbridge.chain.chain-id=31337", "hashbridge.node.generate-keys=true",
        "hashbridge.institution.registration-interval=1h"})
@AutoConfigureMockMvc
@Import(InstitutionLifecycleIT.Listener.class)
class InstitutionLifecycleIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FILE_KEY = "hbk_file-bank-key-for-tests-only";
    private static final Path HOME = Path.of("target", "it-institutions-" + UUID.randomUUID());
    private static TestRegistry registry;

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ChainRegistration registration;
    @Autowired
    private Provisioning provisioning;
    @Autowired
    private Actions actions;

    /** Every operator action published, and whether a transaction was open when it was. */
    static class Actions {
        final List<Map.Entry<OperatorAction, Boolean>> seen = new CopyOnWriteArrayList<>();

        @EventListener
        void on(OperatorAction action) {
            seen.add(Map.entry(action, TransactionSynchronizationManager.isActualTransactionActive()));
        }

        List<String> of(String target) {
            return seen.stream().filter(e -> e.getKey().target().equals(target)).map(e -> e.getKey().action()).toList();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Listener {
        @Bean
        Actions actions() {
            return new Actions();
        }
    }

    @DynamicPropertySource
    static void chainAndFiles(DynamicPropertyRegistry properties) throws IOException {
        registry = TestRegistry.start();
        Files.createDirectories(HOME);
        Path file = HOME.resolve("provisioning.json");
        writeProvisioning(file, Secrets.hash(FILE_KEY));
        String database = TestPostgres.newDatabase();
        properties.add("spring.datasource.url", () -> database);
        properties.add("hashbridge.node.data-directory", () -> HOME.resolve("hk").toString());
        properties.add("hashbridge.node.provisioning-file", file::toString);
        properties.add("hashbridge.chain.rpc-url", registry.chain::rpcUrl);
        properties.add("hashbridge.chain.registry-address", registry.deployment::registry);
        properties.add("hashbridge.chain.operator-key", DevAccounts::hkOperatorKeyHex);
    }

    private static void writeProvisioning(Path file, String keyHash) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(Map.of("institutions",
                List.of(Map.of("id", "hk.file-bank", "role", "VERIFIER", "apiKeySha256", keyHash)))));
    }

    @AfterAll
    static void stopChain() {
        registry.close();
    }

    record Answer(int status, JsonNode body) {
        String code() {
            return body.path("code").asString();
        }
    }

    private Answer send(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        String raw = result.getResponse().getContentAsString();
        return new Answer(result.getResponse().getStatus(), raw.isBlank() ? JSON.createObjectNode() : JSON.readTree(raw));
    }

    private Answer operator(MockHttpServletRequestBuilder request) throws Exception {
        return send(request.with(user("op").roles("OPERATOR")));
    }

    private Answer operator(MockHttpServletRequestBuilder request, Object body) throws Exception {
        return operator(request.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)));
    }

    private Answer onboard(String id, String role) throws Exception {
        return operator(post("/api/v1/operator/institutions"), Map.of("id", id, "role", role));
    }

    /** Onboards and answers the first key's secret. */
    private String onboarded(String id, String role) throws Exception {
        Answer answer = onboard(id, role);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.body().path("apiKey").path("secret").asString();
    }

    /** The status a call with {@code secret} gets on the API of its role: 401 when the node does not take it. */
    private int callWith(String secret, String role) throws Exception {
        String path = role.equals("ISSUER") ? "/api/v1/anchors/" : "/api/v1/verifications/";
        return send(get(path + UUID.randomUUID()).header(HttpHeaders.AUTHORIZATION, "Bearer " + secret)).status();
    }

    private static Optional<InstitutionOnChain> verifierOnChain(String id) {
        return registry.sz.finalState().verifier(new InstitutionId(id).key());
    }

    private static Optional<InstitutionOnChain> issuerOnChain(String id) {
        return registry.sz.finalState().issuer(new InstitutionId(id).key());
    }

    private static void assertRefused(ThrowingCallable write, String error) {
        assertThatThrownBy(write).isInstanceOfSatisfying(ChainRejected.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    private long rows(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    @Test
    void anOnboardedVerifierIsRegisteredOnChainAndItsKeyShownOnceWorksAtOnce() throws Exception {
        Answer answer = onboard("hk.api-bank", "VERIFIER");

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        assertThat(answer.body().path("institution").path("chain").path("state").asString()).isEqualTo("ACTIVE");
        assertThat(verifierOnChain("hk.api-bank")).contains(new InstitutionOnChain("HK", true));
        String secret = answer.body().path("apiKey").path("secret").asString();
        assertThat(secret).startsWith("hbk_").hasSize(47);
        assertThat(callWith(secret, "VERIFIER")).isEqualTo(404);
        assertThat(jdbc.queryForList("select secret_hash from api_key where institution = 'hk.api-bank'", String.class))
                .containsExactly(Secrets.hash(secret));
        Answer keys = operator(get("/api/v1/operator/institutions/hk.api-bank/api-keys"));
        assertThat(keys.body().toString()).doesNotContain(secret).doesNotContain(Secrets.hash(secret));
        assertThat(actions.of("hk.api-bank")).containsExactly("INSTITUTION_ONBOARDED", "API_KEY_ISSUED");
        assertThat(actions.seen).allSatisfy(e -> assertThat(e.getValue()).as("published inside the change's transaction").isTrue());

        Answer again = onboard("hk.api-bank", "ISSUER");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("INSTITUTION_EXISTS");
        assertThat(jdbc.queryForObject("select count(*) from api_key where institution = 'hk.api-bank'", Long.class)).isOne();
    }

    @Test
    void theProvisioningFileAndTheApiEndInTheSameRowsAndTheSameChainState() throws Exception {
        onboarded("hk.api-twin", "VERIFIER");
        registration.registerMissing();

        String sql = "select role, active, changed_at, (select count(*) from api_key k where k.institution = i.id"
                + " and k.revoked_at is null) as live from institution i where id = ?";
        assertThat(jdbc.queryForMap(sql, "hk.file-bank")).isEqualTo(jdbc.queryForMap(sql, "hk.api-twin"));
        assertThat(verifierOnChain("hk.file-bank")).isEqualTo(verifierOnChain("hk.api-twin"))
                .contains(new InstitutionOnChain("HK", true));
        assertThat(callWith(FILE_KEY, "VERIFIER")).isEqualTo(404);
        Answer view = operator(get("/api/v1/operator/institutions/hk.file-bank"));
        assertThat(view.body().path("chain").path("state").asString()).isEqualTo("ACTIVE");
        assertThat(view.body().path("pending").asBoolean()).isFalse();
    }

    @Test
    void aKeyRotatedByTheFileReplacesEveryLiveKeyAndTheSameFileAgainChangesNothing() throws Exception {
        Path file = HOME.resolve("provisioning.json");
        provisioning.provision();
        assertThat(actions.of("hk.file-bank")).doesNotContain("API_KEY_REVOKED");
        String newKey = "hbk_file-bank-rotated-key-for-tests";
        try {
            writeProvisioning(file, Secrets.hash(newKey));
            provisioning.provision();
            assertThat(callWith(FILE_KEY, "VERIFIER")).isEqualTo(401);
            assertThat(callWith(newKey, "VERIFIER")).isEqualTo(404);
        } finally {
            writeProvisioning(file, Secrets.hash(FILE_KEY));
        }
        assertThatThrownBy(provisioning::provision).as("a revoked key never works again")
                .hasMessageContaining("revoked API key of hk.file-bank");
        assertThat(callWith(FILE_KEY, "VERIFIER")).isEqualTo(401);
        // what the other tests expect of the file's institution
        jdbc.update("update api_key set revoked_at = null where secret_hash = ?", Secrets.hash(FILE_KEY));
        jdbc.update("update api_key set revoked_at = now() where secret_hash = ?", Secrets.hash(newKey));
    }

    @Test
    void anIdOfTheOtherSidesNamespaceIsRefusedByTheNodeAndTheRegistryAndNothingChanges() throws Exception {
        String szBank = onboarded("hk.guarded-bank", "VERIFIER");
        long institutions = rows("institution");
        long keys = rows("api_key");
        long block = registry.anvil.latestBlockNumber();

        Answer answer = onboard("cn.evil-bank", "VERIFIER");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.code()).isEqualTo("FOREIGN_NAMESPACE");
        assertThat(rows("institution")).isEqualTo(institutions);
        assertThat(rows("api_key")).isEqualTo(keys);
        assertThat(registry.anvil.latestBlockNumber()).as("nothing sent to the chain").isEqualTo(block);
        assertThat(verifierOnChain("cn.evil-bank")).isEmpty();

        // the Shenzhen operator, with its own chain key, around its node
        InstitutionId guarded = new InstitutionId("hk.guarded-bank");
        assertRefused(() -> registry.sz.setVerifierActive(guarded.key(), false), "ForeignJurisdiction");
        assertRefused(() -> registry.sz.registerVerifier(new InstitutionId("hk.evil-bank")), "ForeignNamespace");
        assertRefused(() -> registry.sz.registerVerifier(guarded), "ForeignNamespace");
        assertThat(verifierOnChain("hk.guarded-bank")).contains(new InstitutionOnChain("HK", true));
        assertThat(callWith(szBank, "VERIFIER")).isEqualTo(404);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceWhileTheOtherLiveKeyKeepsWorking() throws Exception {
        String first = onboarded("hk.rotating-bank", "VERIFIER");
        assertThat(callWith(first, "VERIFIER")).as("remembered by the node from now on").isEqualTo(404);
        Answer issued = operator(post("/api/v1/operator/institutions/hk.rotating-bank/api-keys"));
        assertThat(issued.status()).isEqualTo(201);
        String second = issued.body().path("secret").asString();
        assertThat(callWith(second, "VERIFIER")).isEqualTo(404);
        assertThat(callWith(first, "VERIFIER")).isEqualTo(404);

        String firstId = operator(get("/api/v1/operator/institutions/hk.rotating-bank/api-keys"))
                .body().path("apiKeys").get(0).path("id").asString();
        Answer revoked = operator(delete("/api/v1/operator/institutions/hk.rotating-bank/api-keys/" + firstId));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body().path("revokedAt").isMissingNode()).isFalse();

        Answer refused = send(get("/api/v1/verifications/" + UUID.randomUUID()).header(HttpHeaders.AUTHORIZATION, "Bearer " + first));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("UNKNOWN_CREDENTIAL");
        assertThat(callWith(second, "VERIFIER")).isEqualTo(404);
        assertThat(operator(delete("/api/v1/operator/institutions/hk.rotating-bank/api-keys/" + firstId)).code())
                .isEqualTo("API_KEY_REVOKED");
        assertThat(operator(delete("/api/v1/operator/institutions/hk.rotating-bank/api-keys/" + UUID.randomUUID())).code())
                .isEqualTo("UNKNOWN_API_KEY");
        assertThat(operator(delete("/api/v1/operator/institutions/hk.api-nobody/api-keys/" + firstId)).code())
                .isEqualTo("UNKNOWN_INSTITUTION");
        assertThat(actions.of("hk.rotating-bank"))
                .containsExactly("INSTITUTION_ONBOARDED", "API_KEY_ISSUED", "API_KEY_ISSUED", "API_KEY_REVOKED");
    }

    @Test
    void aSuspendedVerifierIsRefusedByItsNodeAndOnTheOtherSideUntilReactivated() throws Exception {
        String key = onboarded("hk.suspended-bank", "VERIFIER");
        assertThat(callWith(key, "VERIFIER")).isEqualTo(404);
        Instant inAMonth = Instant.now().plus(Duration.ofDays(30));
        InstitutionId bank = new InstitutionId("hk.suspended-bank");

        Answer suspended = operator(post("/api/v1/operator/institutions/hk.suspended-bank:suspend"));
        assertThat(suspended.status()).as(suspended.body().toString()).isEqualTo(200);
        assertThat(suspended.body().path("status").asString()).isEqualTo("SUSPENDED");
        assertThat(suspended.body().path("chain").path("state").asString()).isEqualTo("SUSPENDED");
        assertThat(callWith(key, "VERIFIER")).as("at once, though remembered a moment ago").isEqualTo(401);
        assertThat(verifierOnChain("hk.suspended-bank")).contains(new InstitutionOnChain("HK", false));
        // the Shenzhen node, recording a consent that names it, is refused by the registry (VERIFIER_SUSPENDED)
        assertRefused(() -> registry.sz.simulateRecordConsent(TestRegistry.randomHash(), TestRegistry.SZ_ISSUER,
                bank.key(), inAMonth), "VerifierSuspended");
        assertThat(operator(post("/api/v1/operator/institutions/hk.suspended-bank:suspend")).code())
                .isEqualTo("INSTITUTION_SUSPENDED");

        Answer reactivated = operator(post("/api/v1/operator/institutions/hk.suspended-bank:reactivate"));
        assertThat(reactivated.status()).isEqualTo(200);
        assertThat(reactivated.body().path("chain").path("state").asString()).isEqualTo("ACTIVE");
        assertThat(callWith(key, "VERIFIER")).isEqualTo(404);
        registry.sz.simulateRecordConsent(TestRegistry.randomHash(), TestRegistry.SZ_ISSUER, bank.key(), inAMonth);
        assertThat(operator(post("/api/v1/operator/institutions/hk.suspended-bank:reactivate")).code())
                .isEqualTo("INSTITUTION_ACTIVE");
        assertThat(actions.of("hk.suspended-bank")).containsExactly("INSTITUTION_ONBOARDED", "API_KEY_ISSUED",
                "INSTITUTION_SUSPENDED", "INSTITUTION_REACTIVATED");
    }

    @Test
    void aSuspendedIssuerCannotAnchorAndTheOtherSideSeesItInactiveUntilReactivated() throws Exception {
        String key = onboarded("hk.suspended-bureau", "ISSUER");
        InstitutionId bureau = new InstitutionId("hk.suspended-bureau");
        assertThat(callWith(key, "ISSUER")).isEqualTo(404);

        assertThat(operator(post("/api/v1/operator/institutions/hk.suspended-bureau:suspend")).status()).isEqualTo(200);
        Answer anchoring = send(post("/api/v1/anchors").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).content("{}"));
        assertThat(anchoring.status()).isEqualTo(401);
        assertThat(anchoring.code()).isEqualTo("UNKNOWN_CREDENTIAL");
        // its operator's own chain key cannot anchor for it either; the other side's ISSUER check reads it inactive
        assertRefused(() -> registry.hk.anchorRoot(bureau.key(), TestRegistry.randomHash(), 1), "IssuerSuspended");
        assertThat(issuerOnChain("hk.suspended-bureau")).contains(new InstitutionOnChain("HK", false));

        assertThat(operator(post("/api/v1/operator/institutions/hk.suspended-bureau:reactivate")).status()).isEqualTo(200);
        assertThat(issuerOnChain("hk.suspended-bureau")).contains(new InstitutionOnChain("HK", true));
        assertThat(callWith(key, "ISSUER")).isEqualTo(404);
        registry.hk.anchorRoot(bureau.key(), TestRegistry.randomHash(), 1);
    }

    @Test
    void malformedOrUnknownInputChangesNothingHereNorOnChain() throws Exception {
        long institutions = rows("institution");
        long keys = rows("api_key");
        long block = registry.anvil.latestBlockNumber();

        assertThat(onboard("HK.Bad", "VERIFIER").code()).isEqualTo("INVALID_INSTITUTION");
        assertThat(onboard("hk.resident-bank", "RESIDENT").code()).isEqualTo("INVALID_ROLE");
        assertThat(onboard("hk." + "a".repeat(64), "ISSUER").code()).isEqualTo("INVALID_INSTITUTION");
        assertThat(operator(post("/api/v1/operator/institutions"),
                Map.of("id", "hk.extra-bank", "role", "ISSUER", "active", false)).code()).isEqualTo("UNKNOWN_FIELD");
        assertThat(operator(post("/api/v1/operator/institutions/hk.nobody:suspend")).code()).isEqualTo("UNKNOWN_INSTITUTION");
        assertThat(operator(post("/api/v1/operator/institutions/hk.nobody/api-keys")).code()).isEqualTo("UNKNOWN_INSTITUTION");
        assertThat(operator(get("/api/v1/operator/institutions/hk.nobody")).status()).isEqualTo(404);
        assertThat(send(post("/api/v1/operator/institutions/hk.file-bank:suspend")).code()).isEqualTo("UNAUTHENTICATED");
        assertThat(send(post("/api/v1/operator/institutions/hk.file-bank:suspend")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + FILE_KEY)).code())
                .as("an institution's key is no operator's credential").isEqualTo("UNKNOWN_CREDENTIAL");

        assertThat(rows("institution")).isEqualTo(institutions);
        assertThat(rows("api_key")).isEqualTo(keys);
        assertThat(registry.anvil.latestBlockNumber()).isEqualTo(block);
        assertThat(verifierOnChain("hk.file-bank")).contains(new InstitutionOnChain("HK", true));
    }

    @Test
    void aResidentsCredentialIsShownOnceAndARotatedOneStopsAtOnce() throws Exception {
        Answer created = operator(post("/api/v1/operator/residents"), Map.of("subject", "hk-z7654321"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("subject").asString()).isEqualTo("HK-Z7654321");
        String first = created.body().path("credential").asString();
        assertThat(first).startsWith("hbr_");
        assertThat(send(get("/api/v1/consents").header(HttpHeaders.AUTHORIZATION, "Bearer " + first)).status()).isEqualTo(200);
        assertThat(operator(post("/api/v1/operator/residents"), Map.of("subject", "HK-Z7654321")).code())
                .isEqualTo("RESIDENT_EXISTS");

        Answer rotated = operator(post("/api/v1/operator/residents:rotate-credential"), Map.of("subject", "HK-Z7654321"));
        assertThat(rotated.status()).isEqualTo(200);
        String second = rotated.body().path("credential").asString();
        assertThat(send(get("/api/v1/consents").header(HttpHeaders.AUTHORIZATION, "Bearer " + first)).code())
                .isEqualTo("UNKNOWN_CREDENTIAL");
        assertThat(send(get("/api/v1/consents").header(HttpHeaders.AUTHORIZATION, "Bearer " + second)).status()).isEqualTo(200);
        assertThat(operator(post("/api/v1/operator/residents:rotate-credential"), Map.of("subject", "HK-NOBODY")).code())
                .isEqualTo("UNKNOWN_RESIDENT");
        assertThat(actions.seen).extracting(e -> e.getKey().target() + " " + e.getKey().detail())
                .as("the audit trail names a resident by its pseudonym only").noneMatch(t -> t.contains("7654321"));
    }

    @Test
    void theServedOpenApiDescribesTheOperatorApi() throws Exception {
        JsonNode docs = send(get("/v3/api-docs")).body();

        assertThat(docs.path("paths").propertyNames()).contains("/api/v1/operator/institutions",
                "/api/v1/operator/institutions/{institutionId}", "/api/v1/operator/institutions/{institutionId}:suspend",
                "/api/v1/operator/institutions/{institutionId}:reactivate",
                "/api/v1/operator/institutions/{institutionId}/api-keys",
                "/api/v1/operator/institutions/{institutionId}/api-keys/{keyId}", "/api/v1/operator/residents",
                "/api/v1/operator/residents:rotate-credential");
        assertThat(docs.path("components").path("schemas").path("OnboardRequest").path("properties").propertyNames())
                .containsExactlyInAnyOrder("id", "role");
        assertThat(docs.path("paths").path("/api/v1/operator/institutions").path("post").path("description").asString())
                .contains("FOREIGN_NAMESPACE", "INSTITUTION_EXISTS");
    }

    @Test
    void aSuspensionMadeOnChainAroundTheNodeIsShownBesideTheNodesStateAndNotUndone() throws Exception {
        String key = onboarded("hk.out-of-band-bank", "VERIFIER");
        InstitutionId bank = new InstitutionId("hk.out-of-band-bank");
        registry.hk.setVerifierActive(bank.key(), false);

        registration.registerMissing();
        assertThat(verifierOnChain("hk.out-of-band-bank")).contains(new InstitutionOnChain("HK", false));
        Answer view = operator(get("/api/v1/operator/institutions/hk.out-of-band-bank"));
        assertThat(view.body().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(view.body().path("chain").path("state").asString()).isEqualTo("SUSPENDED");
        assertThat(view.body().path("pending").asBoolean()).isFalse();
        JsonNode registryHealth = send(get("/actuator/health")).body().path("components").path("registry").path("details");
        assertThat(registryHealth.path("institutionsChangedOnChain").toString()).contains("hk.out-of-band-bank");
        assertThat(registryHealth.path("institutionsPending").toString()).doesNotContain("hk.out-of-band-bank");
        assertThat(callWith(key, "VERIFIER")).as("the node's own state is the operator's").isEqualTo(404);

        assertThat(operator(post("/api/v1/operator/institutions/hk.out-of-band-bank:suspend")).status()).isEqualTo(200);
        Answer reactivated = operator(post("/api/v1/operator/institutions/hk.out-of-band-bank:reactivate"));
        assertThat(reactivated.status()).isEqualTo(200);
        assertThat(verifierOnChain("hk.out-of-band-bank")).contains(new InstitutionOnChain("HK", true));
        assertThat(jdbc.queryForObject("select chain_pending from institution where id = 'hk.out-of-band-bank'", Boolean.class))
                .isFalse();
    }

    @Test
    void aProvisioningFileNamingTheOtherSidesInstitutionIsRefusedWhole() throws Exception {
        Path file = HOME.resolve("provisioning.json");
        long institutions = rows("institution");
        try {
            Files.writeString(file, JSON.writeValueAsString(Map.of("institutions", List.of(
                    Map.of("id", "hk.file-new-bank", "role", "VERIFIER", "apiKeySha256", Secrets.hash("hbk_file-new")),
                    Map.of("id", "cn.file-evil-bank", "role", "VERIFIER", "apiKeySha256", Secrets.hash("hbk_file-evil"))))));
            assertThatThrownBy(provisioning::provision).isInstanceOfSatisfying(InstitutionRefused.class,
                    e -> assertThat(e.code()).isEqualTo("FOREIGN_NAMESPACE"));
        } finally {
            writeProvisioning(file, Secrets.hash(FILE_KEY));
        }
        assertThat(rows("institution")).as("the file is read in one transaction").isEqualTo(institutions);
        assertThat(callWith("hbk_file-new", "VERIFIER")).isEqualTo(401);
    }
}
