package org.hashbridge.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hashbridge.node.chain.DevAccounts;
import org.hashbridge.node.chain.TestRegistry;
import org.hashbridge.node.database.TestPostgres;
import org.hashbridge.node.institution.Caller;
import org.hashbridge.node.institution.Role;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.ResidentApproval;
import org.hashbridge.protocol.ResidentKey;
import org.hashbridge.protocol.SoftwareAuthenticator;
import org.hashbridge.protocol.SubjectReference;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A node a test started on a random port, called over HTTP as its operator (HTTP Basic) and as the residents the
 * operator provisions (their bearer credential), with the consent terms of a Hong Kong resident's loan application.
 */
final class HomeNode {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OPERATOR = "op";
    private static final String OPERATOR_PASSWORD = "operator-password-for-tests";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private final byte[] subjectKey;
    private final Clock clock;

    HomeNode(int port, byte[] subjectKey, Clock clock) {
        this.port = port;
        this.subjectKey = subjectKey.clone();
        this.clock = clock;
    }

    /**
     * The Hong Kong node's settings for a test: its own database, a data directory under {@code target/}, the
     * registry of {@code registry}, the Hong Kong operator's chain key and the operator account {@link #operator}
     * signs in with.
     */
    static void settings(DynamicPropertyRegistry properties, TestRegistry registry, String name) {
        String database = TestPostgres.newDatabase();
        properties.add("spring.datasource.url", () -> database);
        properties.add("hashbridge.node.data-directory", () -> "target/it-" + name + "-" + UUID.randomUUID());
        properties.add("hashbridge.chain.rpc-url", registry.chain::rpcUrl);
        properties.add("hashbridge.chain.registry-address", registry.deployment::registry);
        properties.add("hashbridge.chain.operator-key", DevAccounts::hkOperatorKeyHex);
        operatorAccount(properties);
    }

    private static void operatorAccount(DynamicPropertyRegistry properties) {
        properties.add("hashbridge.admin.operators[0].username", () -> OPERATOR);
        properties.add("hashbridge.admin.operators[0].password-hash",
                () -> "{bcrypt}" + new BCryptPasswordEncoder().encode(OPERATOR_PASSWORD));
    }

    record Answer(int status, JsonNode body, String raw) {
        String code() {
            return body.path("code").asString();
        }
    }

    String origin() {
        return "http://localhost:" + port;
    }

    Answer operator(String method, String path, Object body) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((OPERATOR + ":" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return send(method, path, body, Map.of("Authorization", "Basic " + basic));
    }

    /** A call with an institution's API key. */
    Answer institution(String apiKey, String method, String path, Object body) throws IOException, InterruptedException {
        return send(method, path, body, Map.of("Authorization", "Bearer " + apiKey));
    }

    Answer anonymous(String method, String path) throws IOException, InterruptedException {
        return send(method, path, null, Map.of());
    }

    /** A new resident, provisioned through the operator API. */
    Resident resident() {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        String id = "HK-R" + HexFormat.of().formatHex(random).toUpperCase();
        try {
            Answer provisioned = operator("POST", "/api/v1/operator/residents", Map.of("subject", id));
            assertThat(provisioned.status()).as(provisioned.raw()).isEqualTo(201);
            return new Resident(id, provisioned.body().path("credential").asString(), SubjectReference.derive(subjectKey, id));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A resident with their bearer credential. */
    final class Resident {
        private final String id;
        private final String credential;
        private final SubjectReference reference;

        private Resident(String id, String credential, SubjectReference reference) {
            this.id = id;
            this.credential = credential;
            this.reference = reference;
        }

        String id() {
            return id;
        }

        SubjectReference reference() {
            return reference;
        }

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
            return HomeNode.this.send(method, path, body, Map.of("Authorization", "Bearer " + credential));
        }

        /** {@code POST /api/v1/residents/me/keys} with {@code key}, its proof and, if any, the bound key's replacement. */
        Answer registerKey(SoftwareAuthenticator key, ResidentApproval proof, ResidentApproval replacement) throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("key", key.key());
            body.put("proof", proof);
            if (replacement != null) {
                body.put("replacement", replacement);
            }
            return post("/api/v1/residents/me/keys", body);
        }

        /** A consent for {@code verifier} to check {@code issuer}'s credit reports for 60 days, with {@code terms}. */
        Answer grant(String issuer, String verifier, Map<String, Object> terms) throws Exception {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("subject", id, "issuer", issuer, "verifier", verifier,
                    "documentType", "credit-report", "purpose", "consumer loan application",
                    "validUntil", clock.instant().plus(Duration.ofDays(60)).truncatedTo(ChronoUnit.SECONDS).toString()));
            body.putAll(terms);
            return post("/api/v1/consents", body);
        }
    }

    private Answer send(String method, String path, Object body, Map<String, String> headers)
            throws IOException, InterruptedException {
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
