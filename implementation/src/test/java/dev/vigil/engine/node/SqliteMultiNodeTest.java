package dev.vigil.engine.node;

import dev.vigil.engine.store.MonitorRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Several engine nodes on one SQLite file, each with a connection of its own: several engines on one host. */
class SqliteMultiNodeTest extends MultiNodeStoreContract {
    @TempDir
    Path folder;

    @Override
    protected MonitorRepository openRepository() {
        return MonitorRepository.openSqliteFile(folder.resolve("vigil.db"));
    }
}
