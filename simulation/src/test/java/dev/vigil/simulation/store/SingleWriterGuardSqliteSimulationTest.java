package dev.vigil.simulation.store;

/** {@link SingleWriterGuardSimulationTest} on SQLite: the lease's SQL, with the virtual clock as the database's "now" function. */
class SingleWriterGuardSqliteSimulationTest extends SingleWriterGuardSimulationTest {
    @Override
    StoreKind storeKind() {
        return StoreKind.SQLITE;
    }
}
