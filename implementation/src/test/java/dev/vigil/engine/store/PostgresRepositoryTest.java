package dev.vigil.engine.store;

import dev.vigil.engine.testing.PostgresTestDatabase;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The contract on {@link MonitorRepository#open(javax.sql.DataSource)} over a real PostgreSQL
 * server, the dialect larger deployments use; each test in a schema of its own. Runs when
 * {@value PostgresTestDatabase#URL_VARIABLE} names a database (see {@link PostgresTestDatabase}).
 */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = "jdbc:postgresql:.+")
class PostgresRepositoryTest extends MonitorRepositoryContract {
    private String schema;

    @Override
    protected MonitorRepository create() {
        schema = PostgresTestDatabase.freshSchema();
        return MonitorRepository.open(PostgresTestDatabase.dataSource(schema));
    }

    @Override
    protected MonitorRepository reopen() {
        return MonitorRepository.open(PostgresTestDatabase.dataSource(schema));
    }

    @Override
    protected void executeRaw(String sql) {
        executeOn(PostgresTestDatabase.dataSource(schema), sql);
    }
}
