package org.hashbridge.node.startup;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * A database the node cannot reach or sign in to, whichever bean first asked for a connection (Flyway, at start):
 * one report naming the URL and the user, where Spring Boot would print the driver's stack trace of some 47 frames.
 * The password is never part of it.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    /** @param environment the node's settings; null when the start failed before they were read */
    DatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        SQLException connection = connectionFailure(failure);
        if (connection == null) {
            return null;
        }
        String url = setting("spring.datasource.url");
        String user = setting("spring.datasource.username");
        String state = connection.getSQLState();
        if (state.startsWith("28")) {
            return new FailureAnalysis("The database at spring.datasource.url " + url + " refused user " + user
                    + " (SQL state " + state + ": wrong password, or a user the server does not know).",
                    "Set spring.datasource.username and spring.datasource.password (SPRING_DATASOURCE_PASSWORD) to the "
                            + "node's database role (docs/operations.md, Settings).", null);
        }
        if (state.equals("3D000")) {
            return new FailureAnalysis("The database named in spring.datasource.url " + url + " does not exist.",
                    "Create it and the node's role, or correct the URL (docs/operations.md, Settings).", null);
        }
        return new FailureAnalysis("The database at spring.datasource.url " + url + " cannot be reached (SQL state "
                + state + ": " + firstLine(connection.getMessage()) + ").",
                "Start the database or correct spring.datasource.url (host, port, database name); the node checks and "
                        + "migrates its schema at start, so it does not start without it.", null);
    }

    /** The driver's exception that says the connection failed: SQL state class 08 (connection), 28 (sign-in), 3D000. */
    static SQLException connectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("28")
                    || sql.getSQLState().equals("3D000"))) {
                return sql;
            }
        }
        return null;
    }

    private String setting(String name) {
        String value = environment == null ? null : environment.getProperty(name);
        return value == null || value.isBlank() ? "(unset)" : value;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
