package org.hashbridge.bank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.hashbridge.bank.FakeNode;
import org.hashbridge.bank.Fixtures;
import org.hashbridge.protocol.DigestAlgorithm;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.hashbridge.protocol.ReceiptAlgorithm;
import org.hashbridge.protocol.ReceiptSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** fetch-keys and verify-receipt, on receipts the fake node really signed for verify. */
class VerifyReceiptCommandTest {

    @TempDir
    Path dir;

    private FakeNode node;
    private Path apiKey;

    @BeforeEach
    void startNode() throws IOException {
        node = FakeNode.start();
        apiKey = Fixtures.write(dir, "api-key", Fixtures.API_KEY);
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void fetchKeysSavesTheNodesJwks() throws IOException {
        Path keys = dir.resolve("sz-keys.json");

        CliRun run = CliRun.of("fetch-keys", "--node", node.uri().toString(), "--out", keys.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(keys)).isEqualTo(node.jwks());
        assertThat(run.out()).contains("saved the receipt keys", keys.toString());
    }

    @Test
    void aReceiptChecksOutOfflineAgainstTheSavedKeys() throws IOException {
        Path receipt = receiptFor(Fixtures.creditReport());
        Path keys = dir.resolve("sz-keys.json");
        CliRun.of("fetch-keys", "--node", node.uri().toString(), "--out", keys.toString());
        node.close();

        CliRun run = CliRun.of("verify-receipt", receipt.toString(), "--keys", keys.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("node: sz", "verifier: " + Fixtures.VERIFIER, "verdict: VERIFIED",
                "digest: sha-256 " + DigestAlgorithm.SHA_256.digest(Fixtures.creditReport()).hex(),
                "root: ", "consent: ", "verifiedAt: ", "verificationId: vrf-");
        assertThat(run.out().lines()).anyMatch(line -> line.matches("\\s+INTEGRITY\\s+VALID\\s+OK\\s+.+"));
        assertThat(run.out()).endsWith("signature: valid" + System.lineSeparator());
        assertThat(header(Files.readString(receipt))).contains("\"alg\":\"EdDSA\"", "\"kid\":\"" + node.keyId() + "\"");
    }

    @Test
    void theBlockTheChecksReadIsNotCalledTheAnchorsBlock() throws IOException {
        Path receipt = receiptFor(Fixtures.creditReport());
        long anchoredIn = Fixtures.voucherForCreditReport().chain().block();

        CliRun run = CliRun.of("verify-receipt", receipt.toString(), "--node", node.uri().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("checks read at block: " + (anchoredIn + FakeNode.READ_MODEL_AHEAD) + System.lineSeparator(),
                "registry: chain ").doesNotContain("anchor:");
    }

    @Test
    void anEs256ReceiptSignedBeforeTheMoveToEdDsaChecksOutOfflineAndAtTheNode() throws IOException {
        Path receipt = Fixtures.write(dir, "earlier.jws", node.es256Receipt());
        Path keys = dir.resolve("sz-keys.json");
        CliRun.of("fetch-keys", "--node", node.uri().toString(), "--out", keys.toString());

        CliRun atTheNode = CliRun.of("verify-receipt", receipt.toString(), "--node", node.uri().toString());
        node.close();
        CliRun offline = CliRun.of("verify-receipt", receipt.toString(), "--keys", keys.toString());

        assertThat(header(Files.readString(receipt))).contains("\"alg\":\"ES256\"", "\"kid\":\"" + node.es256KeyId() + "\"");
        for (CliRun run : List.of(atTheNode, offline)) {
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("node: sz", "verdict: VERIFIED").endsWith("signature: valid" + System.lineSeparator());
        }
    }

    /**
     * A node on the {@code sm} profile: its SM2SM3 receipt, and the EdDSA and ES256 receipts it signed before
     * (their keys published after its SM2 key), check out offline and at the node; an edited one does not.
     */
    @Test
    void anSm2ReceiptAndTheReceiptsSignedBeforeItCheckOutOfflineAndAtTheNode() throws IOException {
        node.close();
        node = FakeNode.start(ReceiptAlgorithm.SM2);
        Path sm2 = receiptFor(Fixtures.creditReport());
        Path eddsa = Fixtures.write(dir, "eddsa.jws", node.earlierReceipt(ReceiptAlgorithm.EDDSA));
        Path es256 = Fixtures.write(dir, "es256.jws", node.es256Receipt());
        Path keys = dir.resolve("sz-keys.json");
        assertThat(CliRun.of("fetch-keys", "--node", node.uri().toString(), "--out", keys.toString()).exitCode()).isZero();

        assertThat(header(Files.readString(sm2))).contains("\"alg\":\"SM2SM3\"", "\"kid\":\"" + node.keyId() + "\"");
        assertThat(header(Files.readString(eddsa))).contains("\"alg\":\"EdDSA\"");
        assertThat(Files.readString(keys)).contains("\"crv\":\"SM2\"", "\"crv\":\"Ed25519\"", "\"crv\":\"P-256\"");
        for (Path receipt : List.of(sm2, eddsa, es256)) {
            for (CliRun run : List.of(CliRun.of("verify-receipt", receipt.toString(), "--node", node.uri().toString()),
                    CliRun.of("verify-receipt", receipt.toString(), "--keys", keys.toString()))) {
                assertThat(run.exitCode()).as(run.err()).isZero();
                assertThat(run.out()).contains("node: sz", "verdict: VERIFIED").endsWith("signature: valid" + System.lineSeparator());
            }
        }
        String[] parts = Files.readString(sm2).strip().split("\\.");
        Path edited = Fixtures.write(dir, "edited.jws", parts[0] + "." + parts[1].replaceFirst("^eyJh", "eyJi") + "." + parts[2]);
        assertThat(Files.readString(edited)).isNotEqualTo(Files.readString(sm2).strip());
        CliRun run = CliRun.of("verify-receipt", edited.toString(), "--keys", keys.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("RECEIPT_SIGNATURE_INVALID:");
    }

    /** Someone with an Ed25519 key of their own signs the receipt again, the header still naming the node's key. */
    @Test
    void aReceiptResignedByAnotherEd25519KeyUnderTheNodesKeyIdIsInvalid() throws IOException {
        String genuine = Files.readString(receiptFor(Fixtures.creditReport())).strip();
        Path resigned = Fixtures.write(dir, "resigned.jws", resign(genuine.substring(0, genuine.lastIndexOf('.'))));

        CliRun run = CliRun.of("verify-receipt", resigned.toString(), "--keys", Fixtures.write(dir, "k.json", node.jwks()).toString());

        assertThat(header(Files.readString(resigned))).contains("\"kid\":\"" + node.keyId() + "\"");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("signature: invalid" + System.lineSeparator());
        assertThat(run.err()).startsWith("RECEIPT_SIGNATURE_INVALID:");
    }

    /** Receipts with another algorithm, or naming a key of another kind: never "signature: valid". */
    @ParameterizedTest
    @CsvSource({
            "'{\"alg\":\"none\",\"kid\":\"%s\",\"typ\":\"hashbridge-receipt+jws\"}', ed25519, 2, MALFORMED_RECEIPT",
            "'{\"alg\":\"HS256\",\"kid\":\"%s\",\"typ\":\"hashbridge-receipt+jws\"}', ed25519, 2, MALFORMED_RECEIPT",
            "'{\"alg\":\"EdDSA\",\"kid\":\"%s\",\"typ\":\"hashbridge-receipt+jws\"}', es256, 1, UNKNOWN_RECEIPT_KEY",
            "'{\"alg\":\"ES256\",\"kid\":\"%s\",\"typ\":\"hashbridge-receipt+jws\"}', ed25519, 1, UNKNOWN_RECEIPT_KEY",
            "'{\"alg\":\"EdDSA\",\"kid\":\"%s\",\"typ\":\"hashbridge-receipt+jws\"}', other, 1, UNKNOWN_RECEIPT_KEY",
            "'{\"alg\":\"SM2SM3\",\"kid\":\"%s\",\"typ\":\"hashbridge-receipt+jws\"}', ed25519, 1, UNKNOWN_RECEIPT_KEY",
            "'{\"alg\":\"SM2SM3\",\"kid\":\"%s\",\"typ\":\"hashbridge-receipt+jws\"}', es256, 1, UNKNOWN_RECEIPT_KEY",
            "'{\"alg\":\"SM2\",\"kid\":\"%s\",\"typ\":\"hashbridge-receipt+jws\"}', ed25519, 2, MALFORMED_RECEIPT"})
    void aReceiptOfAnotherAlgorithmOrKeyIsRefused(String headerFormat, String kid, int exitCode, String code) throws IOException {
        String keyId = switch (kid) {
            case "ed25519" -> node.keyId();
            case "es256" -> node.es256KeyId();
            default -> "some-other-key";
        };
        String genuine = Files.readString(receiptFor(Fixtures.creditReport())).strip();
        String signingInput = encode(headerFormat.formatted(keyId)) + genuine.substring(genuine.indexOf('.'), genuine.lastIndexOf('.'));
        Path forged = Fixtures.write(dir, "forged.jws", resign(signingInput));

        CliRun run = CliRun.of("verify-receipt", forged.toString(), "--keys", Fixtures.write(dir, "k.json", node.jwks()).toString());

        assertThat(run.exitCode()).isEqualTo(exitCode);
        assertThat(run.err()).startsWith(code + ":");
        assertThat(run.out()).doesNotContain("signature: valid");
    }

    @Test
    void theKeysMayBeFetchedFromTheNode() throws IOException {
        Path receipt = receiptFor(Fixtures.creditReport());

        CliRun run = CliRun.of("verify-receipt", receipt.toString(), "--node", node.uri().toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("signature: valid");
    }

    @Test
    void aRejectionEditedIntoAVerificationFailsTheSignature() throws IOException {
        Path receipt = receiptFor(Fixtures.forgedCreditReport());
        Path keys = Fixtures.write(dir, "sz-keys.json", node.jwks());
        String[] parts = Files.readString(receipt).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"verdict\":\"REJECTED\"");
        String edited = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"verdict\":\"REJECTED\"", "\"verdict\":\"VERIFIED\"").getBytes(StandardCharsets.UTF_8));
        Path tampered = Fixtures.write(dir, "tampered.jws", parts[0] + "." + edited + "." + parts[2]);

        CliRun run = CliRun.of("verify-receipt", tampered.toString(), "--keys", keys.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("signature: invalid" + System.lineSeparator());
        assertThat(run.err()).startsWith("RECEIPT_SIGNATURE_INVALID:");
    }

    @Test
    void aReceiptFromAnotherNodesKeyIsUnknown() throws IOException {
        Path receipt = receiptFor(Fixtures.creditReport());
        Path otherKeys = Fixtures.write(dir, "other-keys.json", ReceiptSigner.generate().publicKeys().toString());

        CliRun run = CliRun.of("verify-receipt", receipt.toString(), "--keys", otherKeys.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("UNKNOWN_RECEIPT_KEY:");
    }

    @Test
    void unreadableInputsExitTwo() throws IOException {
        Path keys = Fixtures.write(dir, "sz-keys.json", node.jwks());
        Path notAReceipt = Fixtures.write(dir, "receipt.jws", "this is not a JWS");
        Path notKeys = Fixtures.write(dir, "keys.txt", "[]");

        CliRun missing = CliRun.of("verify-receipt", dir.resolve("none.jws").toString(), "--keys", keys.toString());
        CliRun malformed = CliRun.of("verify-receipt", notAReceipt.toString(), "--keys", keys.toString());
        CliRun badKeys = CliRun.of("verify-receipt", receiptFor(Fixtures.creditReport()).toString(),
                "--keys", notKeys.toString());
        CliRun bothSources = CliRun.of("verify-receipt", notAReceipt.toString(), "--keys", keys.toString(),
                "--node", node.uri().toString());

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read the receipt");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).startsWith("MALFORMED_RECEIPT:");
        assertThat(badKeys.exitCode()).isEqualTo(2);
        assertThat(badKeys.err()).startsWith("INVALID_KEYS:");
        assertThat(bothSources.exitCode()).isEqualTo(2);
        assertThat(bothSources.err()).contains("mutually exclusive");
    }

    private static String header(String jws) {
        return new String(Base64.getUrlDecoder().decode(jws.strip().split("\\.")[0]), StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code signingInput} (header and payload segments) signed with a fresh Ed25519 key that is not the node's. */
    private static String resign(String signingInput) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, new Ed25519PrivateKeyParameters(new SecureRandom()));
        byte[] input = signingInput.getBytes(StandardCharsets.US_ASCII);
        signer.update(input, 0, input.length);
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.generateSignature());
    }

    /** Verifies {@code document} through the CLI and returns the receipt it saved. */
    private Path receiptFor(byte[] document) throws IOException {
        Path file = Fixtures.write(dir, "document-" + System.nanoTime(), document);
        Path voucher = Fixtures.write(dir, "voucher-" + System.nanoTime() + ".json",
                Fixtures.voucherForCreditReport().toJson());
        Path receipt = dir.resolve("receipt-" + System.nanoTime() + ".jws");
        CliRun run = CliRun.of("verify", "--node", node.uri().toString(), "--file", file.toString(),
                "--voucher", voucher.toString(), "--consent", Fixtures.consentToken(),
                "--api-key-file", apiKey.toString(), "--receipt-out", receipt.toString());
        assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
        return receipt;
    }
}
