package org.hashbridge.operator;

/**
 * A refusal the tool reports as one line on stderr, with its exit code: {@link #BAD_INPUT} when the
 * command line, a file or the chain's answer does not fit, {@link #UNREACHABLE} when the chain cannot be
 * reached. The message names what is wrong and never holds a key or a password.
 */
final class ToolFailure extends RuntimeException {

    static final int BAD_INPUT = 1;
    static final int UNREACHABLE = 2;

    private final int exitCode;

    private ToolFailure(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    static ToolFailure badInput(String message) {
        return new ToolFailure(message, BAD_INPUT);
    }

    static ToolFailure unreachable(String message) {
        return new ToolFailure(message, UNREACHABLE);
    }

    int exitCode() {
        return exitCode;
    }
}
