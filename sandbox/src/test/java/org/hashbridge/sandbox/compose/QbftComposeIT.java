package org.hashbridge.sandbox.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.hashbridge.node.institution.Secrets;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.Receipt;
import org.hashbridge.protocol.ReceiptVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consortium of docker-compose.yml brought up as docs/deployment.md tells (generate, then up: four Besu QBFT
 * validators, the registry deployed by hashbridge-operator setup, a PostgreSQL per operator, both nodes built
 * from their Dockerfiles), then the northbound story over HTTP: a Hong Kong issuer anchors, the resident consents,
 * a Shenzhen bank verifies. Needs a Docker engine with {@code docker compose}, the jars built, and some 6 GB of
 * memory; where no Docker engine answers it is skipped, saying so.
 */
@EnabledIf(value = "dockerAnswers",
        disabledReason = "no Docker engine answers here: docker-compose.yml is checked by ComposeFileTest only")
@Testcontainers(disabledWithoutDocker = true)
class QbftComposeIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String RESIDENT = "HK-A1234567";
    private static final Map<String, String> SECRETS = Map.of("hk.transunion", secret("hbk_"),
            "cn.abc-shenzhen", secret("hbk_"), RESIDENT, secret("hbr_"));

    private static ComposeProject consortium;

    static boolean dockerAnswers() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @BeforeAll
    static void bringUpTheConsortium() {
        consortium = ComposeProject.copyOf(Deployment.ofThisRepository(), Map.of(
                "compose.it.yml", OVERRIDE,
                "it/hk-provisioning.json", provisioning(List.of(institution("hk.transunion", "ISSUER")), RESIDENT),
                "it/sz-provisioning.json", provisioning(List.of(institution("cn.abc-shenzhen", "VERIFIER")), null)));
        consortium.run(Duration.ofMinutes(15), "build");
        consortium.run(Duration.ofMinutes(5), "run", "--rm", "generate");
        consortium.run(Duration.ofMinutes(10), "up", "--detach");
        consortium.awaitHealthy(Duration.ofMinutes(10), "sz-node", "hk-node");
    }

    @AfterAll
    static void takeItDown() {
        if (consortium != null) {
            consortium.close();
        }
    }

    @Test
    void aHongKongDocumentIsVerifiedInShenzhenOnTheConsortium() throws Exception {
        assertThat(get("http://127.0.0.1:8081/api/v1/node", null).path("chainId").asLong()).isEqualTo(2026);
        byte[] report = ("TransUnion HK consumer credit report\nsubject: " + RESIDENT + "\nissued: " + Instant.now())
                .getBytes(StandardCharsets.UTF_8);
        String digest = DigestAlgorithm.SHA_256.digest(report).hex();
        Instant inAYear = Instant.now().plus(Duration.ofDays(365));

        JsonNode accepted = post("http://127.0.0.1:8082/api/v1/anchors", "hk.transunion", Map.of("digest", digest,
                "algorithm", "sha-256", "documentType", "credit-report", "subject", RESIDENT, "validUntil", inAYear.toString()));
        JsonNode voucher = awaitVoucher(accepted.path("anchorId").asString());
        JsonNode consent = post("http://127.0.0.1:8082/api/v1/consents", RESIDENT, Map.of("subject", RESIDENT,
                "issuer", "hk.transunion", "verifier", "cn.abc-shenzhen", "documentType", "credit-report",
                "purpose", "consumer loan application", "validUntil", inAYear.minus(Duration.ofDays(300)).toString()));
        JsonNode answer = post("http://127.0.0.1:8081/api/v1/verifications", "cn.abc-shenzhen", Map.of("digest", digest,
                "algorithm", "sha-256", "voucher", voucher, "consent", consent.path("token").asString()));

        assertThat(answer.path("verdict").asString()).as(answer.toString()).isEqualTo("VERIFIED");
        assertThat(answer.path("checks").valueStream().map(c -> c.path("status").asString()).toList()).containsOnly("VALID");
        Receipt receipt = ReceiptVerifier.of(JSON.writeValueAsString(get("http://127.0.0.1:8081/api/v1/receipt-keys", null)))
                .verify(answer.path("receipt").asString());
        assertThat(receipt.verdict()).isEqualTo("VERIFIED");
        assertThat(receipt.digest()).isEqualTo(digest);
    }

    private static JsonNode awaitVoucher(String anchorId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            JsonNode anchor = get("http://127.0.0.1:8082/api/v1/anchors/" + anchorId, "hk.transunion");
            if (anchor.path("status").asString().equals("ANCHORED")) {
                return anchor.path("voucher");
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("anchor " + anchorId + " was not anchored on the consortium within 2 minutes");
    }

    private static JsonNode get(String url, String caller) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (caller != null) {
            request.header("Authorization", "Bearer " + SECRETS.get(caller));
        }
        return answer(request.build(), 200);
    }

    private static JsonNode post(String url, String caller, Object body) throws IOException, InterruptedException {
        return answer(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + SECRETS.get(caller))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), 0);
    }

    private static JsonNode answer(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(request.uri() + ": " + response.body()).isBetween(200, 299);
        if (expected != 0) {
            assertThat(response.statusCode()).isEqualTo(expected);
        }
        return JSON.readTree(response.body());
    }

    /** Each node reads its institutions and residents from a provisioning file the test writes (hashes only). */
    private static final String OVERRIDE = """
            services:
              sz-node:
                environment:
                  HASHBRIDGE_NODE_PROVISIONING_FILE: /etc/hashbridge/provisioning.json
                volumes:
                  - ./it/sz-provisioning.json:/etc/hashbridge/provisioning.json:ro
              hk-node:
                environment:
                  HASHBRIDGE_NODE_PROVISIONING_FILE: /etc/hashbridge/provisioning.json
                volumes:
                  - ./it/hk-provisioning.json:/etc/hashbridge/provisioning.json:ro
            """;

    private static Map<String, String> institution(String id, String role) {
        return Map.of("id", id, "role", role, "apiKeySha256", Secrets.hash(SECRETS.get(id)));
    }

    private static String provisioning(List<Map<String, String>> institutions, String resident) {
        List<Map<String, String>> residents = resident == null ? List.of()
                : List.of(Map.of("subject", resident, "credentialSha256", Secrets.hash(SECRETS.get(resident))));
        return JSON.writeValueAsString(Map.of("institutions", institutions, "residents", residents));
    }

    private static String secret(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
