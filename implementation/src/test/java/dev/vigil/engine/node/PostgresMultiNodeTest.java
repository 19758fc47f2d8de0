package dev.vigil.engine.node;

import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.PostgresTestDatabase;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Several engine nodes on one PostgreSQL database, as replicas of an application would be; skipped without the CI's PostgreSQL. */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = "jdbc:postgresql:.+")
class PostgresMultiNodeTest extends MultiNodeStoreContract {
    private final String schema = PostgresTestDatabase.freshSchema();

    @Override
    protected MonitorRepository openRepository() {
        return MonitorRepository.open(PostgresTestDatabase.dataSource(schema));
    }

    @Override
    protected boolean wakesOwners() {
        return true;
    }
}
