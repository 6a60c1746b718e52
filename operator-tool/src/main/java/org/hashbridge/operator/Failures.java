package org.hashbridge.operator;

import java.util.Map;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.ChainUnavailable;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and an exit code, without a stack trace: an operator reads
 * what is wrong, a script reads the code. An unexpected exception is named by its type only, since its
 * message may hold anything.
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {

    static final int INTERNAL_ERROR = 3;

    /** What the Safe's own error codes mean to the person running the command. */
    private static final Map<String, String> SAFE_ERRORS = Map.of(
            "GS025", "not every governance account has approved this call yet",
            "GS026", "the approvals do not come from the governance accounts",
            "GS030", "only a governance account may approve a call");

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        String name = command.getCommandSpec().root().name();
        if (e instanceof ToolFailure failure) {
            return report(command, name, failure.getMessage(), failure.exitCode());
        }
        if (e instanceof ChainUnavailable) {
            return report(command, name, "chain unavailable: " + e.getMessage(), ToolFailure.UNREACHABLE);
        }
        if (e instanceof ChainRejected rejected) {
            String meaning = SAFE_ERRORS.get(rejected.error());
            return report(command, name, meaning == null ? e.getMessage() : e.getMessage() + " (" + meaning + ")",
                    ToolFailure.BAD_INPUT);
        }
        if (e instanceof IllegalArgumentException) {
            return report(command, name, e.getMessage(), ToolFailure.BAD_INPUT);
        }
        return report(command, name, "unexpected " + e.getClass().getName(), INTERNAL_ERROR);
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        return report(command, command.getCommandSpec().root().name(),
                e.getMessage() + " (see " + command.getCommandSpec().qualifiedName() + " --help)",
                ToolFailure.BAD_INPUT);
    }

    private static int report(CommandLine command, String name, String message, int exitCode) {
        command.getErr().println(name + ": " + message.lines().findFirst().orElse(""));
        command.getErr().flush();
        return exitCode;
    }
}
