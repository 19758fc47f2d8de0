package dev.vigil.engine.store;

/** The engine lease in one set of in-memory tables shared by two repositories, as two engines share a database: the system clock. */
class MemoryEngineLeasesTest extends EngineLeasesContract {
    private final MemoryTables tables = new MemoryTables(System::currentTimeMillis);

    @Override
    protected MonitorRepository openOnSameDatabase() {
        return MonitorRepository.openInMemory(tables);
    }
}
