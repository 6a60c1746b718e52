package org.hashbridge.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import org.hashbridge.node.HomeNode.Answer;
import org.hashbridge.node.HomeNode.Resident;
import org.hashbridge.node.chain.TestRegistry;
import org.hashbridge.node.config.NodeKeys;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.ResidentChallenges;
import org.hashbridge.protocol.SoftwareAuthenticator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A node that takes no consent its operator collects alone ({@code hashbridge.consent.assisted=false}): a resident
 * without a key of their own is refused and nothing is stored; with one, the consent waits for their approval.
 */
@SpringBootTest(classes = HashBridgeNode.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=hashbridge-node", "spring.main.banner-mode=off",
        "hashbridge.node.operator=hk", "hashbridge.node.jurisdiction=HK", "spring.datasource.username=postgres",
        "hashbridge.chain.chain-id=31337", "hashbridge.node.generate-keys=true", "hashbridge.consent.assisted=false"})
class UnassistedConsentIT {

    private static final InstitutionId VERIFIER = new InstitutionId("cn.abc-shenzhen");
    private static TestRegistry registry;

    @LocalServerPort
    private int port;
    @Autowired
    private NodeKeys keys;
    @Autowired
    private Clock clock;
    @Autowired
    private JdbcTemplate jdbc;

    @DynamicPropertySource
    static void chainAndDatabase(DynamicPropertyRegistry properties) {
        registry = TestRegistry.start();
        registry.sz.registerVerifier(VERIFIER);
        HomeNode.settings(properties, registry, "unassisted");
    }

    @AfterAll
    static void stopChain() {
        registry.close();
    }

    @Test
    void aResidentWithoutAKeyOfTheirOwnIsRefusedAndOneWithAKeyApproves() throws Exception {
        HomeNode node = new HomeNode(port, keys.subjectKey(), clock);
        Answer issuer = node.operator("POST", "/api/v1/operator/institutions", Map.of("id", "hk.transunion", "role", "ISSUER"));
        assertThat(issuer.status()).as(issuer.raw()).isIn(201, 202);
        Resident resident = node.resident();

        Answer refused = resident.grant("hk.transunion", VERIFIER.value(), Map.of());

        assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("RESIDENT_KEY_REQUIRED");
        assertThat(jdbc.queryForObject("select count(*) from consent where subject_id = ?", Long.class, resident.id())).isZero();

        SoftwareAuthenticator key = SoftwareAuthenticator.generate();
        Answer registered = resident.registerKey(key, key.approve(ResidentChallenges.keyRegistration(resident.binding(),
                key.key().hash())), null);
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        Answer asked = resident.grant("hk.transunion", VERIFIER.value(), Map.of());

        assertThat(asked.status()).as(asked.raw()).isEqualTo(202);
        assertThat(asked.body().path("status").asString()).isEqualTo("AWAITING_APPROVAL");
        assertThat(asked.body().path("collection").asString()).isEqualTo("RESIDENT_SIGNED");
    }
}
