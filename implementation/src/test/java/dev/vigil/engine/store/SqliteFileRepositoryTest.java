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
        // Opting in: the file's directories do not exist yet.
        return MonitorRepository.openSqliteFile(file(), TableNames.DEFAULT, true);
    }

    @Override
    protected MonitorRepository reopen() {
        return MonitorRepository.openSqliteFile(file());
    }

    @Override
    protected void executeRaw(String sql) {
        SqliteFiles.execute(file(), sql);
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
                        () -> MonitorRepository.openSqliteFile(blocker.resolve("sub/vigil.db"), TableNames.DEFAULT, true))
                .isInstanceOf(dev.vigil.engine.StoreException.class)
                .hasMessageContaining("a-file");
    }

    @Test
    void aMissingDirectoryIsNamedAndNotCreatedUnlessAskedFor() {
        Path missing = directory.resolve("typo");

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> MonitorRepository.openSqliteFile(missing.resolve("vigil.db")))
                .isInstanceOf(dev.vigil.engine.StoreException.class)
                .hasMessageContaining("its directory " + missing.toAbsolutePath() + " does not exist");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aDroppedConnectionFailsOneTransactionCleanlyAndTheNextReopensIt() throws SQLException {
        repository.close();
        java.util.List<Connection> opened = new java.util.ArrayList<>();
        repository = MonitorRepository.openSqliteFile(file(), connection -> {
            opened.add(connection);
            return connection;
        }, Migration.standard(Dialect.SQLITE));
        repository.insert("m1", HTTP);
        repository.setMonitoring("m1", true, MonitorStatus.PENDING);

        opened.getLast().close(); // the connection drops under the repository, between transactions

        assertThat(repository.applyResult("m1", "op-1", false, record("op-1", 1_000, MonitorStatus.UP)))
                .as("the operation is not listed, so nothing applies, but the transaction must run on a fresh connection")
                .isFalse();
        assertThat(opened).hasSize(2);
        repository.setActiveOperations("m1", java.util.List.of("op-2"));
        assertThat(repository.applyResult("m1", "op-2", false, record("op-2", 2_000, MonitorStatus.UP))).isTrue();
        assertThat(repository.find("m1").orElseThrow().status()).isEqualTo(MonitorStatus.UP);
        assertThat(repository.history("m1")).extracting(dev.vigil.engine.CheckRecord::operationId).containsExactly("op-2");
    }
}
