package org.hashbridge.sandbox.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The verifying node's access records that are answered but not yet written on chain, read from its
 * database: the node writes them after answering, up to 256 in one chain transaction.
 */
final class AccessBacklog {

    private final DataSource database;

    AccessBacklog(DataSource database) {
        this.database = database;
    }

    /** Verifications whose access is still waiting for the chain. */
    long pending() {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM verification WHERE access_status = 'PENDING'")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the pending access records", e);
        }
    }

    /**
     * Watches the backlog for at most {@code window} and answers the {@link System#nanoTime()} at which
     * it was first seen empty, or -1 when it did not empty in time.
     */
    long awaitEmpty(Duration window) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < window.toNanos()) {
            if (pending() == 0) {
                return System.nanoTime();
            }
            Pause.of(Duration.ofMillis(100));
        }
        return -1;
    }
}
