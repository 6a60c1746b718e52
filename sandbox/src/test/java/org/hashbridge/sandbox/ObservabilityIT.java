package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.sandbox.Journeys.HK_RESIDENT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * A node an operator can watch, over HTTP against a real chain and real databases: the Prometheus counters move
 * with the verifications, anchoring, chain writes and refused keys they count; every problem, Tomcat's own
 * included, names its request's id; and readiness follows the chain: DOWN while it is stopped, with liveness
 * UP throughout, and UP again once it is back. The test runs its own anvil with a state file, so that it can
 * stop the chain and bring it back with the same registry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;

    private final Instant inAYear = Instant.now().plus(Duration.ofDays(365));
    private StoppableChain chain;
    private Sandbox sandbox;
    private Journeys journeys;

    @BeforeAll
    void start() {
        chain = StoppableChain.start(dir);
        sandbox = chain.sandbox(dir);
        journeys = new Journeys(sandbox);
    }

    @AfterAll
    void stop() {
        try (StoppableChain stopped = chain; Sandbox closed = sandbox) {
            // closed in reverse order, the nodes before their chain; one never started is skipped
        }
    }

    @Test
    @Order(1)
    void verificationsCountByVerdictAndCheckAndAreTimed() {
        byte[] report = Journeys.creditReport(HK_RESIDENT);
        JsonNode voucher = journeys.anchor("hk", "hk.transunion", HK_RESIDENT, report, inAYear);
        String token = journeys.grantConsent("hk", HK_RESIDENT, "hk.transunion", "cn.abc-shenzhen",
                Instant.now().plus(Duration.ofDays(30))).path("token").asString();
        Prometheus before = Prometheus.scrape(sandbox.nodeUrl("sz"));

        assertThat(journeys.verify("sz", "cn.abc-shenzhen", report, voucher, token).body().path("verdict").asString())
                .isEqualTo("VERIFIED");
        byte[] altered = Journeys.creditReport(HK_RESIDENT);
        assertThat(journeys.verify("sz", "cn.abc-shenzhen", altered, voucher, token).body().path("verdict").asString())
                .isEqualTo("REJECTED");

        Prometheus after = Prometheus.scrape(sandbox.nodeUrl("sz"));
        assertThat(moved(before, after, "hashbridge_verifications_total", Map.of("verdict", "VERIFIED"))).isEqualTo(1);
        assertThat(moved(before, after, "hashbridge_verifications_total", Map.of("verdict", "REJECTED"))).isEqualTo(1);
        assertThat(moved(before, after, "hashbridge_verification_checks_total",
                Map.of("check", "INTEGRITY", "result", "INVALID"))).isEqualTo(1);
        assertThat(moved(before, after, "hashbridge_verification_checks_total",
                Map.of("check", "CONSENT", "result", "VALID"))).isEqualTo(2);
        assertThat(moved(before, after, "hashbridge_verification_seconds_count", Map.of())).isEqualTo(2);
        assertThat(after.value("hashbridge_verification_seconds_bucket", Map.of("le", "+Inf")))
                .isEqualTo(after.value("hashbridge_verification_seconds_count"));
        assertThat(after.text()).contains("hashbridge_verification_seconds_bucket{le=\"0.001\"");
    }

    @Test
    @Order(2)
    void anchoringAndChainWritesAreCountedWhereTheyHappen() {
        Prometheus before = Prometheus.scrape(sandbox.nodeUrl("hk"));

        journeys.anchor("hk", "hk.transunion", HK_RESIDENT, Journeys.creditReport(HK_RESIDENT), inAYear);

        Prometheus after = Prometheus.scrape(sandbox.nodeUrl("hk"));
        assertThat(moved(before, after, "hashbridge_anchoring_batch_size_leaves_count", Map.of())).isEqualTo(1);
        assertThat(moved(before, after, "hashbridge_anchoring_batch_size_leaves_sum", Map.of())).isEqualTo(1);
        assertThat(moved(before, after, "hashbridge_anchoring_latency_seconds_count", Map.of())).isEqualTo(1);
        assertThat(moved(before, after, "hashbridge_chain_write_seconds_count", Map.of("outcome", "success")))
                .isGreaterThanOrEqualTo(1);
        assertThat(Prometheus.scrape(sandbox.nodeUrl("sz")).value("hashbridge_anchoring_batch_size_leaves_count"))
                .as("the other node, in the same JVM, anchored nothing").isZero();
        for (String kind : new String[]{"anchors", "revocations", "consents", "accesses"}) {
            assertThat(after.has("hashbridge_outbox_pending")).isTrue();
            assertThat(after.text()).contains("hashbridge_outbox_pending{kind=\"" + kind + "\"")
                    .contains("hashbridge_outbox_oldest_age_seconds{kind=\"" + kind + "\"");
        }
    }

    @Test
    @Order(3)
    void aRefusedApiKeyCountsAsAnAuthenticationFailureAndItsProblemNamesTheRequest() {
        Prometheus before = Prometheus.scrape(sandbox.nodeUrl("sz"));

        HttpResponse<String> refused = get(sandbox.nodeUrl("sz") + "/api/v1/verifications/" + java.util.UUID.randomUUID(),
                Map.of("Authorization", "Bearer hbk_not-a-key-of-this-node", "X-Request-Id", "bank-loan-0042"));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("X-Request-Id")).hasValue("bank-loan-0042");
        assertThat(Api.JSON.readTree(refused.body()).path("requestId").asString()).isEqualTo("bank-loan-0042");
        Prometheus after = Prometheus.scrape(sandbox.nodeUrl("sz"));
        assertThat(moved(before, after, "hashbridge_authentication_failures_total", Map.of("kind", "api-key")))
                .isEqualTo(1);
    }

    /**
     * The actuator serves health, info and prometheus only: any other of its endpoints does not exist, to anyone,
     * where it once asked for a bearer key that no key opens.
     */
    @ParameterizedTest
    @ValueSource(strings = {"metrics", "metrics/jvm.memory.used", "env", "beans", "configprops", "mappings", "loggers",
            "heapdump", "threaddump", "shutdown", "scheduledtasks", "conditions", "caches", "flyway", "startup", "sbom",
            "httpexchanges", "auditevents", "logfile", "sessions", "no-such-endpoint"})
    @Order(3)
    void anActuatorEndpointNotExposedDoesNotExistForAnyone(String endpoint) {
        String url = sandbox.nodeUrl("hk") + "/actuator/" + endpoint;
        for (Map<String, String> caller : java.util.List.of(Map.<String, String>of(),
                Map.of("Authorization", "Bearer " + sandbox.apiKey("hk.fusion-bank")))) {
            HttpResponse<String> answer = get(url, caller);
            assertThat(answer.statusCode()).as(caller + " " + answer.body()).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(Api.JSON.readTree(answer.body()).path("code").asString()).isEqualTo("NOT_FOUND");
        }
        HttpResponse<String> shutdown = send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(shutdown.statusCode()).as(shutdown.body()).isEqualTo(404);
        assertThat(get(sandbox.nodeUrl("hk") + "/actuator/health", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void aRequestTomcatRefusesBeforeAnyFilterStillNamesItsRequest() {
        RawHttp.Response answer = raw("GET /api/v1/<node> HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        String id = answer.header("X-Request-Id");
        assertThat(id).isNotBlank();
        assertThat(Api.JSON.readTree(answer.text()).path("requestId").asString()).isEqualTo(id);
    }

    @Test
    @Order(4)
    void aRequestTheContainersErrorPageAnswersKeepsTheIdItWasGiven() {
        RawHttp.Response answer = raw("TRACE /api/v1/node HTTP/1.1\r\nHost: x\r\nX-Request-Id: trace-7\r\n\r\n");

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("X-Request-Id")).isEqualTo("trace-7");
        assertThat(Api.JSON.readTree(answer.text()).path("requestId").asString()).isEqualTo("trace-7");
    }

    @Test
    @Order(5)
    void healthShowsTheChainTheReadModelTheDatabaseAndTheOutboxes() {
        JsonNode health = Api.JSON.readTree(get(sandbox.nodeUrl("sz") + "/actuator/health", Map.of()).body());

        JsonNode components = health.path("components");
        assertThat(components.path("chain").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("chain").path("details").path("head").asLong()).isPositive();
        assertThat(components.path("db").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("readModel").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("outbox").path("details").path("anchors").has("pending")).isTrue();
        for (String existing : new String[]{"registry", "accessesOnChain", "consentsOnChain", "anchorsOnChain"}) {
            assertThat(components.has(existing)).as(existing).isTrue();
        }
    }

    @Test
    @Order(6)
    void withTheChainStoppedTheNodeIsNotReadyButAliveAndReadyAgainOnceItIsBack() {
        assertThat(get(sandbox.nodeUrl("sz") + "/actuator/health/readiness", Map.of()).statusCode()).isEqualTo(200);

        chain.stop();
        HttpResponse<String> notReady = await("readiness DOWN", "/actuator/health/readiness", r -> r.statusCode() == 503);
        assertThat(Api.JSON.readTree(notReady.body()).path("status").asString()).isEqualTo("DOWN");
        assertThat(Api.JSON.readTree(notReady.body()).path("components").path("chain").path("status").asString())
                .isEqualTo("DOWN");
        HttpResponse<String> alive = get(sandbox.nodeUrl("sz") + "/actuator/health/liveness", Map.of());
        assertThat(alive.statusCode()).isEqualTo(200);
        assertThat(Api.JSON.readTree(alive.body()).path("status").asString()).isEqualTo("UP");

        chain.startAgain();
        HttpResponse<String> ready = await("readiness UP", "/actuator/health/readiness", r -> r.statusCode() == 200);
        assertThat(Api.JSON.readTree(ready.body()).path("status").asString()).isEqualTo("UP");
    }

    /** Sends {@code request} to the Hong Kong node as it is, on a connection of its own. */
    private RawHttp.Response raw(String request) {
        try (RawHttp connection = new RawHttp(sandbox.nodeUrl("hk"))) {
            return connection.exchange(request.getBytes(StandardCharsets.ISO_8859_1), false);
        }
    }

    private static double moved(Prometheus before, Prometheus after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private HttpResponse<String> await(String what, String path, Predicate<HttpResponse<String>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> answer = get(sandbox.nodeUrl("sz") + path, Map.of());
            if (done.test(answer)) {
                return answer;
            }
            assertThat(System.nanoTime() - deadline).as(what + ", last " + answer.statusCode() + " " + answer.body())
                    .isNegative();
            Journeys.pause(Duration.ofMillis(250));
        }
    }

    private static HttpResponse<String> get(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        headers.forEach(request::header);
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
