package org.hashbridge.bank;

import static org.hashbridge.bank.FakeHttp.answer;
import static org.hashbridge.bank.FakeHttp.answerProblem;
import static org.hashbridge.bank.FakeHttp.problemOf;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.CheckType;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Digest;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.DocumentType;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.Receipt;
import org.hashbridge.protocol.ReceiptAlgorithm;
import org.hashbridge.protocol.ReceiptSigner;
import org.hashbridge.protocol.Verdict;
import org.hashbridge.protocol.Voucher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for the SZ node on 127.0.0.1: it really checks the digest against the voucher and the
 * consent against the verifier, and signs a real EdDSA receipt (SM2SM3 when started on the {@code sm}
 * profile's algorithm), so what the client does with the answer is tested against genuine protocol
 * objects. Like a node that signed ES256 receipts before moving to EdDSA (and EdDSA before moving to SM2),
 * it publishes the keys of those earlier receipts after the key it signs with. It keeps every verification
 * body it receives.
 */
public final class FakeNode implements AutoCloseable {

    private static final JsonMapper JSON = FakeHttp.JSON;

    private final HttpServer server;
    private final ReceiptSigner signer;
    /** The keys of the receipts it signed before, newest first. */
    private final Map<ReceiptAlgorithm, ReceiptSigner> earlier = new LinkedHashMap<>();
    private final List<String> verificationBodies = new CopyOnWriteArrayList<>();
    private volatile ObjectNode problem;

    private FakeNode(HttpServer server, ReceiptAlgorithm algorithm) {
        this.server = server;
        this.signer = ReceiptSigner.generate(algorithm);
        if (algorithm == ReceiptAlgorithm.SM2) {
            earlier.put(ReceiptAlgorithm.EDDSA, ReceiptSigner.generate(ReceiptAlgorithm.EDDSA));
        }
        earlier.put(ReceiptAlgorithm.ES256, ReceiptSigner.generate(ReceiptAlgorithm.ES256));
    }

    /** A node signing EdDSA receipts, as nodes do by default. */
    public static FakeNode start() throws IOException {
        return start(ReceiptAlgorithm.EDDSA);
    }

    /** A node signing {@code algorithm} receipts: EDDSA, or SM2 as on the {@code sm} profile. */
    public static FakeNode start(ReceiptAlgorithm algorithm) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeNode node = new FakeNode(server, algorithm);
        server.createContext("/api/v1/node", node::describe);
        server.createContext("/api/v1/receipt-keys", node::receiptKeys);
        server.createContext("/api/v1/verifications", node::verify);
        server.start();
        return node;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The JWKS this node publishes: the key it signs with, then the keys of its earlier receipts. */
    public String jwks() {
        List<JWK> keys = new ArrayList<>(signer.publicKeys().getKeys());
        earlier.values().forEach(key -> keys.addAll(key.publicKeys().getKeys()));
        return new JWKSet(keys).toString();
    }

    /** The key id of the key this node signs receipts with now. */
    public String keyId() {
        return signer.keyId();
    }

    /** The key id of the P-256 key of its earlier ES256 receipts. */
    public String es256KeyId() {
        return earlier.get(ReceiptAlgorithm.ES256).keyId();
    }

    /** A receipt for the credit report as this node signed them before it moved to EdDSA: ES256. */
    public String es256Receipt() {
        return earlierReceipt(ReceiptAlgorithm.ES256);
    }

    /** A receipt for the credit report as this node signed them before, with the key of {@code algorithm}. */
    public String earlierReceipt(ReceiptAlgorithm algorithm) {
        Digest digest = DigestAlgorithm.SHA_256.digest(Fixtures.creditReport());
        ConsentToken consent = ConsentToken.decode(Fixtures.consentToken());
        return earlier.get(algorithm).sign(receipt("vrf-" + UUID.randomUUID(), digest, Fixtures.voucherForCreditReport(),
                consent, Instant.now().toString()));
    }

    /** The request bodies of {@code POST /api/v1/verifications}, in arrival order. */
    public List<String> verificationBodies() {
        return List.copyOf(verificationBodies);
    }

    /** From now on, answer verifications with this problem. */
    public void answerWithProblem(int status, String code, String detail) {
        problem = problemOf(status, "Refused", code, detail);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void describe(HttpExchange exchange) throws IOException {
        answer(exchange, 200, "application/json", "{\"operator\":\"sz\",\"jurisdiction\":\"SZ\",\"chainId\":"
                + Fixtures.CHAIN_ID + ",\"registryAddress\":\"" + Fixtures.REGISTRY
                + "\",\"digestAlgorithms\":[\"sha-256\",\"sm3\"],\"version\":\"test\"}");
    }

    private void receiptKeys(HttpExchange exchange) throws IOException {
        answer(exchange, 200, "application/jwk-set+json", jwks());
    }

    private void verify(HttpExchange exchange) throws IOException {
        String body = FakeHttp.body(exchange);
        verificationBodies.add(body);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + Fixtures.API_KEY).equals(authorization)) {
            answerProblem(exchange, problemOf(401, "Unauthorized", "UNAUTHENTICATED", "a valid API key is required"));
        } else if (problem != null) {
            answerProblem(exchange, problem);
        } else {
            answer(exchange, 200, "application/json", verification(JSON.readTree(body)).toString());
        }
    }

    private ObjectNode verification(JsonNode request) {
        Digest digest = Digest.parse(request.get("algorithm").stringValue(), request.get("digest").stringValue());
        Voucher voucher = Voucher.parse(request.get("voucher").toString());
        ConsentToken consent = ConsentToken.decode(request.get("consent").stringValue());
        String id = "vrf-" + UUID.randomUUID();
        String now = Instant.now().toString();
        Receipt receipt = receipt(id, digest, voucher, consent, now);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("verificationId", id);
        answer.put("verdict", receipt.verdict());
        answer.set("checks", JSON.valueToTree(receipt.checks()));
        answer.put("receipt", signer.sign(receipt));
        answer.put("verifiedAt", now);
        answer.put("node", "sz");
        return answer;
    }

    /** How many blocks past the anchor's the fake node's checks read, as a node's read model does some time later. */
    public static final long READ_MODEL_AHEAD = 5;

    private static Receipt receipt(String id, Digest digest, Voucher voucher, ConsentToken consent, String now) {
        List<Check> checks = checks(digest, voucher, consent);
        return new Receipt(Receipt.VERSION, id, "sz", Fixtures.VERIFIER, Verdict.of(checks).name(), checks,
                digest.algorithm().id(), digest.hex(), voucher.issuer(), voucher.documentType(), voucher.root(),
                voucher.leaf(), consent.commitment().hex(), voucher.chain().chainId(), voucher.chain().registry(),
                voucher.chain().block() + READ_MODEL_AHEAD, now);
    }

    private static List<Check> checks(Digest digest, Voucher voucher, ConsentToken consent) {
        List<Check> checks = new ArrayList<>();
        checks.add(voucher.matches(digest)
                ? Check.valid(CheckType.INTEGRITY, "the digest and salt lead to the anchored root")
                : Check.invalid(CheckType.INTEGRITY, "LEAF_MISMATCH", "the document is not the one the voucher covers"));
        checks.add(Check.valid(CheckType.ANCHOR, "root anchored by hk at block " + voucher.chain().block()));
        checks.add(Check.valid(CheckType.STATUS, "not revoked"));
        checks.add(Check.valid(CheckType.VALIDITY, "valid until " + voucher.validUntil()));
        checks.add(Check.valid(CheckType.ISSUER, voucher.issuer() + " is active"));
        boolean covered = consent.record().covers(new InstitutionId(Fixtures.VERIFIER), voucher.issuerId(),
                new DocumentType(voucher.documentType()), voucher.subjectReference());
        checks.add(covered ? Check.valid(CheckType.CONSENT, "consent authorised")
                : Check.invalid(CheckType.CONSENT, "CONSENT_NOT_APPLICABLE", "the consent does not cover this verifier"));
        return checks;
    }
}
