package org.hashbridge.bank.cli;

import org.hashbridge.protocol.Check;

/** One check on one line, aligned: type, status, code, message. */
final class CheckLine {

    private CheckLine() {
    }

    static String of(Check check) {
        String line = String.format("  %-9s  %-11s  %-24s  %s", check.type(), check.status(), check.code(),
                check.message() == null ? "" : check.message());
        return line.stripTrailing();
    }
}
