package org.hashbridge.bank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hashbridge.bank.FakeHomeNode;
import org.hashbridge.bank.Fixtures;
import org.hashbridge.bank.HashBridgeClient;
import org.hashbridge.protocol.ConsentReceipt;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.ReceiptSigner;
import org.hashbridge.protocol.ReceiptVerifier;
import org.hashbridge.protocol.SoftwareAuthenticator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class ResidentCommandTest {

    private static final Map<String, String> RESIDENT = Map.of(ResidentNode.CREDENTIAL_VARIABLE, Fixtures.RESIDENT_CREDENTIAL);
    private static final String VALID_UNTIL = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();

    @TempDir
    Path dir;

    private FakeHomeNode node;

    @BeforeEach
    void startNode() throws IOException {
        node = FakeHomeNode.start();
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void keygenWritesAKeyOnlyItsOwnerCanReadAndNeverOverwritesOne() throws IOException {
        Path key = dir.resolve("resident.pem");

        CliRun made = CliRun.of("resident", "keygen", "--out", key.toString());

        assertThat(made.exitCode()).as(made.err()).isZero();
        SoftwareAuthenticator read = SoftwareAuthenticator.fromPem(Files.readString(key));
        assertThat(made.out()).contains("resident key: " + read.key().hash().hex(), "saved to " + key);
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        CliRun again = CliRun.of("resident", "keygen", "--out", key.toString());

        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err().strip()).isEqualTo("the resident key file " + key + " exists already; it is not overwritten");
        assertThat(SoftwareAuthenticator.fromPem(Files.readString(key)).key()).isEqualTo(read.key());
    }

    @Test
    void aKeyIsRegisteredThenReplacedOnlyWithTheOldKey() {
        Path first = keygen("first.pem");
        Path second = keygen("second.pem");

        CliRun registered = resident("register-key", "--key", first.toString());
        CliRun withoutOld = resident("register-key", "--key", second.toString());
        CliRun wrongOld = resident("register-key", "--key", second.toString(), "--old-key", second.toString());

        assertThat(registered.exitCode()).as(registered.err()).isZero();
        assertThat(registered.out()).contains("status: BOUND");
        assertThat(withoutOld.exitCode()).isEqualTo(ExitCodes.NODE_PROBLEM);
        assertThat(withoutOld.err().strip()).startsWith("the node answered 409 RESIDENT_KEY_BOUND:");
        assertThat(wrongOld.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(wrongOld.err()).startsWith("RESIDENT_KEY_MISMATCH:");
        assertThat(node.boundKey()).isEqualTo(keyOf(first).key().hash());

        CliRun replaced = resident("register-key", "--key", second.toString(), "--old-key", first.toString());

        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        assertThat(node.boundKey()).isEqualTo(keyOf(second).key().hash());
    }

    @Test
    void aPendingRecoveryIsShownAndTheBoundKeyCancelsIt() {
        Path key = registeredKey();
        Hash32 operatorsKey = SoftwareAuthenticator.generate().key().hash();
        node.startRecovery(operatorsKey);

        CliRun shown = resident("key");
        CliRun cancelled = resident("cancel-recovery", "--key", key.toString());
        CliRun again = resident("cancel-recovery", "--key", key.toString());

        assertThat(shown.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(shown.out()).contains("resident key: " + keyOf(key).key().hash().hex(),
                "recovery pending: key " + operatorsKey.hex() + " replaces yours from ");
        assertThat(cancelled.exitCode()).as(cancelled.err()).isZero();
        assertThat(cancelled.out()).contains("resident key: " + keyOf(key).key().hash().hex()).doesNotContain("recovery");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).startsWith("NO_RECOVERY_PENDING:");
    }

    @Test
    void aConsentIsApprovedWithTheKeyAndItsTokenWritten() throws IOException {
        Path key = registeredKey();
        Path token = dir.resolve("consent.txt");

        CliRun run = consent(key, token, "--language", "zh-Hant-HK");

        assertThat(run.exitCode()).as(run.err()).isZero();
        ConsentToken written = ConsentToken.decode(Files.readString(token).strip());
        written.approval().verify(written.approvalChallenge());
        assertThat(written.record().validUntil())
                .isEqualTo(LocalDate.parse(VALID_UNTIL).plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) - 1);
        assertThat(run.out()).startsWith("consent " + written.record().consentId() + ": AUTHORISED")
                .contains("cn.abc-shenzhen may check your credit-report from hk.transunion",
                        "recipient: Agricultural Bank of China, Shenzhen Branch", "language: zh-Hant-HK",
                        "approved with resident key: " + keyOf(key).key().hash().hex(), "token: saved to " + token);
    }

    @Test
    void aNodeAskingTheKeyToSignSomethingElseGetsNothingAndNoTokenIsWritten() {
        Path key = registeredKey();
        node.askToSign(ConsentToken.decode(Fixtures.consentToken()).approvalChallenge());
        Path token = dir.resolve("consent.txt");

        CliRun run = consent(key, token);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NODE_PROBLEM);
        assertThat(run.err().lines()).singleElement().asString().startsWith("the node answered 202 UNEXPECTED_CHALLENGE:")
                .endsWith("nothing was signed");
        assertThat(node.approvals()).isEmpty();
        assertThat(token).doesNotExist();
    }

    @Test
    void aConsentIsRevokedWithTheKey() throws IOException {
        Path key = registeredKey();
        String consentId = grantedConsent(key);

        CliRun run = resident("revoke", "--key", key.toString(), consentId);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("consent " + consentId + ": REVOKED");
    }

    @Test
    void theReceiptIsCheckedPrintedAndSaved() throws IOException {
        Path key = registeredKey();
        String consentId = grantedConsent(key);
        Path saved = dir.resolve("consent-receipt.jws");

        CliRun run = resident("receipt", consentId, "--out", saved.toString());
        CliRun json = resident("receipt", consentId, "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("consent: " + consentId + " (ISO/IEC TS 27560:2023)")
                .contains("recipient: cn.abc-shenzhen, Agricultural Bank of China, Shenzhen Branch",
                        "collection: RESIDENT_SIGNED with resident key " + keyOf(key).key().hash().hex(),
                        "signature: valid", "receipt: saved to " + saved);
        assertThat(ConsentReceipt.verify(Files.readString(saved).strip(), ReceiptVerifier.of(
                HashBridgeClient.withoutApiKey(node.uri()).receiptKeys())).recordId()).isEqualTo(consentId);
        assertThat(json.exitCode()).isZero();
        assertThat(JsonMapper.builder().build().readTree(json.out()).path("recordId").asString()).isEqualTo(consentId);
    }

    @Test
    void aReceiptNotSignedByTheNodesKeysExitsThree() throws IOException {
        Path key = registeredKey();
        String consentId = grantedConsent(key);
        node.signReceiptsWith(ReceiptSigner.generate());

        CliRun run = resident("receipt", consentId);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NODE_PROBLEM);
        assertThat(run.err()).startsWith("the node answered 200 UNKNOWN_RECEIPT_KEY:");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theCredentialComesFromAFileOrTheEnvironmentNeverFromAnOption() throws IOException {
        Path key = keygen("resident.pem");
        Path credential = Fixtures.write(dir, "credential", Fixtures.RESIDENT_CREDENTIAL + "\n");

        CliRun fromFile = CliRun.of("resident", "register-key", "--node", node.uri().toString(), "--key", key.toString(),
                "--credential-file", credential.toString());
        CliRun none = CliRun.of("resident", "register-key", "--node", node.uri().toString(), "--key", key.toString());
        CliRun asOption = CliRun.of("resident", "register-key", "--node", node.uri().toString(), "--key", key.toString(),
                "--credential", Fixtures.RESIDENT_CREDENTIAL);

        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err().strip()).isEqualTo("no resident credential: give --credential-file FILE or set "
                + ResidentNode.CREDENTIAL_VARIABLE);
        assertThat(asOption.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(asOption.err()).contains("Unknown options: '--credential'");
    }

    @Test
    void aFileThatIsNotAKeyIsRefusedBeforeAnythingIsSent() throws IOException {
        Path notAKey = Fixtures.write(dir, "not-a-key.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        CliRun run = resident("register-key", "--key", notAKey.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("MALFORMED_RESIDENT_KEY:");
        assertThat(node.boundKey()).isNull();
    }

    @Test
    void aValidUntilThatIsNotADateIsAUsageError() {
        CliRun run = consent(keygen("resident.pem"), dir.resolve("consent.txt"), "--valid-until", "next month");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'next month' is not a date");
    }

    @Test
    void residentAloneShowsItsCommands() {
        CliRun run = CliRun.of("resident");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("keygen", "register-key", "key", "cancel-recovery", "consent", "revoke", "receipt");
    }

    private CliRun consent(Path key, Path token, String... extra) {
        List<String> args = new ArrayList<>(List.of("consent", "--key", key.toString(), "--subject", Fixtures.RESIDENT_ID,
                "--issuer", Fixtures.ISSUER, "--verifier", Fixtures.VERIFIER, "--document-type", Fixtures.DOCUMENT_TYPE,
                "--purpose", "consumer loan application", "--out", token.toString()));
        if (!List.of(extra).contains("--valid-until")) {
            args.addAll(List.of("--valid-until", VALID_UNTIL));
        }
        args.addAll(List.of(extra));
        return resident(args.toArray(String[]::new));
    }

    private CliRun resident(String... args) {
        List<String> all = new ArrayList<>(List.of("resident"));
        all.addAll(List.of(args));
        all.addAll(List.of("--node", node.uri().toString()));
        return CliRun.withEnvironment(RESIDENT, all.toArray(String[]::new));
    }

    private Path registeredKey() {
        Path key = keygen("resident.pem");
        assertThat(resident("register-key", "--key", key.toString()).exitCode()).isZero();
        return key;
    }

    /** A consent approved with {@code key}; answers its id. */
    private String grantedConsent(Path key) throws IOException {
        Path token = dir.resolve("consent.txt");
        assertThat(consent(key, token).exitCode()).isZero();
        return ConsentToken.decode(Files.readString(token).strip()).record().consentId();
    }

    private Path keygen(String name) {
        Path key = dir.resolve(name);
        assertThat(CliRun.of("resident", "keygen", "--out", key.toString()).exitCode()).isZero();
        return key;
    }

    private static SoftwareAuthenticator keyOf(Path key) {
        try {
            return SoftwareAuthenticator.fromPem(Files.readString(key));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
