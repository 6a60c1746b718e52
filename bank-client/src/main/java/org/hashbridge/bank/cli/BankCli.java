package org.hashbridge.bank.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hashbridge-bank}: hash documents, verify them at the bank's home node, check receipts; and, for
 * issuers, anchor documents in bulk.
 */
@Command(name = "hashbridge-bank", mixinStandardHelpOptions = true, versionProvider = BankCli.Version.class,
        description = "Verifies a resident's document at the bank's HashBridge node. Only the document's "
                + "digest is sent; the document never leaves this machine.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  verified / done / all anchored",
                "  1  rejected / receipt signature invalid / not all anchored within the wait",
                "  2  usage error or unreadable input", "  3  the node answered a problem",
                "  4  the node is unreachable"})
public final class BankCli implements Callable<Integer> {

    /** The variable {@code verify} reads the API key from when no option gives it. */
    static final String API_KEY_VARIABLE = "HASHBRIDGE_API_KEY";

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The command tree; {@code environment} stands in for the process environment. */
    static CommandLine commandLine(Map<String, String> environment) {
        CommandLine cli = new CommandLine(new BankCli())
                .addSubcommand(new HashCommand())
                .addSubcommand(new VerifyCommand(environment))
                .addSubcommand(new FetchKeysCommand())
                .addSubcommand(new VerifyReceiptCommand())
                .addSubcommand(new AnchorCommand(environment));
        cli.setExecutionExceptionHandler(new Failures());
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE).exitCodeOnExecutionException(ExitCodes.INTERNAL_ERROR);
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec()
                .exitCodeOnInvalidInput(ExitCodes.USAGE).exitCodeOnExecutionException(ExitCodes.INTERNAL_ERROR));
        return cli;
    }

    /** Without a subcommand there is nothing to do: show what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties build = new Properties();
            try (InputStream in = BankCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    build.load(in);
                }
            }
            return new String[] {"hashbridge-bank " + build.getProperty("version", "(unknown version)")};
        }
    }
}
