package org.hashbridge.bank.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.hashbridge.bank.ResidentClient;
import org.hashbridge.bank.ResidentConsent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code resident revoke}: withdraws a consent, signed with the resident's key. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Withdraws a consent: your key signs its revocation (over the consent's own commitment, computed "
                + "here), your home node keeps the signature and records the revocation on chain. From then on the "
                + "bank's verification with that token is REJECTED.")
final class ResidentRevokeCommand extends ResidentCall {

    @Option(names = "--key", paramLabel = "KEY.pem", required = true, description = "your key")
    private Path keyFile;

    @Parameters(paramLabel = "CONSENT_ID", description = "the consent's id, as resident consent printed it")
    private String consentId;

    ResidentRevokeCommand(Map<String, String> environment) {
        super(environment);
    }

    @Override
    int call(ResidentClient client, PrintWriter out, PrintWriter err) {
        ResidentConsent revoked = client.revoke(consentId, LocalFiles.readResidentKey("resident key file", keyFile));
        out.printf("consent %s: %s%n", revoked.consentId(), revoked.status());
        if (ResidentConsent.REVOKED.equals(revoked.status())) {
            return ExitCodes.OK;
        }
        err.println("the node has your signed revocation and is still writing it on chain; "
                + "the bank's verification fails once it is there");
        return ExitCodes.NEGATIVE;
    }
}
