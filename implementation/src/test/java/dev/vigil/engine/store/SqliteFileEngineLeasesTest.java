package dev.vigil.engine.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The engine lease in one SQLite file shared by two repositories, as by two processes: SQLite's own clock. */
class SqliteFileEngineLeasesTest extends EngineLeasesContract {
    @TempDir
    Path folder;

    @Override
    protected MonitorRepository openOnSameDatabase() {
        return MonitorRepository.openSqliteFile(folder.resolve("vigil.db"));
    }
}
