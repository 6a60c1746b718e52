package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.sandbox.Journeys.HK_RESIDENT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.hashbridge.sandbox.MalformedRequests.Expect;
import org.hashbridge.sandbox.MalformedRequests.Fixture;
import org.hashbridge.sandbox.MalformedRequests.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A property of the whole platform, checked on at least 10,000 generated malformed requests a run
 * ({@link MalformedRequests}) against both nodes, every endpoint, the actuator, {@code /error},
 * {@code /v3/api-docs} and paths that do not exist: whatever the request, the node answers; never with a
 * 5xx; every refusal is an {@code application/problem+json} with a stable {@code code} that docs/api.md
 * lists; no line of the log starts with text the client sent, neither as the nodes lay their log out nor as
 * the sandbox does; and nothing stored changes, in either database or on chain, but the verifications the
 * node answered (each stored, and its access recorded on chain, as for every verification).
 *
 * <p>The run's seed is printed; {@code -Dhashbridge.malformed.seed=<seed>} repeats it, and
 * {@code -Dhashbridge.malformed.requests=<n>} changes its size. Each failure names the index and the bytes of
 * its request.
 */
@ExtendWith(SandboxExtension.class)
class MalformedRequestsIT {

    private static final int REQUESTS = Integer.getInteger("hashbridge.malformed.requests", 10_000);
    private static final long SEED = Long.getLong("hashbridge.malformed.seed", System.nanoTime());
    private static final int CLIENTS = 4;
    private static final String CONSENT_ACCESSED = RegistryLog.CONSENT_ACCESSED;
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final Sandbox sandbox;
    private final Journeys journeys;

    MalformedRequestsIT(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.journeys = new Journeys(sandbox);
    }

    @Test
    void everyMalformedRequestIsRefusedWithADocumentedProblemAndChangesNothing() throws Exception {
        Fixture fixture = fixture();
        awaitQuiet();
        Stored before = stored();
        MalformedRequests requests = new MalformedRequests(fixture, SEED);
        Set<String> documented = documentedCodes();
        Outcome outcome = new Outcome();
        long started = System.nanoTime();
        List<String> forgedAsNodesLog;
        List<String> forgedAsSandboxLogs;
        try (LogCapture logs = new LogCapture()) {
            send(requests, fixture, outcome, documented);
            // a forged line planted on purpose: the check must find it where the layout does not neutralise it
            org.slf4j.LoggerFactory.getLogger(MalformedRequestsIT.class)
                    .warn("a line the test plants itself:{}", "\n" + fixture.marker() + " planted");
            forgedAsNodesLog = logs.linesStartingWith(fixture.marker(),
                    sandbox.nodeBean("hk", Environment.class).getRequiredProperty("logging.pattern.console"));
            forgedAsSandboxLogs = logs.consolePattern() == null ? List.of()
                    : logs.linesStartingWith(fixture.marker(), logs.consolePattern());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%d malformed requests (seed %d) in %.1f s: %s; codes %s; verifications answered %s%n", REQUESTS,
                SEED, seconds, new TreeMap<>(outcome.statuses), new TreeMap<>(outcome.codes), new TreeMap<>(outcome.verified));
        awaitQuiet();
        Stored after = stored();

        String reproduce = " (seed " + SEED + ", -Dhashbridge.malformed.seed=" + SEED + ")";
        assertThat(outcome.failures).as("answers that break the contract" + reproduce).isEmpty();
        assertThat(outcome.sent.get()).isEqualTo(REQUESTS);
        assertThat(forgedAsNodesLog).as("log lines a request forged, in the nodes' layout" + reproduce).isEmpty();
        assertThat(forgedAsSandboxLogs).as("log lines a request forged, in the sandbox's layout" + reproduce)
                .containsExactly(fixture.marker() + " planted");
        for (String node : List.of("hk", "sz")) {
            assertThat(after.rows(node)).as("rows at " + node + reproduce)
                    .isEqualTo(before.rows(node).withVerifications(outcome.verified.getOrDefault(node, 0L)));
        }
        assertThat(after.otherEvents()).as("registry events other than accesses" + reproduce).isEqualTo(before.otherEvents());
        assertThat(after.accessEvents() - before.accessEvents()).as("accesses recorded on chain" + reproduce)
                .isEqualTo(after.recordedAccesses() - before.recordedAccesses());
    }

    // ---------------------------------------------------------------- sending and judging

    /** What came back, tallied by the client threads. */
    private static final class Outcome {
        final AtomicLong sent = new AtomicLong();
        final Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        final Map<String, Long> verified = new ConcurrentHashMap<>();
        final Map<String, Long> codes = new ConcurrentHashMap<>();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());

        void fail(Request request, String why) {
            if (failures.size() < 25) {
                failures.add("#" + request.index() + " to " + request.node() + ": " + why + "\n" + request.printable());
            }
        }
    }

    private void send(MalformedRequests requests, Fixture fixture, Outcome outcome, Set<String> documented) throws Exception {
        AtomicLong next = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    try (RawHttp hk = new RawHttp(fixture.hkUrl()); RawHttp sz = new RawHttp(fixture.szUrl())) {
                        for (long i = next.getAndIncrement(); i < REQUESTS; i = next.getAndIncrement()) {
                            Request request = requests.generate(i);
                            RawHttp connection = request.node().equals("hk") ? hk : sz;
                            judge(request, exchange(connection, request), outcome, documented);
                        }
                    }
                }));
            }
            for (Future<?> client : running) {
                client.get(10, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static Object exchange(RawHttp connection, Request request) {
        try {
            return connection.exchange(request.bytes(), request.head());
        } catch (UncheckedIOException e) {
            return e;
        } finally {
            if (request.closeAfter()) {
                connection.close();
            }
        }
    }

    private static void judge(Request request, Object answer, Outcome outcome, Set<String> documented) {
        outcome.sent.incrementAndGet();
        if (!(answer instanceof RawHttp.Response response)) {
            outcome.fail(request, "no answer: " + answer);
            return;
        }
        outcome.statuses.merge(response.status(), 1L, Long::sum);
        String body = response.text();
        if (response.status() >= 200 && response.status() < 300) {
            if (request.expect() == Expect.REFUSED) {
                outcome.fail(request, "accepted: " + response.status() + " " + body);
            } else if (request.expect() == Expect.MAY_VERIFY) {
                if (!Api.JSON.readTree(body).path("verdict").isString()) {
                    outcome.fail(request, "a 2xx verification without a verdict: " + body);
                }
                outcome.verified.merge(request.node(), 1L, Long::sum);
            }
            return;
        }
        if (response.status() < 400 || response.status() >= 500) {
            outcome.fail(request, "status " + response.status() + ": " + body);
            return;
        }
        if (!response.header("Content-Type").startsWith("application/problem+json")) {
            outcome.fail(request, "a " + response.status() + " that is not a problem: " + response.header("Content-Type")
                    + " " + body);
            return;
        }
        if (request.head()) {
            return;
        }
        JsonNode problem;
        try {
            problem = Api.JSON.readTree(body);
        } catch (RuntimeException e) {
            outcome.fail(request, "a problem that is not JSON: " + body);
            return;
        }
        String code = problem.path("code").asString("");
        outcome.codes.merge(code, 1L, Long::sum);
        if (!CODE.matcher(code).matches() || !documented.contains(code) || problem.path("status").asInt() != response.status()) {
            outcome.fail(request, "a problem without a documented code or with another status: " + response.status() + " " + body);
        }
    }

    /** Every code docs/api.md lists under "Problem codes". */
    private static Set<String> documentedCodes() throws IOException {
        String api = Files.readString(SandboxExtension.repositoryRoot().resolve("docs/api.md"));
        String section = api.substring(api.indexOf("## Problem codes"));
        Set<String> codes = new java.util.HashSet<>();
        Matcher row = Pattern.compile("(?m)^\\| [45]\\d\\d \\| (.*?) \\|").matcher(section);
        while (row.find()) {
            Matcher code = Pattern.compile("`([A-Z][A-Z0-9_]*)`").matcher(row.group(1));
            while (code.find()) {
                codes.add(code.group(1));
            }
        }
        assertThat(codes).contains("BAD_REQUEST", "REQUEST_REJECTED", "NOT_FOUND");
        return codes;
    }

    // ---------------------------------------------------------------- the real calls the requests are made from

    private Fixture fixture() {
        byte[] report = Journeys.creditReport(HK_RESIDENT);
        Instant until = Instant.now().plus(Duration.ofDays(90));
        Api issuer = journeys.as("hk", "hk.transunion");
        Api.Response accepted = issuer.post("/api/v1/anchors", Map.of("digest", Journeys.sha256(report),
                "algorithm", "sha-256", "documentType", "credit-report", "subject", HK_RESIDENT, "validUntil", until.toString()));
        String anchorId = accepted.body().path("anchorId").asString();
        JsonNode voucher = Journeys.awaitVoucher(issuer, anchorId);
        JsonNode consent = journeys.grantConsent("hk", HK_RESIDENT, "hk.transunion", "cn.abc-shenzhen",
                Instant.now().plus(Duration.ofDays(30)));
        String token = consent.path("token").asString();
        Api.Response verified = journeys.verify("sz", "cn.abc-shenzhen", report, voucher, token);
        assertThat(verified.body().path("verdict").asString()).as(verified.raw()).isEqualTo("VERIFIED");
        return new Fixture(sandbox.nodeUrl("hk"), sandbox.nodeUrl("sz"), sandbox.apiKey("hk.transunion"),
                sandbox.credential(HK_RESIDENT), sandbox.apiKey("cn.abc-shenzhen"), sandbox.apiKey("hk.fusion-bank"),
                sandbox.apiKey("cn.baihang"), anchorId, consent.path("consentId").asString(),
                verified.body().path("verificationId").asString(), Journeys.sha256(report), voucher, token,
                "FORGED-" + Long.toHexString(SEED));
    }

    // ---------------------------------------------------------------- what is stored

    /** The rows a node stores, by table and status. */
    record Rows(Map<String, Long> counts) {
        Rows withVerifications(long more) {
            Map<String, Long> expected = new TreeMap<>(counts);
            expected.merge("verification", more, Long::sum);
            expected.merge("verification RECORDED", more, Long::sum);
            return new Rows(expected);
        }
    }

    /** Both nodes' rows and the registry's events, by kind. */
    record Stored(Rows hk, Rows sz, Map<String, Long> events) {
        Rows rows(String node) {
            return node.equals("hk") ? hk : sz;
        }

        Map<String, Long> otherEvents() {
            Map<String, Long> other = new TreeMap<>(events);
            other.remove(CONSENT_ACCESSED);
            return other;
        }

        long accessEvents() {
            return events.getOrDefault(CONSENT_ACCESSED, 0L);
        }

        long recordedAccesses() {
            return hk.counts().getOrDefault("verification RECORDED", 0L) + sz.counts().getOrDefault("verification RECORDED", 0L);
        }
    }

    private Stored stored() {
        return new Stored(rows("hk"), rows("sz"), RegistryLog.eventsByTopic(sandbox));
    }

    private Rows rows(String node) {
        JdbcTemplate db = new JdbcTemplate(sandbox.nodeBean(node, DataSource.class));
        Map<String, Long> counts = new TreeMap<>();
        for (String table : List.of("institution", "resident", "anchor_submission", "consent", "verification")) {
            counts.put(table, db.queryForObject("select count(*) from " + table, Long.class));
        }
        db.query("select 'anchor_submission ' || status, count(*) from anchor_submission group by status",
                (java.sql.ResultSet r) -> { counts.put(r.getString(1), r.getLong(2)); });
        db.query("select 'consent ' || status, count(*) from consent group by status",
                (java.sql.ResultSet r) -> { counts.put(r.getString(1), r.getLong(2)); });
        db.query("select 'verification ' || access_status, count(*) from verification group by access_status",
                (java.sql.ResultSet r) -> { counts.put(r.getString(1), r.getLong(2)); });
        counts.put("institution active", db.queryForObject("select count(*) from institution where active", Long.class));
        return new Rows(counts);
    }

    /** Waits until neither node has an anchor or an access record still to write. */
    private void awaitQuiet() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (pending("hk") + pending("sz") > 0) {
            assertThat(Instant.now()).as("the nodes' outboxes drained").isBefore(deadline);
            Journeys.pause(Duration.ofMillis(200));
        }
    }

    private long pending(String node) {
        JdbcTemplate db = new JdbcTemplate(sandbox.nodeBean(node, DataSource.class));
        return db.queryForObject("select count(*) from anchor_submission where status = 'PENDING'", Long.class)
                + db.queryForObject("select count(*) from verification where access_status = 'PENDING'", Long.class);
    }
}
