package org.hashbridge.bank.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code resident cancel-recovery}: the bound key stops a recovery its holder did not ask for. */
@Command(name = "cancel-recovery", mixinStandardHelpOptions = true,
        description = "Stops a recovery of your key that your home operator started: the key bound now signs the "
                + "cancellation, which the registry itself checks. A recovery completes 7 days after it started; "
                + "until then the key you hold wins.")
final class ResidentCancelRecoveryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ResidentNode home;

    @Option(names = "--key", paramLabel = "KEY.pem", required = true, description = "the key bound now")
    private Path keyFile;

    private final Map<String, String> environment;

    ResidentCancelRecoveryCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() {
        return ResidentKeyCommand.print(home.client(environment).cancelRecovery(
                LocalFiles.readResidentKey("resident key file", keyFile)), spec.commandLine().getOut());
    }
}
