package dev.vigil.engine.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server tests may use: the database that {@value #URL_VARIABLE} names (e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/vigil_test?user=vigil&password=vigil}; {@code .ci/run}
 * starts the machine's server and sets it). Tests that need it carry
 * {@code @EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = "jdbc:postgresql:.+")}.
 */
public final class PostgresTestDatabase {
    public static final String URL_VARIABLE = "VIGIL_TEST_POSTGRES_URL";
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private PostgresTestDatabase() {
    }

    /** Creates an empty schema of its own (dropping a leftover of the same name) and returns its name. */
    public static String freshSchema() {
        String schema = "vigil_test_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        try (Connection connection = dataSource(null).getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new AssertionError("cannot prepare a schema on " + System.getenv(URL_VARIABLE) + ": " + e.getMessage(), e);
        }
        return schema;
    }

    /** A data source on the test database, in {@code schema} (the server's default when null). */
    public static PGSimpleDataSource dataSource(String schema) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(System.getenv(URL_VARIABLE));
        if (schema != null) {
            dataSource.setCurrentSchema(schema);
        }
        return dataSource;
    }
}
