package dev.vigil.engine.store;

import dev.vigil.engine.testing.PostgresTestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The engine lease on a real PostgreSQL server, on its {@code clock_timestamp()}; a schema of its own per test. */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = "jdbc:postgresql:.+")
class PostgresEngineLeasesTest extends EngineLeasesContract {
    private String schema;

    @BeforeEach
    void freshSchema() {
        schema = PostgresTestDatabase.freshSchema();
    }

    @Override
    protected MonitorRepository openOnSameDatabase() {
        return MonitorRepository.open(PostgresTestDatabase.dataSource(schema));
    }
}
