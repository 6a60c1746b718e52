package org.hashbridge.node.startup;

import java.io.PrintStream;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Writes Spring Boot's "APPLICATION FAILED TO START" report to standard error as lines an operator reads. Boot's
 * own reporter logs it, and the node's log pattern writes every line break of a message as the two characters
 * {@code \n} (so no request can forge a log line): hashbridge-node.yml turns that reporter off.
 */
class StandardErrorFailureReporter implements FailureAnalysisReporter {

    private final PrintStream out;

    StandardErrorFailureReporter() {
        this(System.err);
    }

    StandardErrorFailureReporter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void report(FailureAnalysis analysis) {
        StringBuilder report = new StringBuilder()
                .append("\n***************************\nAPPLICATION FAILED TO START\n***************************\n\n")
                .append("Description:\n\n").append(analysis.getDescription()).append("\n");
        if (analysis.getAction() != null) {
            report.append("\nAction:\n\n").append(analysis.getAction()).append("\n");
        }
        out.print(report);
        out.flush();
    }
}
