package org.hashbridge.bank.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hashbridge.bank.ConsentRequest;
import org.hashbridge.bank.ResidentClient;
import org.hashbridge.bank.ResidentConsent;
import org.hashbridge.protocol.ConsentRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code resident consent}: grants a consent at the home node and approves it with the resident's key. */
@Command(name = "consent", mixinStandardHelpOptions = true,
        description = {"Grants a bank the right to check one document of yours: your home node writes the consent, "
                + "your key approves it, the node records it on chain, and the consent token (which carries your "
                + "approval) is written to --out for you to hand to the bank with the document and its voucher.",
                "Your key signs only the consent asked for: when the node's record differs from these options in "
                        + "anything they name, or its challenge is not that record's, nothing is signed "
                        + "(UNEXPECTED_CONSENT, UNEXPECTED_CHALLENGE). Terms left out are the node's, and are printed."})
final class ResidentConsentCommand extends ResidentCall {

    @Option(names = "--key", paramLabel = "KEY.pem", required = true, description = "your key, registered at the node")
    private Path keyFile;

    @Option(names = "--subject", paramLabel = "ID", required = true,
            description = "your identifier as your home node knows it (the one your credential was issued to)")
    private String subject;

    @Option(names = "--issuer", paramLabel = "ID", required = true, description = "who issued the document, such as hk.transunion")
    private String issuer;

    @Option(names = "--verifier", paramLabel = "ID", required = true, description = "the bank, such as cn.abc-shenzhen")
    private String verifier;

    @Option(names = "--document-type", paramLabel = "TYPE", required = true, description = "such as credit-report")
    private String documentType;

    @Option(names = "--purpose", paramLabel = "TEXT", required = true, description = "such as 'consumer loan application'")
    private String purpose;

    @Option(names = "--valid-until", paramLabel = "DATE", required = true, converter = Converters.Until.class,
            description = "the last day (2027-06-30, to its end, UTC) or instant the consent holds")
    private Instant validUntil;

    @Option(names = "--language", paramLabel = "LANG", description = "en, zh-Hant-HK or zh-Hans-CN (default: the node's)")
    private String language;

    @Option(names = "--recipient-name", paramLabel = "TEXT", description = "the bank's name as you know it (default: the node's)")
    private String recipientName;

    @Option(names = "--recipient-contact", paramLabel = "TEXT", description = "the bank's privacy contact (default: the node's)")
    private String recipientContact;

    @Option(names = "--data-category", paramLabel = "TEXT",
            description = "a category of data the bank receives; repeat for several (default: the node's)")
    private List<String> dataCategories;

    @Option(names = "--retention", paramLabel = "TEXT", description = "how long the bank keeps them (default: the node's)")
    private String retention;

    @Option(names = "--out", paramLabel = "TOKEN_FILE", required = true, description = "where to write the consent token")
    private Path out;

    ResidentConsentCommand(Map<String, String> environment) {
        super(environment);
    }

    @Override
    int call(ResidentClient client, PrintWriter stdout, PrintWriter err) {
        ConsentRequest request = new ConsentRequest(subject, issuer, verifier, documentType, purpose, validUntil,
                language, recipientName, recipientContact, dataCategories, retention);
        ResidentConsent consent = client.consent(request, LocalFiles.readResidentKey("resident key file", keyFile));
        LocalFiles.writeText("consent token file", out, consent.token().encode() + "\n");
        print(consent, stdout);
        if (ResidentConsent.AUTHORISED.equals(consent.status())) {
            return ExitCodes.OK;
        }
        err.println("the consent is approved but not yet on chain: the bank's verification "
                + "fails until it is; the node finishes writing it");
        return ExitCodes.NEGATIVE;
    }

    private void print(ResidentConsent consent, PrintWriter stdout) {
        ConsentRecord record = consent.token().record();
        stdout.printf("consent %s: %s%n", consent.consentId(), consent.status());
        stdout.printf("  %s may check your %s from %s%n", record.verifier(), record.documentType(), record.issuer());
        if (record.recipient() != null) {
            stdout.printf("  recipient: %s, %s (%s)%n", record.recipient().name(), record.recipient().contact(),
                    record.recipient().jurisdiction());
            stdout.println("  data: " + String.join(", ", record.dataCategories()));
            stdout.println("  processing: " + record.processing());
            stdout.println("  retention: " + record.retention());
            stdout.println("  withdrawal: " + record.withdrawal());
            stdout.println("  language: " + record.language());
        }
        stdout.println("  purpose: " + record.purpose());
        stdout.println("  valid until: " + record.validUntilInstant());
        stdout.println("  approved with resident key: " + record.residentKey());
        stdout.println("token: saved to " + out);
    }
}
