package org.hashbridge.node.web;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What a log may say of a failure whose messages may hold data: a database error's message quotes the rows
 * of the statement that failed (a JDBC batch's values, a constraint's key), which may be subject references,
 * digests or receipts. Told instead: the exceptions of the cause chain by class, with each database error's
 * SQL state and the constraint, table and column it names, never a message.
 */
public final class Failures {

    private static final int MAX_CAUSES = 8;

    private Failures() {
    }

    /** For example {@code DataIntegrityViolationException < BatchUpdateException[23505] < PSQLException[23505 verification_pkey]}. */
    public static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable cause = failure; cause != null && parts.size() < MAX_CAUSES; cause = next(cause)) {
            parts.add(cause.getClass().getSimpleName() + (cause instanceof SQLException sql ? state(sql) : ""));
        }
        return String.join(" < ", parts);
    }

    private static Throwable next(Throwable cause) {
        if (cause.getCause() != null && cause.getCause() != cause) {
            return cause.getCause();
        }
        return cause instanceof SQLException sql ? sql.getNextException() : null;
    }

    private static String state(SQLException sql) {
        StringBuilder state = new StringBuilder("[").append(sql.getSQLState());
        if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            for (String name : new String[]{server.getConstraint(), server.getTable(), server.getColumn()}) {
                if (name != null) {
                    state.append(' ').append(name);
                }
            }
        }
        return state.append(']').toString();
    }
}
