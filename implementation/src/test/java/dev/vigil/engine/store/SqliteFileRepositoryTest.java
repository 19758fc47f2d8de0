package dev.vigil.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.MonitorStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on {@link MonitorRepository#openSqliteFile}, plus what is particular to a file. */
class SqliteFileRepositoryTest extends MonitorRepositoryContract {
    @TempDir
    Path directory;

    private Path file() {
        return directory.resolve("nested/dirs/vigil.db");
    }

    @Override
    protected MonitorRepository create() {
        return MonitorRepository.openSqliteFile(file());
    }

    @Override
    protected MonitorRepository reopen() {
        return MonitorRepository.openSqliteFile(file());
    }

    @Override
    protected void executeRaw(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theFileAndItsDirectoriesAreCreatedInWalMode() throws SQLException {
        assertThat(file()).isRegularFile();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement statement = connection.createStatement();
             ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
            assertThat(mode.next()).isTrue();
            assertThat(mode.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void aCommittedTransactionIsVisibleToAnotherConnectionAtOnce() throws SQLException {
        repository.insert("m1", HTTP);
        repository.setMonitoring("m1", true, MonitorStatus.PENDING);

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT status FROM monitors WHERE id = 'm1'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("PENDING");
        }
    }

    @Test
    void aPathThatCannotBeADirectoryFailsWithAStoreException() throws Exception {
        Path blocker = Files.writeString(directory.resolve("a-file"), "x");

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> MonitorRepository.openSqliteFile(blocker.resolve("sub/vigil.db")))
                .isInstanceOf(dev.vigil.engine.StoreException.class)
                .hasMessageContaining("a-file");
    }
}
