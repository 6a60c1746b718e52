package org.hashbridge.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.hashbridge.protocol.CheckStatus;
import org.hashbridge.protocol.CheckType;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.ReceiptAlgorithm;
import org.hashbridge.protocol.ReceiptVerifier;
import org.hashbridge.protocol.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashBridgeClientTest {

    @TempDir
    Path dir;

    private FakeNode node;
    private HashBridgeClient client;

    @BeforeEach
    void startNode() throws IOException {
        node = FakeNode.start();
        client = new HashBridgeClient(node.uri(), Fixtures.API_KEY);
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void describesTheNodeIgnoringFieldsItDoesNotKnow() {
        NodeInfo info = client.node();

        assertThat(info).isEqualTo(new NodeInfo("sz", "SZ", Fixtures.CHAIN_ID, Fixtures.REGISTRY,
                List.of("sha-256", "sm3")));
    }

    @Test
    void verifiesADocumentFromItsFile() throws IOException {
        Path report = Fixtures.write(dir, "report.pdf", Fixtures.creditReport());

        VerificationResult result = client.verify(report, DigestAlgorithm.SHA_256, Fixtures.voucherForCreditReport(),
                Fixtures.consentToken());

        assertThat(result.verdict()).isEqualTo(Verdict.VERIFIED);
        assertThat(result.verified()).isTrue();
        assertThat(result.checks()).extracting(c -> c.type()).containsExactly(CheckType.values());
        assertThat(result.checks()).allMatch(c -> c.status() == CheckStatus.VALID && c.code().equals("OK"));
        assertThat(result.verificationId()).startsWith("vrf-");
        assertThat(result.json()).contains("\"verificationId\":\"" + result.verificationId() + "\"");
        assertThat(ReceiptVerifier.of(client.receiptKeys()).verify(result.receipt()).verificationId())
                .isEqualTo(result.verificationId());
    }

    /** A node on the {@code sm} profile answers with an SM2SM3 receipt; the keys it publishes verify it. */
    @Test
    void theReceiptOfAnSm2NodeVerifiesAgainstItsKeys() throws IOException {
        try (FakeNode sm2 = FakeNode.start(ReceiptAlgorithm.SM2)) {
            HashBridgeClient toSm2 = new HashBridgeClient(sm2.uri(), Fixtures.API_KEY);

            VerificationResult result = toSm2.verify(DigestAlgorithm.SM3.digest(Fixtures.creditReport()),
                    Fixtures.voucherForCreditReport(), Fixtures.consentToken());
            String header = new String(Base64.getUrlDecoder().decode(result.receipt().split("\\.")[0]), StandardCharsets.UTF_8);

            assertThat(header).contains("\"alg\":\"SM2SM3\"", sm2.keyId());
            assertThat(ReceiptVerifier.of(toSm2.receiptKeys()).verify(result.receipt()).verificationId())
                    .isEqualTo(result.verificationId());
            assertThatThrownBy(() -> ReceiptVerifier.of(client.receiptKeys()).verify(result.receipt()))
                    .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.code()).isEqualTo("UNKNOWN_RECEIPT_KEY"));
        }
    }

    @Test
    void aResidentSignatureIsRequiredInTheRequestOnlyWhenAskedFor() {
        client.verify(DigestAlgorithm.SHA_256.digest(Fixtures.creditReport()), Fixtures.voucherForCreditReport(),
                Fixtures.consentToken());
        client.verify(DigestAlgorithm.SHA_256.digest(Fixtures.creditReport()), Fixtures.voucherForCreditReport(),
                Fixtures.consentToken(), true);

        assertThat(node.verificationBodies()).hasSize(2);
        assertThat(node.verificationBodies().get(0)).doesNotContain("requireResidentSignature");
        assertThat(node.verificationBodies().get(1)).contains("\"requireResidentSignature\":true");
    }

    @Test
    void aConsentForAnotherBankIsRejectedNotThrown() {
        VerificationResult result = client.verify(DigestAlgorithm.SHA_256.digest(Fixtures.creditReport()),
                Fixtures.voucherForCreditReport(), Fixtures.consentTokenFor("hk.fusion-bank"));

        assertThat(result.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(result.checks()).filteredOn(c -> c.type() == CheckType.CONSENT)
                .singleElement().extracting(c -> c.code()).isEqualTo("CONSENT_NOT_APPLICABLE");
    }

    @Test
    void aProblemAnswerBecomesANodeProblemWithItsFields() {
        node.answerWithProblem(422, "VOUCHER_TAMPERED", "the proof does not lead to the root");

        assertThatThrownBy(() -> client.verify(DigestAlgorithm.SHA_256.digest(Fixtures.creditReport()),
                Fixtures.voucherForCreditReport(), Fixtures.consentToken()))
                .isInstanceOfSatisfying(NodeProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(422);
                    assertThat(problem.code()).isEqualTo("VOUCHER_TAMPERED");
                    assertThat(problem.title()).isEqualTo("Refused");
                    assertThat(problem.detail()).isEqualTo("the proof does not lead to the root");
                });
    }

    @Test
    void anErrorWithoutAProblemDocumentIsAnUnexpectedAnswer() {
        HashBridgeClient misconfigured = HashBridgeClient.withoutApiKey(node.uri().resolve("/not-hashbridge"));

        assertThatThrownBy(misconfigured::node).isInstanceOfSatisfying(NodeProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(404);
            assertThat(problem.code()).isEqualTo(NodeProblem.UNEXPECTED_ANSWER);
        });
    }

    @Test
    void anUnreadableSuccessIsAMalformedAnswer() throws IOException {
        HttpServer liar = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        liar.createContext("/", exchange -> {
            byte[] body = (exchange.getRequestURI().getPath().endsWith("verifications")
                    ? "{\"verificationId\":\"v1\",\"verdict\":\"PROBABLY\",\"receipt\":\"x\"}" : "<html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        liar.start();
        try {
            HashBridgeClient toLiar = new HashBridgeClient(URI.create("http://127.0.0.1:" + liar.getAddress().getPort()),
                    Fixtures.API_KEY);

            assertThatThrownBy(toLiar::receiptKeys).isInstanceOfSatisfying(NodeProblem.class,
                    problem -> assertThat(problem.code()).isEqualTo(NodeProblem.MALFORMED_ANSWER));
            assertThatThrownBy(() -> toLiar.verify(DigestAlgorithm.SHA_256.digest(Fixtures.creditReport()),
                    Fixtures.voucherForCreditReport(), Fixtures.consentToken()))
                    .isInstanceOfSatisfying(NodeProblem.class,
                            problem -> assertThat(problem.code()).isEqualTo(NodeProblem.MALFORMED_ANSWER));
        } finally {
            liar.stop(0);
        }
    }

    @Test
    void noAnswerIsNodeUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort);

        assertThatThrownBy(() -> HashBridgeClient.withoutApiKey(nowhere).node())
                .isInstanceOfSatisfying(NodeUnreachable.class, e -> {
                    assertThat(e.node().toString()).startsWith(nowhere.toString());
                    assertThat(e.getMessage()).endsWith("is unreachable: cannot connect");
                });
    }

    @Test
    void withoutAnApiKeyOnlyPublicCallsAreMade() {
        HashBridgeClient anonymous = HashBridgeClient.withoutApiKey(node.uri());

        assertThat(anonymous.receiptKeys()).isEqualTo(node.jwks());
        assertThatThrownBy(() -> anonymous.verify(DigestAlgorithm.SHA_256.digest(Fixtures.creditReport()),
                Fixtures.voucherForCreditReport(), Fixtures.consentToken())).isInstanceOf(IllegalStateException.class);
        assertThat(node.verificationBodies()).isEmpty();
    }

    @Test
    void refusesUnusableSettingsAndNeverShowsTheKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> new HashBridgeClient(URI.create("ftp://node"), "k"));
        assertThatIllegalArgumentException().isThrownBy(() -> new HashBridgeClient(URI.create("/api"), "k"));
        assertThatIllegalArgumentException().isThrownBy(() -> new HashBridgeClient(node.uri(), "key\r\nX-Evil: 1"));
        assertThatIllegalArgumentException().isThrownBy(() -> new HashBridgeClient(node.uri(), " "));
        assertThat(client.toString()).doesNotContain(Fixtures.API_KEY);
        assertThat(client.baseUri().toString()).endsWith("/");
    }

    @Test
    void aRefusedBulkRequestNamesEachItemAndTheNodesLimit() throws IOException {
        HttpServer issuerNode = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        issuerNode.createContext("/api/v1/anchors:batch", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            byte[] answer = (body.contains("TU-2") ? "{\"code\":\"TOO_MANY_ITEMS\",\"status\":413,\"maxItems\":1}"
                    : "{\"code\":\"INVALID_ITEMS\",\"status\":400,\"detail\":\"1 items refused\",\"errors\":"
                    + "[{\"index\":0,\"reference\":\"TU-1\",\"code\":\"INVALID_DIGEST\",\"detail\":\"bad\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(body.contains("TU-2") ? 413 : 400, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        issuerNode.start();
        try {
            HashBridgeClient issuer = new HashBridgeClient(URI.create("http://127.0.0.1:" + issuerNode.getAddress().getPort()),
                    Fixtures.API_KEY);
            AnchorItem first = new AnchorItem("TU-1", DigestAlgorithm.SHA_256.digest(Fixtures.creditReport()),
                    "credit-report", "HK-A1234567", "2027-06-30");
            AnchorItem second = new AnchorItem("TU-2", first.digest(), "credit-report", "HK-A1234567", "2027-06-30");

            assertThatThrownBy(() -> issuer.anchorAll(List.of(first))).isInstanceOfSatisfying(NodeProblem.class, p -> {
                assertThat(p.code()).isEqualTo("INVALID_ITEMS");
                assertThat(p.errors()).containsExactly(new ItemError(0, "TU-1", "INVALID_DIGEST", "bad"));
                assertThat(p.maxItems()).isEmpty();
            });
            assertThatThrownBy(() -> issuer.anchorAll(List.of(first, second))).isInstanceOfSatisfying(NodeProblem.class,
                    p -> assertThat(p.maxItems()).hasValue(1));
            assertThat(bodies.get(0)).contains("\"reference\":\"TU-1\"").contains("\"algorithm\":\"sha-256\"")
                    .contains("\"digest\":\"" + first.digest().hex() + "\"").doesNotContain("credit report of");
            assertThatThrownBy(() -> HashBridgeClient.withoutApiKey(issuer.baseUri()).anchorAll(List.of(first)))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            issuerNode.stop(0);
        }
    }
}
