package org.hashbridge.bank.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code resident …}: a resident's own consents, approved with a software key. */
@Command(name = "resident", mixinStandardHelpOptions = true,
        description = {"For residents and the integrators who script for them: a key of your own (keygen), registered "
                + "at your home node (register-key, key, cancel-recovery), that approves your consents (consent) and "
                + "their withdrawal (revoke), as a passkey does on the node's resident page; and the node's signed "
                + "consent receipt (receipt). The bank checks your key's approval at its own node.",
                "Your credential comes from --credential-file, or else from the environment variable "
                        + ResidentNode.CREDENTIAL_VARIABLE + "; never from the command line."})
final class ResidentCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** The {@code resident} command and its own subcommands. */
    static CommandLine tree(Map<String, String> environment) {
        return new CommandLine(new ResidentCommand())
                .addSubcommand("keygen", new ResidentKeygenCommand())
                .addSubcommand("register-key", new ResidentRegisterKeyCommand(environment))
                .addSubcommand("key", new ResidentKeyCommand(environment))
                .addSubcommand("cancel-recovery", new ResidentCancelRecoveryCommand(environment))
                .addSubcommand("consent", new ResidentConsentCommand(environment))
                .addSubcommand("revoke", new ResidentRevokeCommand(environment))
                .addSubcommand("receipt", new ResidentReceiptCommand(environment));
    }

    /** Without a subcommand there is nothing to do: show what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
