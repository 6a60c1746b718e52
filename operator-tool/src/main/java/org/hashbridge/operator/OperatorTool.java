package org.hashbridge.operator;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code hashbridge-operator}: what the two operators' infrastructure teams run to bring a registry up on
 * their chain, with keys from wallet files and passwords from files. Every failure is one line on stderr.
 */
@Command(name = "hashbridge-operator", mixinStandardHelpOptions = true, versionProvider = OperatorTool.Version.class,
        description = "Deploys the HashBridge registry on a chain, runs its governance and registers the operators' "
                + "accounts.",
        subcommands = {KeysCommand.class, DeployCommand.class, GovernCommand.class, SetupCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  done", "  1  bad input: an option, a file, a password, a chain id,",
                "     or a call the registry or its Safe refuses", "  2  the chain is unreachable",
                "  3  an unexpected failure"})
public final class OperatorTool {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The whole command tree, failures reported as one line each. */
    static CommandLine commandLine() {
        Failures failures = new Failures();
        return new CommandLine(new OperatorTool())
                .setExecutionExceptionHandler(failures)
                .setParameterExceptionHandler(failures);
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = OperatorTool.class.getPackage().getImplementationVersion();
            return new String[] {"hashbridge-operator " + (version == null ? "(unknown version)" : version)};
        }
    }
}
