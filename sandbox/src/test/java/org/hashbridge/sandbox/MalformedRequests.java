package org.hashbridge.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Malformed HTTP requests for every endpoint of a node, each one reproducible from the run's seed and its
 * index. A request is built from one real, valid call of the fixture and then broken: its JSON (a field
 * given a wrong type, length, character or date; members duplicated; the text cut or garbled), its
 * credentials (none, unknown, the other node's, the wrong role's), its headers, path, query, method or
 * HTTP framing. Requests that could change anything (anchoring, granting, revoking) are always broken in
 * a way the node must refuse; a verification may stay well formed (a replayed token, a voucher naming
 * another chain or registry), which the node answers and stores as any verification.
 */
final class MalformedRequests {

    /** The nodes, the secrets and one real anchor, consent and verification the requests are made from. */
    record Fixture(String hkUrl, String szUrl, String issuerKey, String residentCredential, String verifierKey,
                   String hkVerifierKey, String szIssuerKey, String anchorId, String consentId, String verificationId,
                   String digest, JsonNode voucher, String token, String marker) {
    }

    /** What the node may answer besides a refusal. */
    enum Expect {
        /** only a 4xx problem. */
        REFUSED,
        /** a 2xx that changes nothing (a read, HEAD, OPTIONS), or a 4xx problem. */
        MAY_READ,
        /** a 2xx verification, stored as every verification is, or a 4xx problem. */
        MAY_VERIFY
    }

    /**
     * One request as sent.
     *
     * @param closeAfter the connection is closed after the answer: the framing may be broken
     */
    record Request(long index, String node, String method, String target, Expect expect, boolean head,
                   boolean closeAfter, byte[] bytes) {

        /** The request as printable text, for a failure message. */
        String printable() {
            StringBuilder text = new StringBuilder();
            String raw = new String(bytes, StandardCharsets.UTF_8);
            raw.substring(0, Math.min(raw.length(), 1500)).codePoints().forEach(c -> text.append(
                    c == '\n' ? "\\n\n" : c == '\r' ? "\\r" : Character.isISOControl(c) ? String.format("\\u%04x", c)
                            : Character.toString(c)));
            return text + (raw.length() > 1500 ? "… (" + bytes.length + " bytes)" : "");
        }
    }

    private static final String HK = "hk";
    private static final String SZ = "sz";

    private final Fixture fixture;
    private final long seed;
    private final String future;
    private final List<String> breakingLines;

    MalformedRequests(Fixture fixture, long seed) {
        this.fixture = fixture;
        this.seed = seed;
        this.future = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(60).toString();
        this.breakingLines = List.of("\n" + fixture.marker() + " INFO forged", "\r\n" + fixture.marker() + " ERROR forged",
                "\r" + fixture.marker(), "\u2028" + fixture.marker(), "\u0085" + fixture.marker());
    }

    /** The request number {@code index} of this run. */
    Request generate(long index) {
        SplittableRandom random = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L));
        DraftRequest draft = switch (random.nextInt(20)) {
            case 0, 1, 2 -> anchorBody(random);
            case 3, 4, 5 -> consentBody(random);
            case 6 -> revocationBody(random);
            case 7, 8 -> verificationBody(random);
            case 9, 10 -> read(random);
            case 11, 12 -> pathChaos(random);
            case 13, 14 -> headerChaos(random);
            case 15 -> methodChaos(random);
            case 16 -> authChaos(random);
            case 17 -> framingChaos(random);
            case 18 -> deletion(random);
            default -> queryChaos(random);
        };
        return draft.build(index, port(draft.node()));
    }

    private int port(String node) {
        return java.net.URI.create(node.equals(HK) ? fixture.hkUrl() : fixture.szUrl()).getPort();
    }

    // ---------------------------------------------------------------- bodies

    private DraftRequest anchorBody(SplittableRandom random) {
        JsonBody body = new JsonBody()
                .put("digest", Journeys.sha256(("anchor " + random.nextLong()).getBytes(StandardCharsets.UTF_8)))
                .put("algorithm", "sha-256").put("documentType", "credit-report")
                .put("subject", pick(random, "HK-A1234567", "hk-a1234567", "ＨＫ－Ａ１２３４５６７"))
                .put("validUntil", future);
        boolean validAuth = random.nextInt(10) < 8;
        breakFields(random, body, validAuth, Map.of(
                "digest", new Object[]{"", "abc", "z".repeat(64), "a".repeat(63), "a".repeat(65), "a".repeat(64) + "\u0000",
                        "a".repeat(64) + line(random), 42, true, null, OBJECT, ARRAY, "a".repeat(70_000)},
                "algorithm", new Object[]{"md5", "", "sha-512", "sha-256\u0000", "SHA_256", "sm3" + line(random), 1, null, OBJECT, ARRAY},
                "documentType", DOCUMENT_TYPES,
                "subject", new Object[]{"", "   ", null, "x".repeat(129), "HK\u0000A1234567", "HK-A1234567" + line(random),
                        "\u202EHK-A1234567", "HK\uD800", OBJECT, ARRAY},
                "validUntil", validUntils(random, false)));
        return json(random, HK, "POST", "/api/v1/anchors", validAuth ? fixture.issuerKey() : otherCredential(random), body,
                Expect.REFUSED);
    }

    private DraftRequest consentBody(SplittableRandom random) {
        JsonBody body = new JsonBody()
                .put("subject", pick(random, "HK-A1234567", "hk-a1234567", " HK-A1234567 ")).put("issuer", "hk.transunion")
                .put("verifier", "cn.abc-shenzhen").put("documentType", "credit-report")
                .put("purpose", pick(random, "consumer loan application", "按揭申請", "family 👨\u200D👩\u200D👧"))
                .put("validUntil", future);
        boolean validAuth = random.nextInt(10) < 8;
        breakFields(random, body, validAuth, Map.of(
                "subject", new Object[]{"HK-Z9999999", "", null, "x".repeat(129), "HK-A1234567\u0000", line(random), OBJECT, ARRAY},
                "issuer", new Object[]{"hk.nobody", "cn.baihang", "HK.TransUnion", "", null, "hk.transunion" + line(random), OBJECT},
                "verifier", new Object[]{"cn.nobody", "hk.transunion", "not an institution", "", null, ARRAY},
                "documentType", DOCUMENT_TYPES,
                "purpose", new Object[]{"", "  ", null, "p".repeat(201), "loan\u0000", "loan" + line(random), "\u202Eloan",
                        "loan\uD800", "loan\u0007", "loan\u001b[31m", OBJECT, ARRAY},
                "validUntil", validUntils(random, true)));
        return json(random, HK, "POST", "/api/v1/consents", validAuth ? fixture.residentCredential() : otherCredential(random),
                body, Expect.REFUSED);
    }

    private DraftRequest revocationBody(SplittableRandom random) {
        JsonBody body = new JsonBody().put("reason", "issued in error");
        boolean validAuth = random.nextInt(10) < 8;
        breakFields(random, body, validAuth, Map.of("reason", new Object[]{"", " ", null, "r".repeat(201), "\u0000",
                "error" + line(random), "bell\u0007", "\u202Eerror", OBJECT, ARRAY}));
        String id = random.nextBoolean() ? fixture.anchorId() : pick(random, uuid(random), "not-a-uuid", "0");
        return json(random, HK, "POST", "/api/v1/anchors/" + id + "/revocation",
                validAuth ? fixture.issuerKey() : otherCredential(random), body, Expect.REFUSED);
    }

    private DraftRequest verificationBody(SplittableRandom random) {
        JsonBody body = new JsonBody().put("digest", fixture.digest()).put("algorithm", "sha-256")
                .put("voucher", fixture.voucher()).put("consent", fixture.token());
        switch (random.nextInt(6)) {
            case 0 -> body.put("voucher", foreignVoucher(random));
            case 1 -> body.put("digest", Journeys.sha256(("other " + random.nextLong()).getBytes(StandardCharsets.UTF_8)));
            case 2 -> body.put("algorithm", "sm3");
            default -> breakFields(random, body, true, Map.of(
                    "digest", new Object[]{"", "zz", "a".repeat(64) + line(random), null, OBJECT, 7},
                    "algorithm", new Object[]{"md5", null, ARRAY, "sha-256" + line(random)},
                    "voucher", new Object[]{null, "voucher", ARRAY, 42, OBJECT, brokenVoucher(random)},
                    "consent", new Object[]{null, "", "hbc1.garbage", fixture.token().substring(0, fixture.token().length() / 2),
                            fixture.token() + "x", "hbc1." + "A".repeat(5000), fixture.token() + line(random),
                            tamperedToken(), OBJECT}));
        }
        boolean hkBank = random.nextInt(10) == 0;
        String credential = hkBank ? fixture.hkVerifierKey() : random.nextInt(10) < 9 ? fixture.verifierKey() : otherCredential(random);
        return json(random, hkBank ? HK : SZ, "POST", "/api/v1/verifications", credential, body, Expect.MAY_VERIFY);
    }

    private JsonNode foreignVoucher(SplittableRandom random) {
        ObjectNode voucher = (ObjectNode) fixture.voucher().deepCopy();
        ObjectNode chain = (ObjectNode) voucher.get("chain");
        switch (random.nextInt(3)) {
            case 0 -> chain.put("chainId", pick(random, 1L, 137L, Long.MAX_VALUE));
            case 1 -> chain.put("registry", "0x" + "ab".repeat(20));
            default -> chain.put("block", random.nextLong(1, Long.MAX_VALUE));
        }
        return voucher;
    }

    private JsonNode brokenVoucher(SplittableRandom random) {
        ObjectNode voucher = (ObjectNode) fixture.voucher().deepCopy();
        switch (random.nextInt(10)) {
            case 0 -> voucher.remove(pick(random, "salt", "leaf", "root", "proof", "chain", "subject", "version"));
            case 1 -> voucher.put("salt", "zz");
            case 2 -> voucher.put("validUntil", pick(random, "+294277-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2027-06-30"));
            case 3 -> voucher.put("anchorId", pick(random, "a\u0000", "a" + line(random), "a".repeat(201)));
            case 4 -> ((ObjectNode) voucher.get("proof")).put("index", pick(random, -1, Integer.MAX_VALUE));
            case 5 -> voucher.put("root", "ab".repeat(32));
            case 6 -> ((ObjectNode) voucher.get("chain")).put("registry", "0x5f" + line(random));
            case 7 -> voucher.put("document", "the report itself");
            case 8 -> voucher.put("version", pick(random, 0, 2, -1));
            default -> ((ObjectNode) voucher.get("chain")).put("transaction", "");
        }
        return voucher;
    }

    /** The token with its verifier changed but its commitment kept, as a forger would try. */
    private String tamperedToken() {
        String[] parts = fixture.token().split("\\.");
        String record = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("cn.abc-shenzhen", "cn.abc-shenzhe2");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(record.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private Object[] validUntils(SplittableRandom random, boolean consent) {
        List<Object> values = new ArrayList<>(java.util.Arrays.asList("+294277-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z",
                "+1000000001-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "10000-01-01", "+10000-01-01T00:00:00Z",
                "2020-01-01", "1970-01-01", "soon", "", "2027-02-30", "2027-13-01", "2027-06-30T25:00:00Z",
                "2027-06-30T23:59:59", "2027-06-30 23:59:59Z", "9999-12-31" + line(random), -1, 1e308,
                new JsonBody.Raw("99999999999999999999999999"), new JsonBody.Raw("-0.0"), true, null, OBJECT, ARRAY));
        if (consent) {
            values.addAll(java.util.Arrays.asList("2099-01-01", "9999-12-31", "9999-12-31T23:59:59Z"));
        }
        return values.toArray();
    }

    private static final Object[] DOCUMENT_TYPES = {"Credit Report", "", "-credit", "a".repeat(65), "credit-report\n",
            "信用报告", "credit_report", null, new Object[0], Map.of("a", 1)};

    // ---------------------------------------------------------------- requests without bodies

    private DraftRequest read(SplittableRandom random) {
        String id = pick(random, uuid(random), "not-a-uuid", "", "null", "-1", uuid(random).toUpperCase(),
                "{" + uuid(random) + "}", "x".repeat(3000), "%20");
        return switch (random.nextInt(8)) {
            case 0 -> plain(random, HK, "GET", "/api/v1/anchors/" + pick(random, id, fixture.anchorId()), fixture.issuerKey());
            case 1 -> plain(random, HK, "GET", "/api/v1/consents/" + pick(random, id, fixture.consentId()), fixture.residentCredential());
            case 2 -> plain(random, HK, "GET", "/api/v1/consents/" + pick(random, id, fixture.consentId()) + "/accesses?page="
                    + pick(random, "-1", "0", "1e3", "99999999999999999999", "x", "", "%00") + "&size="
                    + pick(random, "0", "201", "-5", "2147483648", "1", "NaN"), fixture.residentCredential());
            case 3 -> plain(random, SZ, "GET", "/api/v1/verifications/" + pick(random, id, fixture.verificationId()), fixture.verifierKey());
            case 4 -> plain(random, HK, "GET", "/api/v1/consents", fixture.residentCredential());
            default -> plain(random, node(random), pick(random, "GET", "HEAD", "OPTIONS"), pick(random, READ_PATHS), null);
        };
    }

    private DraftRequest deletion(SplittableRandom random) {
        String id = pick(random, uuid(random), "not-a-uuid", "%00", "..", "-");
        String credential = pick(random, fixture.residentCredential(), fixture.issuerKey(), null, "wrong");
        return plain(random, HK, "DELETE", "/api/v1/consents/" + id, credential).expect(Expect.REFUSED);
    }

    private static final List<String> READ_PATHS = List.of("/api/v1/node", "/api/v1/receipt-keys", "/actuator",
            "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness", "/actuator/health/db",
            "/actuator/info", "/actuator/env", "/actuator/beans", "/actuator/shutdown", "/error", "/v3/api-docs",
            "/v3/api-docs/swagger-config", "/v3/api-docs.yaml", "/", "/index.html", "/api", "/api/v1", "/api/v2/node",
            "/api/v1/nodes", "/favicon.ico", "/swagger-ui.html", "/api/v1/anchors", "/api/v1/verifications");

    private static final List<String> ALL_PATHS;

    static {
        List<String> paths = new ArrayList<>(READ_PATHS);
        String unknown = "8f2c1e4a-3b7d-4c9e-a1f0-5d6e7f8a9b0c";
        paths.addAll(List.of("/api/v1/consents", "/api/v1/anchors/" + unknown, "/api/v1/anchors/" + unknown + "/revocation",
                "/api/v1/consents/" + unknown + "/accesses"));
        ALL_PATHS = List.copyOf(paths);
    }

    private DraftRequest pathChaos(SplittableRandom random) {
        String path = pick(random, ALL_PATHS);
        int at = 1 + random.nextInt(Math.max(1, path.length() - 1));
        String insert = pick(random, "//", "/./", "/../", "/..;/", ";jsessionid=x", "%00", "%0a" + fixture.marker(),
                "%0d%0a" + fixture.marker() + "%20INFO", "%2f", "%2F", "%5c", "\\", "%25", "%2e%2e/", "%zz", "%", "%c0%af",
                "%ff", "é", " ", "\t", "{", "|", "^", "`", "<script>", "#frag", "%u0000", "x".repeat(9000), "%e2%80%a8"
                        + fixture.marker(), "/%2e/", ";", "%3b", "..%2f", "%0D");
        String target = path.substring(0, at) + insert + path.substring(at);
        return plain(random, node(random), pick(random, "GET", "POST", "DELETE", "HEAD"), target, anyCredential(random))
                .expect(Expect.REFUSED).closeAfter();
    }

    private DraftRequest queryChaos(SplittableRandom random) {
        String query = pick(random, "%00=1", "%0a" + fixture.marker() + "=1", "a=%0d%0a" + fixture.marker(), "a=%zz", "a=%00",
                "&&&", "=", "a", "a=" + "b".repeat(9000), "page=-1&page=2", "%e2%80%a8" + fixture.marker() + "=1",
                "x=%c0%af", "a[]=1&a[0]=2", "__proto__=1", "%ff=%fe", manyParameters(random));
        String path = pick(random, ALL_PATHS);
        return plain(random, node(random), pick(random, "GET", "HEAD", "POST", "DELETE"), path + "?" + query,
                anyCredential(random)).expect(Expect.MAY_READ).closeAfter();
    }

    private static String manyParameters(SplittableRandom random) {
        StringBuilder query = new StringBuilder();
        int count = 500 + random.nextInt(1500);
        for (int i = 0; i < count; i++) {
            query.append(i == 0 ? "" : "&").append('p').append(i).append("=1");
        }
        return query.toString();
    }

    private DraftRequest headerChaos(SplittableRandom random) {
        DraftRequest draft = plain(random, node(random), pick(random, "GET", "POST", "HEAD"), pick(random, ALL_PATHS), anyCredential(random))
                .closeAfter();
        switch (random.nextInt(14)) {
            case 0 -> draft.header("Accept", pick(random, ",,,", "*/*", "text/html", "application/xml", "a/b/c",
                    "application/json;q=abc", "application/json;q=2", "application/problem+json", ";;;", "*/json", "", "/",
                    "application/json, ", "\"", "text/*;charset=\"unclosed"));
            case 1 -> draft.header("Content-Type", pick(random, "*/*", "application/*", ";;;", "x", "", "application/json, text/plain",
                    "application/json; charset=utf-9", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"));
            case 2 -> draft.header("X-" + fixture.marker(), pick(random, "\u0000", "\u0001", "\u007f", "a\u000bb", "\u001b[2J"));
            case 3 -> draft.header(pick(random, "Bad Name", "Bad\u0001Name", "Bad:Name", "(x)", "é"), "x");
            case 4 -> draft.header("X-Big", "a".repeat(9000 + random.nextInt(10_000)));
            case 5 -> {
                for (int i = 0; i < 101 + random.nextInt(100); i++) {
                    draft.header("X-H" + i, "v");
                }
            }
            case 6 -> draft.header("Host", pick(random, "", "evil.example", "127.0.0.1:1", "a b", "[::1", "h\u0000st"));
            case 7 -> draft.header("Host", "second.example");
            case 8 -> draft.header("Transfer-Encoding", pick(random, "gzip", "chunked, gzip", "identity", "xchunked"));
            case 9 -> draft.header("Content-Length", pick(random, "-1", "abc", "99999999999999999999", "1, 2"));
            case 10 -> draft.header("Expect", pick(random, "100-continue", "200-ok"));
            case 11 -> draft.header("Connection", pick(random, "Upgrade", "close, keep-alive, " + "x".repeat(100)))
                    .header("Upgrade", pick(random, "h2c", "websocket", "HTTP/9"));
            case 12 -> draft.header("Cookie", pick(random, "JSESSIONID=%00", "a=" + "b".repeat(5000), "=;=;=",
                    "JSESSIONID=" + fixture.marker()));
            default -> draft.header(pick(random, "X-Forwarded-For", "Forwarded", "X-Forwarded-Host", "X-Forwarded-Proto"),
                    pick(random, "\u0000", "for=\"[::1", "evil.example", "gopher", "1.2.3.4, " + "9".repeat(300)));
        }
        return draft.expect(Expect.MAY_READ);
    }

    private DraftRequest methodChaos(SplittableRandom random) {
        String method = pick(random, "TRACE", "CONNECT", "FOO", "PROPFIND", "get", "G\u0001T", "M".repeat(300), "PUT", "PATCH",
                "DELETE", "OPTIONS", "HEAD", "POST", "MKCOL", "BREW", "*");
        DraftRequest draft = plain(random, node(random), method, pick(random, ALL_PATHS), anyCredential(random)).closeAfter();
        if (random.nextBoolean()) {
            draft.body("application/json", "{}".getBytes(StandardCharsets.UTF_8));
        }
        return draft.expect(method.equals("OPTIONS") || method.equals("HEAD") ? Expect.MAY_READ : Expect.REFUSED);
    }

    private DraftRequest authChaos(SplittableRandom random) {
        String authorization = pick(random, "Bearer", "Bearer ", "Bearer x", "Basic " + "dXNlcjpwYXNz", "bearer junk",
                "Bearer " + "k".repeat(300), "Bearer " + fixture.szIssuerKey(), "Bearer " + fixture.hkVerifierKey(),
                "Bearer " + fixture.residentCredential() + "\u0000", "Bearer " + fixture.issuerKey() + "\u000b", "Token x",
                "Bearer " + fixture.marker() + "\u2028x", "Bearer  " + fixture.verifierKey() + "  extra");
        String path = pick(random, ALL_PATHS);
        DraftRequest draft = plain(random, node(random), pick(random, "GET", "POST", "DELETE"), path, null)
                .header("Authorization", authorization).closeAfter();
        if (random.nextBoolean()) {
            draft.header("Authorization", "Bearer " + anyCredential(random));
        }
        return draft;
    }

    private DraftRequest framingChaos(SplittableRandom random) {
        DraftRequest draft = plain(random, node(random), pick(random, "GET", "POST"), pick(random, ALL_PATHS), anyCredential(random))
                .closeAfter();
        switch (random.nextInt(6)) {
            case 0 -> draft.version(pick(random, "HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "HTTP/1.1x", "HTTP/1", "http/1.1", "HTTP/1.10"));
            case 1 -> draft.chunked("application/json", pick(random, "5\r\n{\"a\":\r\n0\r\n\r\n", "zz\r\n{}\r\n0\r\n\r\n",
                    "2\r\n{}\r\n0\r\n\r\n", "1;ext=\u0000\r\n{\r\n0\r\n\r\n"));
            case 2 -> draft.target(pick(random, "*", "http://evil.example/api/v1/node", "api/v1/node", "/?" + "q".repeat(70_000)));
            case 3 -> draft.lineEnding("\n");
            case 4 -> draft.header("Content-Length", "0").header("Content-Length", "5");
            default -> draft.body("application/json", new byte[]{(byte) 0xC3, 0x28, (byte) 0xFF, 0x00});
        }
        return draft.expect(Expect.MAY_READ);
    }

    // ---------------------------------------------------------------- JSON bodies and their breakage

    private static final Object OBJECT = Map.of("nested", Map.of("deeper", List.of(1, 2)));
    private static final Object ARRAY = List.of("a", 1);

    /**
     * Breaks one to three fields with values the node must refuse, or the JSON text itself. When
     * {@code mustBreak} is false (the request is refused for its credentials anyway), it may leave the
     * body valid.
     */
    private void breakFields(SplittableRandom random, JsonBody body, boolean mustBreak, Map<String, Object[]> invalid) {
        if (!mustBreak && random.nextInt(3) == 0) {
            return;
        }
        List<String> fields = new ArrayList<>(invalid.keySet());
        java.util.Collections.sort(fields);
        int breaks = 1 + random.nextInt(Math.min(3, fields.size()));
        for (int i = 0; i < breaks; i++) {
            String field = fields.get(random.nextInt(fields.size()));
            Object value = pick(random, invalid.get(field));
            switch (random.nextInt(8)) {
                case 0 -> body.remove(field);
                case 1 -> body.duplicate(field, value);
                default -> body.put(field, value);
            }
        }
        if (random.nextInt(4) == 0) {
            body.put(pick(random, "extra", "document", "__proto__", "digest\u0000"), pick(random, "x", 1, OBJECT, "x" + line(random)));
        }
    }

    private DraftRequest json(SplittableRandom random, String node, String method, String path, String credential, JsonBody body,
                       Expect expect) {
        byte[] text = garble(random, body.json().getBytes(StandardCharsets.UTF_8));
        String contentType = random.nextInt(8) > 0 ? "application/json" : pick(random, "text/plain", "*/*", "application/*",
                "application/json; charset=utf-16", "application/problem+json", "application/x-www-form-urlencoded", "");
        return plain(random, node, method, path, credential).body(contentType, text).expect(expect);
    }

    /** Now and then, breaks the JSON text itself. */
    private byte[] garble(SplittableRandom random, byte[] json) {
        if (random.nextInt(5) > 0) {
            return json;
        }
        String text = new String(json, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (random.nextInt(11)) {
            case 0 -> out.writeBytes(java.util.Arrays.copyOf(json, random.nextInt(Math.max(1, json.length - 1))));
            case 1 -> out.writeBytes((pick(random, "}", "x", ",", "\u0000", "]") + text).getBytes(StandardCharsets.UTF_8));
            case 2 -> out.writeBytes(pick(random, "", "null", "[]", "\"text\"", "123", "true", " ").getBytes(StandardCharsets.UTF_8));
            case 3 -> out.writeBytes(text.replace('"', '\'').getBytes(StandardCharsets.UTF_8));
            case 4 -> out.writeBytes(text.replaceFirst("}$", ",}").getBytes(StandardCharsets.UTF_8));
            case 5 -> out.writeBytes(("/* c */" + text).getBytes(StandardCharsets.UTF_8));
            case 6 -> out.writeBytes(text.replaceFirst(":\"", ":NaN,\"x\":\"").getBytes(StandardCharsets.UTF_8));
            case 7 -> out.writeBytes(("{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "," + text.substring(1))
                    .getBytes(StandardCharsets.UTF_8));
            case 8 -> {
                int cut = text.indexOf(":\"") + 2;
                out.writeBytes(text.substring(0, cut).getBytes(StandardCharsets.UTF_8));
                out.writeBytes(pick(random, new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0xFF, (byte) 0xFE},
                        new byte[]{(byte) 0x80, (byte) 0x80}));
                out.writeBytes(text.substring(cut).getBytes(StandardCharsets.UTF_8));
            }
            case 9 -> out.writeBytes(text.replaceFirst(":\"", ":\"\\\\ud800").getBytes(StandardCharsets.UTF_8));
            default -> out.writeBytes(text.replaceFirst(":\"", ":\"\\\\uZZZZ").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- helpers

    private DraftRequest plain(SplittableRandom random, String node, String method, String target, String credential) {
        DraftRequest draft = new DraftRequest(node, method, target);
        if (credential != null) {
            draft.header("Authorization", (random.nextInt(10) == 0 ? "bearer " : "Bearer ") + credential);
        }
        return draft.expect(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") ? Expect.MAY_READ
                : Expect.REFUSED);
    }

    /** A version-4 UUID drawn from the run's randomness, so that a seed repeats its requests. */
    private static String uuid(SplittableRandom random) {
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L, random.nextLong() & ~(3L << 62) | (1L << 63)).toString();
    }

    private String line(SplittableRandom random) {
        return pick(random, breakingLines);
    }

    private String node(SplittableRandom random) {
        return random.nextBoolean() ? HK : SZ;
    }

    private String anyCredential(SplittableRandom random) {
        return pick(random, fixture.issuerKey(), fixture.residentCredential(), fixture.verifierKey(), fixture.hkVerifierKey(),
                fixture.szIssuerKey(), null, null);
    }

    private String otherCredential(SplittableRandom random) {
        return pick(random, null, "unknown-" + random.nextInt(), fixture.verifierKey(), fixture.szIssuerKey(),
                fixture.hkVerifierKey());
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom random, T... values) {
        return values[random.nextInt(values.length)];
    }

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
