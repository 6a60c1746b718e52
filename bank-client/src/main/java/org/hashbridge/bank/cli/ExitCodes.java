package org.hashbridge.bank.cli;

/** The exit codes scripts can rely on. */
final class ExitCodes {

    /** verify: VERIFIED; anchor: every document anchored; other commands: done. */
    static final int OK = 0;
    /**
     * verify: REJECTED; verify-receipt: the signature is invalid or its key unknown; anchor: some documents
     * still pending when the wait ended, or revoked; resident register-key, consent, revoke: the node has it but is
     * still writing it on chain; resident key: a recovery of the key is pending.
     */
    static final int NEGATIVE = 1;
    /** a usage error, or an input file that cannot be read or used. */
    static final int USAGE = 2;
    /** the node answered with a problem (or with something unreadable). */
    static final int NODE_PROBLEM = 3;
    /** the node did not answer. */
    static final int NODE_UNREACHABLE = 4;
    /** a defect in this program; the stack trace is printed. */
    static final int INTERNAL_ERROR = 70;

    private ExitCodes() {
    }
}
