package dev.vigil.engine.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The contract on {@link MonitorRepository#open(javax.sql.DataSource)} over a real PostgreSQL
 * server: the dialect larger deployments use. Runs when {@code VIGIL_TEST_POSTGRES_URL} names a
 * database the test may create schemas in (e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/vigil_test?user=vigil&password=vigil}); {@code .ci/run}
 * starts the machine's PostgreSQL and sets it. Each test gets a schema of its own.
 */
@EnabledIfEnvironmentVariable(named = PostgresRepositoryTest.URL_VARIABLE, matches = "jdbc:postgresql:.+")
class PostgresRepositoryTest extends MonitorRepositoryContract {
    static final String URL_VARIABLE = "VIGIL_TEST_POSTGRES_URL";
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private String schema;

    private PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(System.getenv(URL_VARIABLE));
        dataSource.setCurrentSchema(schema);
        return dataSource;
    }

    @Override
    protected MonitorRepository create() {
        schema = "vigil_test_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(System.getenv(URL_VARIABLE));
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new AssertionError("cannot prepare a schema on " + System.getenv(URL_VARIABLE) + ": " + e.getMessage(), e);
        }
        return MonitorRepository.open(dataSource());
    }

    @Override
    protected MonitorRepository reopen() {
        return MonitorRepository.open(dataSource());
    }

    @Override
    protected void executeRaw(String sql) {
        executeOn(dataSource(), sql);
    }
}
