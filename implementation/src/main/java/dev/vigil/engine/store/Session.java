package dev.vigil.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A connection with the prepared statements made on it. Statements are cached by SQL text for
 * as long as the session lives: for the single-connection stores that is the connection's
 * life, which saves preparing the same few statements on every transaction (the simulator runs
 * millions); for a data source it is one transaction. Not thread-safe: its provider gives it to
 * one caller at a time.
 */
final class Session {
    private final Connection connection;
    private final boolean autoCommitWhenOpened;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private boolean broken;

    Session(Connection connection) throws SQLException {
        this.connection = connection;
        this.autoCommitWhenOpened = connection.getAutoCommit();
    }

    Connection connection() {
        return connection;
    }

    /** A prepared statement for {@code sql}; the caller sets every parameter before executing. */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** Records that the connection is in an unknown state (a rollback failed): do not reuse it. */
    void markBroken() {
        broken = true;
    }

    /** The connection was brought back to a known state (its transaction rolled back). */
    void clearBroken() {
        broken = false;
    }

    boolean broken() {
        return broken;
    }

    /**
     * Closes the cached statements and gives the connection back with the auto-commit mode it
     * had (a pool hands it to other code next), then closes it. Never throws: the caller's
     * outcome is already decided, and a failure here loses nothing that was committed.
     */
    void close(System.Logger log) {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                log.log(System.Logger.Level.DEBUG, "closing a statement failed", e);
            }
        }
        statements.clear();
        try {
            if (!broken && !connection.isClosed() && connection.getAutoCommit() != autoCommitWhenOpened) {
                connection.setAutoCommit(autoCommitWhenOpened);
            }
        } catch (SQLException e) {
            log.log(System.Logger.Level.DEBUG, "restoring auto-commit failed", e);
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.log(System.Logger.Level.WARNING, "closing a store connection failed", e);
        }
    }
}
