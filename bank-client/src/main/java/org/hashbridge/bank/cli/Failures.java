package org.hashbridge.bank.cli;

import java.io.PrintWriter;
import org.hashbridge.bank.NodeProblem;
import org.hashbridge.bank.NodeUnreachable;
import org.hashbridge.protocol.InvalidInput;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns the failures a user can cause or meet into one line on stderr and an exit code. Anything else is
 * a defect: it is rethrown, so picocli prints its stack trace and exits {@value ExitCodes#INTERNAL_ERROR}.
 */
final class Failures implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) throws Exception {
        PrintWriter err = command.getErr();
        if (failure instanceof NodeProblem problem) {
            err.printf("the node answered %d %s: %s%n", problem.status(), problem.code(),
                    problem.detail().isEmpty() ? problem.title() : problem.detail());
            return ExitCodes.NODE_PROBLEM;
        }
        if (failure instanceof NodeUnreachable unreachable) {
            err.println(unreachable.getMessage());
            return ExitCodes.NODE_UNREACHABLE;
        }
        if (failure instanceof InvalidInput invalid) {
            err.printf("%s: %s%n", invalid.code(), invalid.getMessage());
            return ExitCodes.USAGE;
        }
        if (failure instanceof UnusableInput unusable) {
            err.println(unusable.getMessage());
            return ExitCodes.USAGE;
        }
        throw failure;
    }
}
