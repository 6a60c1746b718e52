package org.hashbridge.bank.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hashbridge-bank}: hash documents, verify them at the bank's home node, check receipts; for issuers, anchor
 * documents in bulk; for residents, approve and withdraw their consents with a key of their own.
 */
@Command(name = "hashbridge-bank", mixinStandardHelpOptions = true, versionProvider = BankCli.Version.class,
        description = "Verifies a resident's document at the bank's HashBridge node. Only the document's "
                + "digest is sent; the document never leaves this machine.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  verified / done / all anchored",
                "  1  rejected / receipt signature invalid / not all anchored within the wait /",
                "     a resident's key, consent or revocation not yet on chain / a recovery of their key pending",
                "  2  usage error or unreadable input", "  3  the node answered a problem",
                "  4  the node is unreachable"})
public final class BankCli implements Callable<Integer> {

    /** The variable {@code verify} reads the API key from when no option gives it. */
    static final String API_KEY_VARIABLE = "HASHBRIDGE_API_KEY";

    @Spec
    private CommandSpec spec;

    /** The subcommands by name, made only when asked for: each brings classes of its own (anchor: Jackson). */
    private static final Map<String, Function<Map<String, String>, Object>> SUBCOMMANDS = subcommands();

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv(), args).execute(args));
    }

    private static Map<String, Function<Map<String, String>, Object>> subcommands() {
        Map<String, Function<Map<String, String>, Object>> subcommands = new LinkedHashMap<>();
        subcommands.put("hash", environment -> new HashCommand());
        subcommands.put("verify", VerifyCommand::new);
        subcommands.put("fetch-keys", environment -> new FetchKeysCommand());
        subcommands.put("verify-receipt", environment -> new VerifyReceiptCommand());
        subcommands.put("anchor", AnchorCommand::new);
        subcommands.put("resident", ResidentCommand::tree);
        return subcommands;
    }

    /** The whole command tree; {@code environment} stands in for the process environment. */
    static CommandLine commandLine(Map<String, String> environment) {
        return commandLine(environment, SUBCOMMANDS.keySet());
    }

    /**
     * The command tree {@code args} need: when they start with a subcommand's name, the root and that subcommand
     * only, so that running one command neither builds nor loads the others (a JVM starting for
     * {@code hash FILE} spends its time hashing); otherwise the whole tree, for help and usage errors.
     */
    static CommandLine commandLine(Map<String, String> environment, String... args) {
        return args.length > 0 && SUBCOMMANDS.containsKey(args[0]) ? commandLine(environment, List.of(args[0]))
                : commandLine(environment);
    }

    private static CommandLine commandLine(Map<String, String> environment, Collection<String> names) {
        CommandLine cli = new CommandLine(new BankCli());
        names.forEach(name -> cli.addSubcommand(name, SUBCOMMANDS.get(name).apply(environment)));
        cli.setExecutionExceptionHandler(new Failures());
        exitCodes(cli);
        return cli;
    }

    private static void exitCodes(CommandLine command) {
        command.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE).exitCodeOnExecutionException(ExitCodes.INTERNAL_ERROR);
        command.getSubcommands().values().forEach(BankCli::exitCodes);
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
