package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.sandbox.Journeys.HK_RESIDENT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hashbridge.node.config.AnchoringProperties;
import org.hashbridge.protocol.Digest;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.Voucher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Bulk anchoring over HTTP against the real chain and databases: {@code POST /api/v1/anchors:batch} is
 * accepted or refused whole, its references make it safe to send again, and its anchors are anchored and
 * verify at the other node like any other.
 */
@ExtendWith(SandboxExtension.class)
class BulkAnchoringIT {

    private static final int LIMIT = 10_000;

    private final Sandbox sandbox;
    private final Journeys journeys;
    private final Api issuer;
    private final JdbcTemplate hkDatabase;
    private final ChainLedger ledger;
    private final String run = Long.toString(System.nanoTime(), 36);
    private final String inAYear = Instant.now().plus(Duration.ofDays(365)).toString();

    BulkAnchoringIT(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.journeys = new Journeys(sandbox);
        this.issuer = journeys.as("hk", "hk.transunion");
        this.hkDatabase = Agreement.db(sandbox, "hk");
        this.ledger = new ChainLedger(sandbox.rpcUrl(), sandbox.registryAddress());
    }

    @Test
    void tenThousandItemsAreAnchoredFromOneRequestVerifyAtTheOtherNodeAndTheSameRequestAgainCreatesNothing() {
        List<Map<String, Object>> items = items("ten-thousand", LIMIT);
        Counts before = counts();

        long started = System.nanoTime();
        Api.Response accepted = issuer.post("/api/v1/anchors:batch", Map.of("items", items));
        System.out.printf("POST /api/v1/anchors:batch of %d items answered in %d ms%n", LIMIT, (System.nanoTime() - started) / 1_000_000);

        assertThat(accepted.status()).as(accepted.raw().substring(0, Math.min(500, accepted.raw().length()))).isEqualTo(202);
        assertThat(accepted.body().path("created").asInt()).isEqualTo(LIMIT);
        List<String> ids = field(accepted.body().path("items"), "anchorId");
        assertThat(field(accepted.body().path("items"), "reference")).isEqualTo(field(items, "reference"));
        assertThat(field(accepted.body().path("items"), "status")).containsOnly("PENDING");
        assertThat(Set.copyOf(ids)).hasSize(LIMIT);
        assertThat(counts()).isEqualTo(before.plus(LIMIT, 1, LIMIT));

        String requestId = accepted.body().path("requestId").asString();
        List<JsonNode> anchored = awaitAnchored(requestId, LIMIT);
        assertThat(field(anchored, "anchorId")).isEqualTo(ids);
        Map<String, Integer> rootsOnChain = rootsOnChain();
        Map<String, String> documentOfRoot = new LinkedHashMap<>();
        for (int i = 0; i < LIMIT; i++) {
            Voucher voucher = Voucher.parse(anchored.get(i).path("voucher").toString()); // its proof leads to its root
            assertThat(voucher.anchorId()).isEqualTo(ids.get(i));
            assertThat(voucher.matches(Digest.parse("sha-256", (String) items.get(i).get("digest")))).isTrue();
            assertThat(rootsOnChain).containsEntry(voucher.root(), voucher.proof().treeSize());
            documentOfRoot.putIfAbsent(voucher.root(), Integer.toString(i));
        }
        int largest = sandbox.nodeBean("hk", AnchoringProperties.class).maxBatchSize();
        assertThat(documentOfRoot).as("a 10,000-item request takes as few roots as hold at most " + largest + " leaves")
                .hasSize((LIMIT + largest - 1) / largest);
        verifyAtShenzhen(items, anchored, documentOfRoot.values());

        Api.Response again = issuer.post("/api/v1/anchors:batch", Map.of("items", items));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("created").asInt()).isZero();
        assertThat(again.body().path("requestId").asString()).isEqualTo(requestId);
        assertThat(field(again.body().path("items"), "anchorId")).isEqualTo(ids);
        assertThat(field(again.body().path("items"), "status")).containsOnly("ANCHORED");
        Journeys.pause(Duration.ofSeconds(2)); // four anchoring rounds: time to anchor anything it had stored
        assertThat(counts()).isEqualTo(before.plus(LIMIT, 1, LIMIT));
        assertThat(rootsOnChain()).isEqualTo(rootsOnChain);
    }

    private void verifyAtShenzhen(List<Map<String, Object>> items, List<JsonNode> anchored, Iterable<String> indexes) {
        String token = journeys.grantConsent("hk", HK_RESIDENT, "hk.transunion", "cn.abc-shenzhen",
                Instant.now().plus(Duration.ofDays(30))).path("token").asString();
        Api bank = journeys.as("sz", "cn.abc-shenzhen");
        for (String index : indexes) {
            int i = Integer.parseInt(index);
            Api.Response verified = bank.post("/api/v1/verifications", Map.of("digest", items.get(i).get("digest"),
                    "algorithm", "sha-256", "voucher", anchored.get(i).path("voucher"), "consent", token));
            assertThat(verified.body().path("verdict").asString()).as(verified.raw()).isEqualTo("VERIFIED");
        }
    }

    @Test
    void oneBadItemAmongTenThousandRefusesTheWholeRequestNamingItAndStoresNothing() {
        List<Map<String, Object>> items = items("one-bad", LIMIT);
        items.get(6789).put("digest", "not a digest");
        Counts before = counts();
        Map<String, Integer> roots = rootsOnChain();

        Api.Response refused = issuer.post("/api/v1/anchors:batch", Map.of("items", items));

        assertProblem(refused, 400, "INVALID_ITEMS");
        assertThat(refused.body().path("errors")).hasSize(1);
        JsonNode error = refused.body().path("errors").get(0);
        assertThat(error.path("index").asInt()).isEqualTo(6789);
        assertThat(error.path("reference").asString()).isEqualTo(items.get(6789).get("reference"));
        assertThat(error.path("code").asString()).isEqualTo("INVALID_DIGEST");
        Journeys.pause(Duration.ofSeconds(1));
        assertThat(counts()).isEqualTo(before);
        assertThat(rootsOnChain()).isEqualTo(roots);
    }

    @Test
    void everyOffendingItemIsNamedInItsOrderWithTheGravestStatus() {
        List<Map<String, Object>> items = items("several-bad", 6);
        items.get(1).put("reference", "line one\nline two");
        items.get(2).put("validUntil", "2020-01-01");
        items.get(4).put("reference", items.get(0).get("reference"));
        items.get(5).put("subject", " ");
        Counts before = counts();

        Api.Response refused = issuer.post("/api/v1/anchors:batch", Map.of("items", items));

        assertProblem(refused, 400, "INVALID_ITEMS");
        assertThat(field(refused.body().path("errors"), "index")).containsExactly("1", "2", "4", "5");
        assertThat(field(refused.body().path("errors"), "code"))
                .containsExactly("INVALID_REFERENCE", "VALID_UNTIL_PASSED", "DUPLICATE_REFERENCE", "INVALID_SUBJECT");
        assertThat(refused.body().path("errors").get(0).has("reference")).as("a refused reference is never echoed").isFalse();
        assertThat(refused.raw()).doesNotContain("line two");
        assertThat(refused.body().path("errors").get(2).path("reference").asString()).isEqualTo(items.get(0).get("reference"));
        assertThat(counts()).isEqualTo(before);

        List<Map<String, Object>> expired = items("expired", 2);
        expired.get(1).put("validUntil", "2020-01-01");
        assertProblem(issuer.post("/api/v1/anchors:batch", Map.of("items", expired)), 422, "ITEMS_UNPROCESSABLE");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aReferenceStoredForOtherContentIsAConflictNamingTheItemAndTheSameContentAnswersTheSameAnchor() {
        List<Map<String, Object>> first = items("conflict", 2);
        Api.Response stored = issuer.post("/api/v1/anchors:batch", Map.of("items", first));
        assertThat(stored.status()).isEqualTo(202);
        List<String> ids = field(stored.body().path("items"), "anchorId");
        Counts before = counts();

        List<Map<String, Object>> changed = items("conflict", 2);
        changed.get(1).put("validUntil", Instant.now().plus(Duration.ofDays(400)).toString());
        Api.Response conflict = issuer.post("/api/v1/anchors:batch", Map.of("items", changed));

        assertProblem(conflict, 409, "REFERENCE_CONFLICT");
        assertThat(field(conflict.body().path("errors"), "index")).containsExactly("1");
        assertThat(field(conflict.body().path("errors"), "code")).containsExactly("REFERENCE_CONFLICT");
        assertThat(conflict.body().path("errors").get(0).path("reference").asString()).isEqualTo(first.get(1).get("reference"));
        Map<String, Object> single = new HashMap<>(first.get(0));
        single.put("digest", Journeys.sha256(Journeys.creditReport(HK_RESIDENT)));
        assertProblem(issuer.post("/api/v1/anchors", single), 409, "REFERENCE_CONFLICT");
        assertThat(counts()).isEqualTo(before);

        Api.Response sameAlone = issuer.post("/api/v1/anchors", first.get(0));
        assertThat(sameAlone.status()).isEqualTo(200);
        assertThat(sameAlone.body().path("anchorId").asString()).isEqualTo(ids.get(0));
        assertThat(sameAlone.body().path("reference").asString()).isEqualTo(first.get(0).get("reference"));
        List<Map<String, Object>> mixed = new ArrayList<>(List.of(first.get(1)));
        mixed.addAll(items("conflict-new", 1));
        Api.Response oneNew = issuer.post("/api/v1/anchors:batch", Map.of("items", mixed));
        assertThat(oneNew.status()).isEqualTo(202);
        assertThat(oneNew.body().path("created").asInt()).isEqualTo(1);
        assertThat(oneNew.body().path("items").get(0).path("anchorId").asString()).isEqualTo(ids.get(1));
        assertThat(counts()).isEqualTo(before.plus(1, 1, 2));
    }

    @Test
    void aSingleSubmissionWithAReferenceIsIdempotentToo() {
        Map<String, Object> item = items("single", 1).get(0);
        Api.Response first = issuer.post("/api/v1/anchors", item);
        assertThat(first.status()).isEqualTo(202);
        Counts before = counts();

        Api.Response again = issuer.post("/api/v1/anchors", item);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("anchorId").asString()).isEqualTo(first.body().path("anchorId").asString());
        assertThat(counts()).isEqualTo(before);
        Map<String, Object> blank = new HashMap<>(item);
        blank.put("reference", "   ");
        assertProblem(issuer.post("/api/v1/anchors", blank), 400, "INVALID_REFERENCE");
        blank.put("reference", "x".repeat(201));
        assertProblem(issuer.post("/api/v1/anchors", blank), 400, "INVALID_REFERENCE");
    }

    @Test
    void overTheLimitIsTooLargeAndAnEmptyRequestIsRefused() {
        Counts before = counts();

        Api.Response tooMany = issuer.post("/api/v1/anchors:batch", Map.of("items", items("too-many", LIMIT + 1)));

        assertProblem(tooMany, 413, "TOO_MANY_ITEMS");
        assertThat(tooMany.body().path("maxItems").asInt()).isEqualTo(LIMIT);
        assertProblem(issuer.post("/api/v1/anchors:batch", Map.of("items", List.of())), 400, "NO_ITEMS");
        assertProblem(issuer.postRaw("/api/v1/anchors:batch", "application/json", "{}"), 400, "NO_ITEMS");
        assertProblem(issuer.postRaw("/api/v1/anchors:batch", "application/json", "{\"items\":[null]}"), 400, "INVALID_ITEMS");
        assertProblem(issuer.postRaw("/api/v1/anchors:batch", "application/json", "{\"items\":{}}"), 400, "MALFORMED_JSON");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void onlyIssuersAnchorOrReadAnchorsInBulk() {
        Api bank = journeys.as("hk", "hk.fusion-bank");
        Counts before = counts();

        assertProblem(bank.post("/api/v1/anchors:batch", Map.of("items", items("bank", 2))), 403, "FORBIDDEN_ROLE");
        assertProblem(bank.get("/api/v1/anchors"), 403, "FORBIDDEN_ROLE");
        assertProblem(journeys.as("hk", HK_RESIDENT).post("/api/v1/anchors:batch", Map.of("items", items("resident", 1))),
                403, "FORBIDDEN_ROLE");
        assertProblem(Api.anonymous(sandbox, "hk").post("/api/v1/anchors:batch", Map.of("items", items("anyone", 1))),
                401, "UNAUTHENTICATED");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void vouchersAreListedByIdsOrByRequestAPageAtATime() {
        List<Map<String, Object>> items = items("pages", 5);
        Api.Response stored = issuer.post("/api/v1/anchors:batch", Map.of("items", items));
        List<String> ids = field(stored.body().path("items"), "anchorId");
        String requestId = stored.body().path("requestId").asString();
        awaitAnchored(requestId, 5);

        JsonNode second = issuer.get("/api/v1/anchors?requestId=" + requestId + "&page=1&size=2").body();
        assertThat(field(second.path("anchors"), "anchorId")).isEqualTo(ids.subList(2, 4));
        assertThat(second.path("total").asInt()).isEqualTo(5);
        assertThat(second.path("anchors").get(0).path("voucher").path("anchorId").asString()).isEqualTo(ids.get(2));
        JsonNode byIds = issuer.get("/api/v1/anchors?anchorId=" + ids.get(4) + "," + ids.get(0) + "&size=10").body();
        assertThat(field(byIds.path("anchors"), "anchorId")).containsExactly(ids.get(4), ids.get(0));
        assertThat(field(byIds.path("anchors"), "status")).containsOnly("ANCHORED");

        String unknown = UUID.randomUUID().toString();
        assertProblem(issuer.get("/api/v1/anchors?anchorId=" + ids.get(0) + "," + unknown), 404, "ANCHOR_NOT_FOUND");
        assertProblem(issuer.get("/api/v1/anchors?requestId=" + unknown), 404, "ANCHOR_REQUEST_NOT_FOUND");
        assertProblem(journeys.as("sz", "cn.baihang").get("/api/v1/anchors?requestId=" + requestId), 404,
                "ANCHOR_REQUEST_NOT_FOUND");
        assertProblem(issuer.get("/api/v1/anchors?requestId=" + requestId + "&size=201"), 400, "INVALID_PAGE");
        assertProblem(issuer.get("/api/v1/anchors?requestId=" + requestId + "&page=-1"), 400, "INVALID_PAGE");
        assertProblem(issuer.get("/api/v1/anchors?requestId=x"), 400, "INVALID_REQUEST_ID");
        assertProblem(issuer.get("/api/v1/anchors?requestId=" + requestId + "&anchorId=" + ids.get(0)), 400, "INVALID_QUERY");
        String tooMany = IntStream.range(0, 101).mapToObj(i -> ids.get(0)).collect(Collectors.joining(","));
        assertProblem(issuer.get("/api/v1/anchors?anchorId=" + tooMany), 400, "INVALID_QUERY");
    }

    @Test
    void theOpenApiDescriptionHasTheBulkCalls() {
        JsonNode paths = Api.anonymous(sandbox, "hk").get("/v3/api-docs").body().path("paths");

        assertThat(paths.path("/api/v1/anchors:batch").has("post")).isTrue();
        assertThat(paths.path("/api/v1/anchors").has("get")).isTrue();
        assertThat(field(paths.path("/api/v1/anchors").path("get").path("parameters"), "name"))
                .contains("requestId", "anchorId", "page", "size");
    }

    @Test
    void theCliAnchorsAFolderOfFilesListedInABatchFileAndARerunCreatesNothing(@TempDir Path desk) throws Exception {
        Path reports = Files.createDirectories(desk.resolve("reports"));
        List<String> rows = new ArrayList<>(List.of("reference,file,documentType,subject,validUntil"));
        Map<String, String> digestOf = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            byte[] report = Journeys.creditReport(HK_RESIDENT);
            Files.write(reports.resolve("report-" + i + ".txt"), report);
            rows.add("TU-" + run + "-cli-" + i + ",reports/report-" + i + ".txt,credit-report," + HK_RESIDENT + ",2027-06-30");
            digestOf.put("TU-" + run + "-cli-" + i, Journeys.sha256(report));
        }
        Path batch = Files.write(desk.resolve("batch.csv"), rows);
        Path vouchers = desk.resolve("vouchers.jsonl");
        Counts before = counts();

        CliProcess.Run first = cli(desk, "anchor", "--node", sandbox.nodeUrl("hk"), "--batch", batch.toString(), "--out",
                vouchers.toString(), "--request-size", "12");

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("anchored 30 of 30 documents (30 new, 0 stored before)");
        assertThat(first.err()).contains("submitted 30 of 30").contains("anchored 30 of 30");
        List<String> written = Files.readAllLines(vouchers);
        assertThat(written).hasSize(30);
        for (String line : written) {
            JsonNode anchor = Api.JSON.readTree(line);
            Voucher voucher = Voucher.parse(anchor.path("voucher").toString());
            assertThat(voucher.matches(Digest.parse("sha-256", digestOf.get(anchor.path("reference").asString())))).isTrue();
            assertThat(voucher.anchorId()).isEqualTo(anchor.path("anchorId").asString());
        }
        assertThat(counts()).as("three requests of at most 12").isEqualTo(before.plus(30, 3, 30));
        Map<String, Integer> roots = rootsOnChain();

        CliProcess.Run again = cli(desk, "anchor", "--node", sandbox.nodeUrl("hk"), "--batch", batch.toString(), "--out",
                vouchers.toString(), "--request-size", "12");

        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("anchored 30 of 30 documents (0 new, 30 stored before)");
        assertThat(Files.readAllLines(vouchers)).isEqualTo(written);
        Journeys.pause(Duration.ofSeconds(2));
        assertThat(counts()).isEqualTo(before.plus(30, 3, 30));
        assertThat(rootsOnChain()).isEqualTo(roots);

        Files.writeString(batch, "\nTU-" + run + "-cli-missing,reports/missing.txt,credit-report," + HK_RESIDENT + ",2027-06-30\n",
                StandardOpenOption.APPEND);
        CliProcess.Run refused = cli(desk, "anchor", "--node", sandbox.nodeUrl("hk"), "--batch", batch.toString(), "--out",
                vouchers.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("row 33").contains("no such file");
        assertThat(counts()).isEqualTo(before.plus(30, 3, 30));
    }

    private CliProcess.Run cli(Path desk, String... args) throws IOException, InterruptedException {
        return CliProcess.run(desk, sandbox.apiKey("hk.transunion"), args);
    }

    /** {@code count} distinct documents of the HK resident, references unique to this run and {@code label}. */
    private List<Map<String, Object>> items(String label, int count) {
        List<Map<String, Object>> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] document = ("bulk " + label + " " + run + " document " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("reference", "TU-" + run + "-" + label + "-" + i);
            item.put("digest", DigestAlgorithm.SHA_256.digest(document).hex());
            item.put("algorithm", "sha-256");
            item.put("documentType", "credit-report");
            item.put("subject", HK_RESIDENT);
            item.put("validUntil", inAYear);
            items.add(item);
        }
        return items;
    }

    /** Every anchor of the request, in its order, once all are ANCHORED (read a page of 200 at a time). */
    private List<JsonNode> awaitAnchored(String requestId, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline)) {
            List<JsonNode> anchors = new ArrayList<>(count);
            for (int page = 0; page * 200 < count; page++) {
                Api.Response answer = issuer.get("/api/v1/anchors?requestId=" + requestId + "&size=200&page=" + page);
                assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
                answer.body().path("anchors").forEach(anchors::add);
            }
            if (anchors.stream().allMatch(a -> a.path("status").asString().equals("ANCHORED"))) {
                assertThat(anchors).hasSize(count);
                return anchors;
            }
            Journeys.pause(Duration.ofMillis(500));
        }
        throw new AssertionError("the anchors of request " + requestId + " were not all anchored within 180 s");
    }

    private Map<String, Integer> rootsOnChain() {
        return ledger.rootsAnchored().stream().collect(Collectors.toMap(ChainLedger.Anchored::root, ChainLedger.Anchored::leafCount));
    }

    /** Rows of the Hong Kong node's database that a bulk request adds to. */
    private record Counts(long anchors, long requests, long requestItems) {
        Counts plus(int anchors, int requests, int requestItems) {
            return new Counts(this.anchors + anchors, this.requests + requests, this.requestItems + requestItems);
        }
    }

    private Counts counts() {
        return new Counts(Agreement.count(hkDatabase, "select count(*) from anchor_submission"),
                Agreement.count(hkDatabase, "select count(*) from anchor_request"),
                Agreement.count(hkDatabase, "select count(*) from anchor_request_item"));
    }

    private static List<String> field(Iterable<?> nodes, String name) {
        List<String> values = new ArrayList<>();
        for (Object node : nodes) {
            values.add(node instanceof JsonNode json ? json.path(name).asString() : String.valueOf(((Map<?, ?>) node).get(name)));
        }
        return values;
    }

    private static void assertProblem(Api.Response answer, int status, String code) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).as(answer.raw()).isEqualTo(code);
    }
}
