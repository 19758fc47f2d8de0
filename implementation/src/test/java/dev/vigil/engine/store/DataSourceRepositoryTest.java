package dev.vigil.engine.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The contract on {@link MonitorRepository#open(javax.sql.DataSource)} over SQLite: a new
 * connection per transaction, the dialect detected from metadata.
 */
class DataSourceRepositoryTest extends MonitorRepositoryContract {
    @TempDir
    Path directory;

    static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(5_000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }

    private SQLiteDataSource dataSource() {
        return dataSource(directory.resolve("vigil.db"));
    }

    @Override
    protected MonitorRepository create() {
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
