package org.hashbridge.bank;

import static org.hashbridge.bank.FakeHttp.JSON;
import static org.hashbridge.bank.FakeHttp.answer;
import static org.hashbridge.bank.FakeHttp.answerProblem;
import static org.hashbridge.bank.FakeHttp.problemOf;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.hashbridge.protocol.ConsentReceipt;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.ReceiptSigner;
import org.hashbridge.protocol.ResidentApproval;
import org.hashbridge.protocol.ResidentChallenges;
import org.hashbridge.protocol.ResidentKey;
import org.hashbridge.protocol.Salt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for the resident's home node (HK) on 127.0.0.1: it really checks every approval against the challenge it
 * stands for and the key bound, binds and replaces keys as the registry would (nonce and all), writes version 2
 * consent records and tokens, and signs consent receipts with the receipt key it publishes. It can be told to misbehave as a hostile node would: write
 * another record than the one asked for, ask the key to sign another challenge, sign receipts with a key it does not
 * publish or answer with another consent's receipt. It keeps every approval it receives.
 */
public final class FakeHomeNode implements AutoCloseable {

    static final String JURISDICTION = "HK";
    private static final byte[] REGISTRY = HexFormat.of().parseHex(Fixtures.REGISTRY.substring(2));

    private final HttpServer server;
    private final Hash32 binding = ResidentKey.binding(Fixtures.resident());
    private final Map<String, ConsentToken> consents = new ConcurrentHashMap<>();
    private final List<String> approvals = new CopyOnWriteArrayList<>();
    private volatile Hash32 boundKey;
    private volatile long nonce;
    private volatile Hash32 recoveryKey;
    private volatile UnaryOperator<ConsentRecord> rewrite = UnaryOperator.identity();
    private volatile Hash32 challengeOverride;
    private final ReceiptSigner signer = ReceiptSigner.generate();
    private volatile ReceiptSigner receiptSigner = signer;
    private volatile String receiptOf;

    private FakeHomeNode(HttpServer server) {
        this.server = server;
    }

    public static FakeHomeNode start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeHomeNode node = new FakeHomeNode(server);
        server.createContext("/api/v1/residents/me/key", exchange -> node.authenticated(exchange, node::key));
        server.createContext("/api/v1/residents/me/keys", exchange -> node.authenticated(exchange, node::register));
        server.createContext("/api/v1/residents/me/key-recovery/cancellation",
                exchange -> node.authenticated(exchange, node::cancelRecovery));
        server.createContext("/api/v1/consents", exchange -> node.authenticated(exchange, node::consents));
        server.createContext("/api/v1/receipt-keys", exchange -> answer(exchange, 200, "application/jwk-set+json",
                node.signer.publicKeys().toString()));
        server.start();
        return node;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The hash of the key bound now, null when none is. */
    public Hash32 boundKey() {
        return boundKey;
    }

    /** How many consents it was asked to write. */
    public int grants() {
        return consents.size();
    }

    /** The request bodies that carried the resident's approval of a consent or of its revocation, in arrival order. */
    public List<String> approvals() {
        return List.copyOf(approvals);
    }

    /** The home operator starts a recovery of the resident's key to {@code keyHash}, as for a lost key. */
    public void startRecovery(Hash32 keyHash) {
        recoveryKey = keyHash;
        nonce++;
    }

    /** From now on, write each consent as {@code rewrite} makes it out of the one asked for. */
    public void rewriteConsents(UnaryOperator<ConsentRecord> rewrite) {
        this.rewrite = rewrite;
    }

    /** From now on, ask the key to sign {@code challenge}, whatever it approves or revokes. */
    public void askToSign(Hash32 challenge) {
        this.challengeOverride = challenge;
    }

    /** From now on, sign consent receipts with {@code signer}, whose key this node does not publish. */
    public void signReceiptsWith(ReceiptSigner signer) {
        this.receiptSigner = signer;
    }

    /** From now on, answer every receipt with the receipt of consent {@code consentId}. */
    public void answerReceiptsOf(String consentId) {
        this.receiptOf = consentId;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private void authenticated(HttpExchange exchange, Handler handler) throws IOException {
        if (!("Bearer " + Fixtures.RESIDENT_CREDENTIAL).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answerProblem(exchange, problemOf(401, "Unauthorized", "UNAUTHENTICATED", "a valid credential is required"));
            return;
        }
        try {
            handler.handle(exchange);
        } catch (InvalidInput e) {
            answerProblem(exchange, problemOf(422, "Refused", e.code(), e.getMessage()));
        }
    }

    private void key(HttpExchange exchange) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("binding", binding.hex());
        if (boundKey != null) {
            body.put("keyHash", boundKey.hex());
        }
        body.put("nonce", nonce);
        if (recoveryKey != null) {
            body.putObject("pendingRecovery").put("keyHash", recoveryKey.hex())
                    .put("recoverableAt", Instant.now().plus(java.time.Duration.ofDays(7)).toString());
        }
        body.put("chainId", Fixtures.CHAIN_ID);
        body.put("registry", "0x5FbDB2315678afecb367f032d93F642f64180aa3");
        body.put("jurisdiction", JURISDICTION);
        body.putArray("passkeys");
        answer(exchange, 200, "application/json", body.toString());
    }

    private void register(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(FakeHttp.body(exchange));
        ResidentKey key = ResidentKey.fromJson(request.get("key").toString());
        ResidentApproval.fromJson(request.get("proof").toString())
                .verify(ResidentChallenges.keyRegistration(binding, key.hash()));
        if (boundKey != null) {
            if (!request.hasNonNull("replacement")) {
                answerProblem(exchange, problemOf(409, "Key bound", "RESIDENT_KEY_BOUND", "a key is bound: the old key approves its replacement"));
                return;
            }
            ResidentApproval replacement = ResidentApproval.fromJson(request.get("replacement").toString());
            if (!replacement.key().hash().equals(boundKey)) {
                throw InvalidInput.of("RESIDENT_KEY_MISMATCH", "the replacement is not approved by the bound key");
            }
            replacement.verify(ResidentChallenges.keyReplacement(Fixtures.CHAIN_ID, REGISTRY,
                    ResidentChallenges.jurisdiction(JURISDICTION), binding, key.hash(), nonce));
        }
        boundKey = key.hash();
        recoveryKey = null;
        nonce++;
        answer(exchange, 201, "application/json", "{\"keyHash\":\"" + key.hash().hex() + "\",\"status\":\"BOUND\"}");
    }

    private void cancelRecovery(HttpExchange exchange) throws IOException {
        ResidentApproval approval = ResidentApproval.fromJson(JSON.readTree(FakeHttp.body(exchange)).get("approval").toString());
        if (recoveryKey == null || !approval.key().hash().equals(boundKey)) {
            throw InvalidInput.of("RESIDENT_KEY_MISMATCH", "no recovery, or not the bound key");
        }
        approval.verify(ResidentChallenges.recoveryCancellation(Fixtures.CHAIN_ID, REGISTRY,
                ResidentChallenges.jurisdiction(JURISDICTION), binding, nonce));
        recoveryKey = null;
        nonce++;
        key(exchange);
    }

    private void consents(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().substring("/api/v1/consents".length()).split("/");
        String method = exchange.getRequestMethod();
        if (path.length == 1 && method.equals("POST")) {
            grant(exchange);
        } else if (path.length == 2 && method.equals("GET") && consents.containsKey(path[1])) {
            answerConsent(exchange, 200, path[1], "AUTHORISED");
        } else if (path.length == 3 && method.equals("POST") && path[2].equals("approval") && consents.containsKey(path[1])) {
            approve(exchange, path[1]);
        } else if (path.length == 3 && method.equals("POST") && path[2].equals("revocation") && consents.containsKey(path[1])) {
            revoke(exchange, path[1]);
        } else if (path.length == 3 && method.equals("GET") && path[2].equals("receipt") && consents.containsKey(path[1])) {
            receipt(exchange, receiptOf != null ? receiptOf : path[1]);
        } else {
            answerProblem(exchange, problemOf(404, "Not found", "CONSENT_NOT_FOUND", "no such consent"));
        }
    }

    private void grant(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(FakeHttp.body(exchange));
        if (boundKey == null) {
            answerProblem(exchange, problemOf(409, "No key", "RESIDENT_KEY_REQUIRED", "register a key first"));
            return;
        }
        String id = UUID.randomUUID().toString();
        consents.put(id, ConsentToken.of(rewrite.apply(record(id, request)), Salt.random()));
        answerConsent(exchange, 202, id, "AWAITING_APPROVAL");
    }

    private ConsentRecord record(String id, JsonNode request) {
        long now = Instant.now().getEpochSecond();
        String recipientName = request.path("recipientName").asString("Agricultural Bank of China, Shenzhen Branch");
        String recipientContact = request.path("recipientContact").asString("privacy@abc-shenzhen.example");
        List<String> categories = request.has("dataCategories")
                ? request.get("dataCategories").valueStream().map(JsonNode::asString).toList() : List.of("credit report");
        return new ConsentRecord(ConsentRecord.VERSION_2, id, Fixtures.resident().hex(), text(request, "issuer"),
                text(request, "verifier"), text(request, "documentType"), text(request, "purpose").strip(), now,
                Instant.parse(text(request, "validUntil")).getEpochSecond(), JURISDICTION,
                new ConsentRecord.Recipient(recipientName, recipientContact, "SZ"), categories,
                "the bank hashes the report and checks the hash", request.path("retention").asString("7 years"),
                "revoke on the resident page of the Hong Kong node", request.path("language").asString("en"),
                ConsentRecord.RESIDENT_SIGNED, boundKey.hex());
    }

    private void approve(HttpExchange exchange, String id) throws IOException {
        String body = FakeHttp.body(exchange);
        approvals.add(body);
        ResidentApproval approval = ResidentApproval.fromJson(JSON.readTree(body).get("approval").toString());
        ConsentToken token = consents.get(id);
        if (!approval.key().hash().equals(boundKey)) {
            throw InvalidInput.of("RESIDENT_KEY_MISMATCH", "the approval is not by the bound key");
        }
        approval.verify(token.approvalChallenge());
        consents.put(id, token.withApproval(approval));
        answerConsent(exchange, 201, id, "AUTHORISED");
    }

    private void revoke(HttpExchange exchange, String id) throws IOException {
        String body = FakeHttp.body(exchange);
        approvals.add(body);
        ResidentApproval approval = ResidentApproval.fromJson(JSON.readTree(body).get("approval").toString());
        if (!approval.key().hash().equals(boundKey)) {
            throw InvalidInput.of("RESIDENT_KEY_MISMATCH", "the revocation is not by the bound key");
        }
        approval.verify(ResidentChallenges.consentRevocation(consents.get(id).commitment()));
        answerConsent(exchange, 200, id, "REVOKED");
    }

    private void receipt(HttpExchange exchange, String id) throws IOException {
        ConsentRecord record = consents.get(id).record();
        ConsentReceipt receipt = new ConsentReceipt(ConsentReceipt.VERSION, ConsentReceipt.SCHEMA, id, record.subject(),
                new ConsentReceipt.Party("controller", record.issuer(), "TransUnion Hong Kong", null, "HK"),
                new ConsentReceipt.Party("recipient", record.verifier(), record.recipient().name(),
                        record.recipient().contact(), record.recipient().jurisdiction()),
                List.of(new ConsentReceipt.Purpose(record.purpose(), record.documentType(), record.dataCategories(),
                        record.processing(), record.retention(), ConsentReceipt.Purpose.CONSENT_BASIS)),
                List.of("HK", "SZ"), record.collection(), record.residentKey(), record.withdrawal(), record.language(),
                Instant.ofEpochSecond(record.issuedAt()).toString(), record.validUntilInstant().toString(), "AUTHORISED",
                List.of(new ConsentReceipt.Event("GIVEN", Instant.ofEpochSecond(record.issuedAt()).toString())),
                consents.get(id).commitment().hex(), Fixtures.CHAIN_ID, Fixtures.REGISTRY, "0x" + "cd".repeat(32), "hk",
                Instant.now().toString());
        ObjectNode body = JSON.createObjectNode();
        body.set("receipt", JSON.valueToTree(receipt));
        body.put("jws", receiptSigner.sign(receipt));
        answer(exchange, 200, "application/json", body.toString());
    }

    private void answerConsent(HttpExchange exchange, int status, String id, String state) throws IOException {
        ConsentToken token = consents.get(id);
        ObjectNode body = JSON.createObjectNode();
        body.put("consentId", id);
        body.put("status", state);
        body.put("commitment", token.commitment().hex());
        body.put("token", token.encode());
        Hash32 approval = challengeOverride != null ? challengeOverride : token.approvalChallenge();
        Hash32 revocation = challengeOverride != null ? challengeOverride
                : ResidentChallenges.consentRevocation(token.commitment());
        if (state.equals("AWAITING_APPROVAL")) {
            body.put("challenge", base64url(approval));
        }
        body.put("revocationChallenge", base64url(revocation));
        answer(exchange, status, "application/json", body.toString());
    }

    private static String base64url(Hash32 hash) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash.bytes());
    }

    private static String text(JsonNode request, String field) {
        return request.path(field).asString();
    }
}
