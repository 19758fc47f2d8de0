package dev.vigil.engine.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain SQL on an SQLite file, past the repository: what the tests use to plant rows and tables. */
final class SqliteFiles {
    private SqliteFiles() {
    }

    /** Runs {@code sql} on {@code file} in a connection of its own; a failure fails the test. */
    static void execute(Path file, String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
