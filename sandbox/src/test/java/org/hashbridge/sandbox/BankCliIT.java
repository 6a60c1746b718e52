package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.sandbox.Journeys.HK_RESIDENT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.protocol.Receipt;
import org.hashbridge.protocol.ReceiptAlgorithm;
import org.hashbridge.protocol.ReceiptSigner;
import org.hashbridge.protocol.ReceiptVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The bank's side of the northbound story with the bank-client CLI run as a separate process. */
@ExtendWith(SandboxExtension.class)
class BankCliIT {

    private final Sandbox sandbox;
    private final Journeys journeys;

    @TempDir
    Path bankDesk;

    BankCliIT(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.journeys = new Journeys(sandbox);
    }

    @Test
    void theBankVerifiesTheResidentsFileAndKeepsAReceiptItCanCheckOffline() throws Exception {
        byte[] report = Journeys.creditReport(HK_RESIDENT);
        JsonNode voucher = journeys.anchor("hk", "hk.transunion", HK_RESIDENT, report, Instant.now().plus(Duration.ofDays(365)));
        String token = journeys.grantConsent("hk", HK_RESIDENT, "hk.transunion", "cn.abc-shenzhen",
                Instant.now().plus(Duration.ofDays(30))).path("token").asString();
        Path file = write("credit-report.txt", report);
        Path voucherFile = write("voucher.json", Api.JSON.writeValueAsBytes(voucher));
        Path tokenFile = write("consent.txt", token.getBytes(StandardCharsets.US_ASCII));
        Path receipt = bankDesk.resolve("receipt.jws");

        CliProcess.Run hash = cli("hash", file.toString());
        assertThat(hash.exit()).isZero();
        assertThat(hash.out().strip()).isEqualTo(Journeys.sha256(report));

        CliProcess.Run verified = cli("verify", "--node", sandbox.nodeUrl("sz"), "--file", file.toString(), "--voucher",
                voucherFile.toString(), "--consent-file", tokenFile.toString(), "--receipt-out", receipt.toString());
        assertThat(verified.exit()).as(verified.err()).isZero();
        assertThat(verified.out()).contains("VERIFIED");
        assertThat(Files.readString(receipt)).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+\\s*");

        Path keys = bankDesk.resolve("sz-keys.json");
        assertThat(cli("fetch-keys", "--node", sandbox.nodeUrl("sz"), "--out", keys.toString()).exit()).isZero();
        CliProcess.Run offline = cli("verify-receipt", receipt.toString(), "--keys", keys.toString());
        assertThat(offline.exit()).as(offline.err()).isZero();
        assertThat(offline.out()).contains("signature: valid").contains("VERIFIED");

        Path altered = write("altered.txt", alter(report));
        CliProcess.Run rejected = cli("verify", "--node", sandbox.nodeUrl("sz"), "--file", altered.toString(), "--voucher",
                voucherFile.toString(), "--consent-file", tokenFile.toString());
        assertThat(rejected.exit()).isEqualTo(1);
        assertThat(rejected.out()).contains("REJECTED").contains("INTEGRITY");

        Files.writeString(receipt, tamper(Files.readString(receipt).strip()));
        assertThat(cli("verify-receipt", receipt.toString(), "--keys", keys.toString()).exit()).isEqualTo(1);
    }

    /**
     * A Shenzhen node that signed ES256 receipts before this version restarts with its P-256 key file: it
     * signs EdDSA now, and a receipt it signed ES256 before still checks out, offline and at the node.
     */
    @Test
    void aReceiptSignedEs256BeforeTheMoveToEdDsaStillChecksOut() throws Exception {
        ReceiptSigner earlierKey = ReceiptSigner.generate(ReceiptAlgorithm.ES256);
        Path keyFile = sandbox.nodeBean("sz", NodeProperties.class).dataDirectory().resolve("keys/receipt-key.jwk");
        Files.writeString(keyFile, earlierKey.privateJwkJson());
        sandbox.restartNode("sz");
        byte[] report = Journeys.creditReport(HK_RESIDENT);
        JsonNode voucher = journeys.anchor("hk", "hk.transunion", HK_RESIDENT, report, Instant.now().plus(Duration.ofDays(365)));
        String token = journeys.grantConsent("hk", HK_RESIDENT, "hk.transunion", "cn.abc-shenzhen",
                Instant.now().plus(Duration.ofDays(30))).path("token").asString();
        Path eddsa = bankDesk.resolve("receipt.jws");
        CliProcess.Run verified = cli("verify", "--node", sandbox.nodeUrl("sz"), "--file", write("report.txt", report).toString(),
                "--voucher", write("voucher.json", Api.JSON.writeValueAsBytes(voucher)).toString(), "--consent", token,
                "--receipt-out", eddsa.toString());
        assertThat(verified.exit()).as(verified.err()).isZero();
        Path keys = bankDesk.resolve("sz-keys.json");
        assertThat(cli("fetch-keys", "--node", sandbox.nodeUrl("sz"), "--out", keys.toString()).exit()).isZero();
        // the same verification as the node signed receipts before: ES256, under the key it still publishes
        Receipt receipt = ReceiptVerifier.of(Files.readString(keys)).verify(Files.readString(eddsa));
        Path es256 = write("earlier-receipt.jws", earlierKey.sign(receipt).getBytes(StandardCharsets.US_ASCII));

        assertThat(header(eddsa)).contains("\"alg\":\"EdDSA\"");
        assertThat(header(es256)).contains("\"alg\":\"ES256\"", earlierKey.keyId());
        for (Path signed : List.of(eddsa, es256)) {
            for (CliProcess.Run run : List.of(cli("verify-receipt", signed.toString(), "--keys", keys.toString()),
                    cli("verify-receipt", signed.toString(), "--node", sandbox.nodeUrl("sz")))) {
                assertThat(run.exit()).as(run.err()).isZero();
                assertThat(run.out()).contains("verdict: VERIFIED", "verificationId: " + receipt.verificationId())
                        .contains("signature: valid");
            }
        }
        Files.writeString(es256, tamper(Files.readString(es256).strip()));
        assertThat(cli("verify-receipt", es256.toString(), "--keys", keys.toString()).exit()).isEqualTo(1);
    }

    /**
     * The Shenzhen node restarted on the {@code sm} profile signs SM2 receipts: the CLI checks one offline and
     * at the node, the node's keys each name their {@code alg}, and the EdDSA receipt it signed before the
     * restart still checks out against them. The node is restarted on its defaults afterwards.
     */
    @Test
    void aNodeOnTheSmProfileSignsSm2ReceiptsAndKeepsVerifyingItsEarlierOnes() throws Exception {
        byte[] report = Journeys.creditReport(HK_RESIDENT);
        JsonNode voucher = journeys.anchor("hk", "hk.transunion", HK_RESIDENT, report, Instant.now().plus(Duration.ofDays(365)));
        String token = journeys.grantConsent("hk", HK_RESIDENT, "hk.transunion", "cn.abc-shenzhen",
                Instant.now().plus(Duration.ofDays(30))).path("token").asString();
        Path file = write("report.txt", report);
        Path voucherFile = write("voucher.json", Api.JSON.writeValueAsBytes(voucher));
        Path eddsa = bankDesk.resolve("eddsa.jws");
        Path sm2 = bankDesk.resolve("sm2.jws");
        assertThat(cli("verify", "--node", sandbox.nodeUrl("sz"), "--file", file.toString(), "--voucher", voucherFile.toString(),
                "--consent", token, "--receipt-out", eddsa.toString()).exit()).isZero();

        sandbox.restartNode("sz", List.of("--spring.profiles.active=sm"));
        try {
            CliProcess.Run verified = cli("verify", "--node", sandbox.nodeUrl("sz"), "--file", file.toString(), "--voucher",
                    voucherFile.toString(), "--consent", token, "--receipt-out", sm2.toString());
            assertThat(verified.exit()).as(verified.err()).isZero();
            Path keys = bankDesk.resolve("sz-keys.json");
            assertThat(cli("fetch-keys", "--node", sandbox.nodeUrl("sz"), "--out", keys.toString()).exit()).isZero();
            JsonNode published = Api.JSON.readTree(Files.readString(keys)).path("keys");

            assertThat(header(eddsa)).contains("\"alg\":\"EdDSA\"");
            assertThat(header(sm2)).contains("\"alg\":\"SM2SM3\"");
            assertThat(published.get(0).path("crv").asString()).isEqualTo("SM2");
            assertThat(published.get(0).path("alg").asString()).isEqualTo("SM2SM3");
            assertThat(published.valueStream().map(key -> key.path("alg").asString())).contains("EdDSA").doesNotContain("");
            for (Path signed : List.of(sm2, eddsa)) {
                for (CliProcess.Run run : List.of(cli("verify-receipt", signed.toString(), "--keys", keys.toString()),
                        cli("verify-receipt", signed.toString(), "--node", sandbox.nodeUrl("sz")))) {
                    assertThat(run.exit()).as(run.err()).isZero();
                    assertThat(run.out()).contains("verdict: VERIFIED", "signature: valid");
                }
            }
            Files.writeString(sm2, tamper(Files.readString(sm2).strip()));
            assertThat(cli("verify-receipt", sm2.toString(), "--keys", keys.toString()).exit()).isEqualTo(1);
        } finally {
            sandbox.restartNode("sz");
        }
    }

    private static String header(Path jws) throws IOException {
        return new String(Base64.getUrlDecoder().decode(Files.readString(jws).strip().split("\\.")[0]), StandardCharsets.UTF_8);
    }

    private static byte[] alter(byte[] document) {
        byte[] copy = document.clone();
        copy[0] ^= 0x20;
        return copy;
    }

    /** Changes one character of the signed payload, keeping the signature. */
    private static String tamper(String jws) {
        String[] parts = jws.split("\\.");
        char[] payload = parts[1].toCharArray();
        payload[10] = payload[10] == 'A' ? 'B' : 'A';
        return parts[0] + "." + new String(payload) + "." + parts[2];
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(bankDesk.resolve(name), content);
    }

    private CliProcess.Run cli(String... args) throws IOException, InterruptedException {
        return CliProcess.run(bankDesk, sandbox.apiKey("cn.abc-shenzhen"), args);
    }
}
