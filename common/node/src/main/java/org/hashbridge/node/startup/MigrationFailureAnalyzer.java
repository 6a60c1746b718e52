package org.hashbridge.node.startup;

import org.flywaydb.core.api.FlywayException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A schema Flyway cannot bring to this node's version: a failed migration, a checksum that differs from the one
 * applied, a database of a newer version. A database that cannot be reached is {@link DatabaseFailureAnalyzer}'s.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class MigrationFailureAnalyzer extends AbstractFailureAnalyzer<FlywayException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FlywayException cause) {
        if (DatabaseFailureAnalyzer.connectionFailure(rootFailure) != null) {
            return null;
        }
        return new FailureAnalysis("The node's database schema cannot be migrated to this version: "
                + cause.getMessage().strip(),
                "Restore the database from its backup, or fix what the migration names, then start again; the node "
                        + "never starts on a schema of another version (docs/operations.md, backing up and restoring).",
                null);
    }
}
