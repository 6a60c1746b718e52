package org.hashbridge.sandbox.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The verifying node's access records that are answered but not yet written on chain, read from its
 * database: the node writes them after answering, one chain transaction each.
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
     * Watches the backlog for at most {@code window} (less when it empties) and answers how fast it
     * shrank: access records written on chain per second.
     */
    double drainRate(Duration window) {
        long before = pending();
        long start = System.nanoTime();
        long now = before;
        while (now > 0 && System.nanoTime() - start < window.toNanos()) {
            Pause.of(Duration.ofMillis(250));
            now = pending();
        }
        return (before - now) * 1e9 / (System.nanoTime() - start);
    }
}
