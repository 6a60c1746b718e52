package org.hashbridge.bank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.hashbridge.bank.FakeNode;
import org.hashbridge.bank.Fixtures;
import org.hashbridge.protocol.CanonicalJson;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.Receipt;
import org.hashbridge.protocol.ReceiptVerifier;
import org.hashbridge.protocol.Voucher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class VerifyCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private FakeNode node;
    private Path report;
    private Path voucher;
    private Path apiKey;

    @BeforeEach
    void startNode() throws IOException {
        node = FakeNode.start();
        report = Fixtures.write(dir, "credit-report.pdf", Fixtures.creditReport());
        voucher = Fixtures.write(dir, "voucher.json", Fixtures.voucherForCreditReport().toJson());
        apiKey = Fixtures.write(dir, "api-key", Fixtures.API_KEY + "\n");
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void theGenuineDocumentIsVerifiedAndItsReceiptChecksOut() throws IOException {
        Path receipt = dir.resolve("receipt.jws");

        CliRun run = verify(report, "--receipt-out", receipt.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("verdict: VERIFIED").contains("receipt: saved to " + receipt);
        assertThat(run.out().lines().filter(line -> line.matches("\\s+[A-Z]+\\s+VALID\\s+OK\\s+.+")))
                .hasSize(6).anyMatch(line -> line.contains("INTEGRITY")).anyMatch(line -> line.contains("CONSENT"));
        Receipt signed = ReceiptVerifier.of(node.jwks()).verify(Files.readString(receipt));
        assertThat(signed.verdict()).isEqualTo("VERIFIED");
        assertThat(signed.digest()).isEqualTo(DigestAlgorithm.SHA_256.digest(Fixtures.creditReport()).hex());
    }

    @Test
    void onlyTheDigestTravelsNeverTheDocument() throws IOException {
        verify(report);

        assertThat(node.verificationBodies()).hasSize(1);
        String body = node.verificationBodies().get(0);
        JsonNode request = JSON.readTree(body);
        assertThat(fieldNames(request)).containsExactlyInAnyOrder("digest", "algorithm", "voucher", "consent");
        assertThat(request.get("digest").stringValue())
                .isEqualTo(DigestAlgorithm.SHA_256.digest(Fixtures.creditReport()).hex());
        assertThat(request.get("algorithm").stringValue()).isEqualTo("sha-256");
        assertThat(Voucher.parse(request.get("voucher").toString())).isEqualTo(Voucher.parse(Files.readString(voucher)));
        String document = new String(Fixtures.creditReport(), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("CHAN Tai Man", "Score: 712", document.lines().findFirst().orElseThrow())
                .doesNotContain(Base64.getEncoder().encodeToString(Fixtures.creditReport()).substring(0, 40));
    }

    @Test
    void requireResidentSignatureAsksTheNodeToRefuseAConsentTheResidentDidNotSign() {
        CliRun run = verify(report, "--require-resident-signature");

        assertThat(run.exitCode()).isZero();
        JsonNode request = JSON.readTree(node.verificationBodies().get(0));
        assertThat(fieldNames(request)).containsExactlyInAnyOrder("digest", "algorithm", "voucher", "consent",
                "requireResidentSignature");
        assertThat(request.get("requireResidentSignature").booleanValue()).isTrue();
    }

    @Test
    void aForgedDocumentIsRejectedWithExitOne() throws IOException {
        Path forged = Fixtures.write(dir, "forged.pdf", Fixtures.forgedCreditReport());

        CliRun run = verify(forged);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("verdict: REJECTED");
        assertThat(run.out().lines()).anyMatch(line -> line.matches("\\s+INTEGRITY\\s+INVALID\\s+LEAF_MISMATCH\\s+.+"));
    }

    @Test
    void aProblemAnswerExitsThreeWithStatusCodeAndDetail() {
        node.answerWithProblem(403, "CONSENT_REVOKED", "the resident revoked this consent");

        CliRun run = verify(report);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip())
                .isEqualTo("the node answered 403 CONSENT_REVOKED: the resident revoked this consent");
    }

    @Test
    void aWrongApiKeyIsTheNodesProblemToReport() {
        CliRun run = CliRun.withEnvironment(Map.of(BankCli.API_KEY_VARIABLE, "hb_live_someone-else"),
                "verify", "--node", node.uri().toString(), "--file", report.toString(),
                "--voucher", voucher.toString(), "--consent", Fixtures.consentToken());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("401 UNAUTHENTICATED");
    }

    @Test
    void anUnreachableNodeExitsFour() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        CliRun run = CliRun.of("verify", "--node", "http://127.0.0.1:" + closedPort, "--file", report.toString(),
                "--voucher", voucher.toString(), "--consent", Fixtures.consentToken(), "--api-key-file", apiKey.toString());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("unreachable").doesNotContain("\tat ");
    }

    @Test
    void theApiKeyMayComeFromTheEnvironmentAndTheTokenFromAFile() throws IOException {
        Path token = Fixtures.write(dir, "consent.txt", Fixtures.consentToken() + "\n");

        CliRun run = CliRun.withEnvironment(Map.of(BankCli.API_KEY_VARIABLE, Fixtures.API_KEY),
                "verify", "--node", node.uri().toString(), "--file", report.toString(),
                "--voucher", voucher.toString(), "--consent-file", token.toString());

        assertThat(run.exitCode()).isZero();
    }

    @Test
    void withoutAnApiKeyNothingIsSent() {
        CliRun run = CliRun.of("verify", "--node", node.uri().toString(), "--file", report.toString(),
                "--voucher", voucher.toString(), "--consent", Fixtures.consentToken());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no API key", BankCli.API_KEY_VARIABLE);
        assertThat(node.verificationBodies()).isEmpty();
    }

    @Test
    void jsonPrintsTheNodesAnswerAsReceived() {
        CliRun run = verify(report, "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode answer = JSON.readTree(run.out());
        assertThat(answer.get("verdict").stringValue()).isEqualTo("VERIFIED");
        assertThat(answer.get("node").stringValue()).as("fields the client does not know are kept").isEqualTo("sz");
        assertThat(answer.get("checks")).hasSize(6);
    }

    @Test
    void theVouchersAlgorithmIsUsedUnlessOneIsGiven() throws IOException {
        Path smVoucher = Fixtures.write(dir, "sm3-voucher.json",
                Fixtures.voucherFor(DigestAlgorithm.SM3.digest(Fixtures.creditReport())).toJson());

        CliRun run = verify(report, "--voucher", smVoucher.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(JSON.readTree(node.verificationBodies().get(0)).get("algorithm").stringValue()).isEqualTo("sm3");
    }

    @Test
    void aJsonDocumentIsVerifiedInItsCanonicalForm() throws IOException {
        byte[] issued = "{\"subject\":\"CHAN Tai Man\",\"score\":712}".getBytes(StandardCharsets.UTF_8);
        Path jsonVoucher = Fixtures.write(dir, "json-voucher.json",
                Fixtures.voucherFor(DigestAlgorithm.SHA_256.digest(CanonicalJson.canonicalize(issued))).toJson());
        Path reformatted = Fixtures.write(dir, "report.json", "{\n  \"score\": 712,\n  \"subject\": \"CHAN Tai Man\"\n}\n");

        CliRun run = verify(reformatted, "--voucher", jsonVoucher.toString(), "--canonical-json");

        assertThat(run.exitCode()).isZero();
    }

    @Test
    void unusableInputsExitTwoBeforeAnythingIsSent() throws IOException {
        Path badVoucher = Fixtures.write(dir, "bad-voucher.json", "{\"version\":1}");

        CliRun malformedVoucher = verify(report, "--voucher", badVoucher.toString());
        CliRun missingDocument = verify(dir.resolve("missing.pdf"));
        CliRun malformedConsent = verify(report, "--consent", "hbc1.not-a-token");
        CliRun missingOption = CliRun.of("verify", "--node", node.uri().toString(), "--file", report.toString());

        assertThat(malformedVoucher.exitCode()).isEqualTo(2);
        assertThat(malformedVoucher.err()).startsWith("MALFORMED_VOUCHER:");
        assertThat(missingDocument.exitCode()).isEqualTo(2);
        assertThat(missingDocument.err()).contains("cannot read the document");
        assertThat(malformedConsent.exitCode()).isEqualTo(2);
        assertThat(malformedConsent.err()).startsWith("MALFORMED_CONSENT_TOKEN:");
        assertThat(missingOption.exitCode()).isEqualTo(2);
        assertThat(missingOption.err()).contains("Missing required");
        assertThat(node.verificationBodies()).isEmpty();
    }

    /** Runs verify against the fake node; options given in {@code extra} replace the defaults. */
    private CliRun verify(Path document, String... extra) {
        List<String> args = new ArrayList<>(List.of("verify", "--node", node.uri().toString(),
                "--file", document.toString(), "--api-key-file", apiKey.toString()));
        List<String> overrides = List.of(extra);
        if (!overrides.contains("--voucher")) {
            args.addAll(List.of("--voucher", voucher.toString()));
        }
        if (!overrides.contains("--consent")) {
            args.addAll(List.of("--consent", Fixtures.consentToken()));
        }
        args.addAll(overrides);
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
