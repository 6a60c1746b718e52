package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.SoftwareAuthenticator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The resident's side of the northbound story with the bank-client CLI run through its launcher as a process: a Hong
 * Kong resident makes a key of their own, registers it at the HK node, approves a consent with it, and the Shenzhen
 * bank's verification at the SZ node says so; the resident revokes it with the same key; a second key replaces the
 * first only with the first key's approval, and the first key's consents stop counting.
 */
@ExtendWith(SandboxExtension.class)
class ResidentCliIT {

    private static final String VALID_UNTIL = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();

    private final Sandbox sandbox;
    private final Journeys journeys;

    @TempDir
    Path residentsPhone;

    @TempDir
    Path bankDesk;

    ResidentCliIT(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.journeys = new Journeys(sandbox);
    }

    @Test
    void aResidentApprovesWithTheirOwnKeyRevokesWithItAndReplacesItOnlyWithItsApproval() throws Exception {
        String subject = "HK-R" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        Map<String, String> resident = Map.of("HASHBRIDGE_RESIDENT_CREDENTIAL", provision(subject));
        byte[] report = Journeys.creditReport(subject);
        JsonNode voucher = journeys.anchor("hk", "hk.transunion", subject, report, Instant.now().plus(Duration.ofDays(365)));
        Path document = write(bankDesk, "credit-report.txt", report);
        Path voucherFile = write(bankDesk, "voucher.json", Api.JSON.writeValueAsBytes(voucher));

        Path firstKey = residentsPhone.resolve("first.pem");
        CliProcess.Run made = resident(resident, "keygen", "--out", firstKey.toString());
        assertThat(made.exit()).as(made.err()).isZero();
        String firstKeyHash = hashOf(firstKey);
        CliProcess.Run registered = resident(resident, "register-key", "--node", hk(), "--key", firstKey.toString());
        assertThat(registered.exit()).as(registered.err()).isZero();
        assertThat(registered.out()).contains("resident key: " + firstKeyHash, "status: BOUND");

        Path token = consent(resident, subject, firstKey, "consent.txt");
        CliProcess.Run verified = verify(document, voucherFile, token);
        assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).startsWith("verdict: VERIFIED");
        assertThat(verified.out().lines()).anyMatch(line -> line.matches("\\s+CONSENT\\s+VALID\\s+RESIDENT_SIGNED\\s+.+"));

        String consentId = ConsentToken.decode(Files.readString(token).strip()).record().consentId();
        CliProcess.Run receipt = resident(resident, "receipt", consentId, "--node", hk());
        assertThat(receipt.exit()).as(receipt.err()).isZero();
        assertThat(receipt.out()).contains("collection: RESIDENT_SIGNED with resident key " + firstKeyHash, "signature: valid");

        CliProcess.Run revoked = resident(resident, "revoke", "--node", hk(), "--key", firstKey.toString(), consentId);
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(revoked.out()).contains("consent " + consentId + ": REVOKED");
        CliProcess.Run afterRevocation = verify(document, voucherFile, token);
        assertThat(afterRevocation.exit()).isEqualTo(1);
        assertThat(afterRevocation.out()).startsWith("verdict: REJECTED");
        assertThat(afterRevocation.out().lines()).anyMatch(line -> line.matches("\\s+CONSENT\\s+INVALID\\s+.+"));

        Path stillValid = consent(resident, subject, firstKey, "second-consent.txt");
        assertThat(verify(document, voucherFile, stillValid).exit()).isZero();

        Path secondKey = residentsPhone.resolve("second.pem");
        assertThat(resident(resident, "keygen", "--out", secondKey.toString()).exit()).isZero();
        CliProcess.Run withoutOldKey = resident(resident, "register-key", "--node", hk(), "--key", secondKey.toString());
        assertThat(withoutOldKey.exit()).isEqualTo(3);
        assertThat(withoutOldKey.err()).contains("RESIDENT_KEY_BOUND");
        assertThat(resident(resident, "key", "--node", hk()).out()).contains("resident key: " + firstKeyHash);

        CliProcess.Run replaced = resident(resident, "register-key", "--node", hk(), "--key", secondKey.toString(),
                "--old-key", firstKey.toString());
        assertThat(replaced.exit()).as(replaced.out() + replaced.err()).isZero();
        assertThat(replaced.out()).contains("resident key: " + hashOf(secondKey), "status: BOUND");

        CliProcess.Run oldKeysConsent = awaitRejected(document, voucherFile, stillValid);
        assertThat(oldKeysConsent.out().lines())
                .anyMatch(line -> line.matches("\\s+CONSENT\\s+INVALID\\s+RESIDENT_KEY_MISMATCH\\s+.+"));
        assertThat(verify(document, voucherFile, consent(resident, subject, secondKey, "third-consent.txt")).exit())
                .isZero();
    }

    /** The HK operator provisions a resident of its own for this test; answers the resident's credential. */
    private String provision(String subject) {
        String basic = Base64.getEncoder().encodeToString((sandbox.operatorUsername("hk") + ":"
                + sandbox.operatorPassword("hk")).getBytes(StandardCharsets.UTF_8));
        Api.Response provisioned = Api.withAuthorization(sandbox, "hk", "Basic " + basic)
                .post("/api/v1/operator/residents", Map.of("subject", subject));
        assertThat(provisioned.status()).as(provisioned.raw()).isEqualTo(201);
        return provisioned.body().path("credential").asString();
    }

    private Path consent(Map<String, String> resident, String subject, Path key, String name) throws Exception {
        Path token = residentsPhone.resolve(name);
        CliProcess.Run granted = resident(resident, "consent", "--node", hk(), "--key", key.toString(),
                "--subject", subject, "--issuer", "hk.transunion", "--verifier", "cn.abc-shenzhen",
                "--document-type", "credit-report", "--purpose", "consumer loan application",
                "--valid-until", VALID_UNTIL, "--out", token.toString());
        assertThat(granted.exit()).as(granted.out() + granted.err()).isZero();
        assertThat(granted.out()).contains(": AUTHORISED", "approved with resident key: " + hashOf(key));
        return token;
    }

    /** The Shenzhen node follows the registry a few blocks behind: the replacement reaches it within seconds. */
    private CliProcess.Run awaitRejected(Path document, Path voucher, Path token) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        CliProcess.Run run = verify(document, voucher, token);
        while (run.exit() == 0 && Instant.now().isBefore(deadline)) {
            Journeys.pause(Duration.ofMillis(500));
            run = verify(document, voucher, token);
        }
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        return run;
    }

    private CliProcess.Run verify(Path document, Path voucher, Path token) throws IOException, InterruptedException {
        return CliProcess.launch(bankDesk, Map.of("HASHBRIDGE_API_KEY", sandbox.apiKey("cn.abc-shenzhen")), "verify",
                "--node", sandbox.nodeUrl("sz"), "--file", document.toString(), "--voucher", voucher.toString(),
                "--consent-file", token.toString());
    }

    private CliProcess.Run resident(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        String[] all = new String[args.length + 1];
        all[0] = "resident";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliProcess.launch(residentsPhone, environment, all);
    }

    private String hk() {
        return sandbox.nodeUrl("hk");
    }

    private static String hashOf(Path key) throws IOException {
        return SoftwareAuthenticator.fromPem(Files.readString(key)).key().hash().hex();
    }

    private static Path write(Path folder, String name, byte[] content) throws IOException {
        return Files.write(folder.resolve(name), content);
    }
}
