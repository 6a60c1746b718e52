package org.hashbridge.bank.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.hashbridge.bank.ResidentClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code resident cancel-recovery}: the bound key stops a recovery its holder did not ask for. */
@Command(name = "cancel-recovery", mixinStandardHelpOptions = true,
        description = "Stops a recovery of your key that your home operator started: the key bound now signs the "
                + "cancellation, which the registry itself checks. A recovery completes 7 days after it started; "
                + "until then the key you hold wins.")
final class ResidentCancelRecoveryCommand extends ResidentCall {

    @Option(names = "--key", paramLabel = "KEY.pem", required = true, description = "the key bound now")
    private Path keyFile;

    ResidentCancelRecoveryCommand(Map<String, String> environment) {
        super(environment);
    }

    @Override
    int call(ResidentClient client, PrintWriter out, PrintWriter err) {
        return ResidentKeyCommand.print(client.cancelRecovery(LocalFiles.readResidentKey("resident key file", keyFile)), out);
    }
}
