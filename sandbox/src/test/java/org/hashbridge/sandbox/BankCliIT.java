package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.sandbox.Journeys.HK_RESIDENT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
