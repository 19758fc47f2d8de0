package dev.vigil.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forward-only schema migrations: applied once each, atomically, and never backwards. */
class MigrationTest {
    @TempDir
    Path directory;

    private Path file() {
        return directory.resolve("vigil.db");
    }

    /** How many steps the code knows; the tests add theirs after it. */
    private static final int KNOWN = Migration.standard(Dialect.SQLITE).size();

    private static List<Migration> standardPlus(Migration... extra) {
        List<Migration> migrations = new ArrayList<>(Migration.standard(Dialect.SQLITE));
        migrations.addAll(List.of(extra));
        return migrations;
    }

    private MonitorRepository open(List<Migration> migrations) {
        return MonitorRepository.openSqliteFile(file(), UnaryOperator.identity(), migrations);
    }

    private boolean columnExists(String table, String column) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement statement = connection.createStatement();
             ResultSet columns = statement.executeQuery("SELECT name FROM pragma_table_info('" + table + "')")) {
            while (columns.next()) {
                if (columns.getString(1).equals(column)) {
                    return true;
                }
            }
            return false;
        }
    }

    @Test
    void onlyTheMissingStepsAreApplied() throws SQLException {
        Migration second = new Migration(KNOWN + 1, "notes", List.of("ALTER TABLE monitors ADD COLUMN notes TEXT"));
        Migration third = new Migration(KNOWN + 2, "labels", List.of("ALTER TABLE monitors ADD COLUMN labels TEXT"));
        try (MonitorRepository repository = open(standardPlus())) {
            assertThat(repository.migrationsApplied()).isEqualTo(KNOWN);
            repository.insert("m1", MonitorRepositoryContract.HTTP);
        }

        try (MonitorRepository repository = open(standardPlus(second, third))) {
            assertThat(repository.migrationsApplied()).isEqualTo(2);
            assertThat(repository.schemaVersion()).isEqualTo(KNOWN + 2);
            assertThat(repository.find("m1")).isPresent();
        }
        assertThat(columnExists("monitors", "notes")).isTrue();
        assertThat(columnExists("monitors", "labels")).isTrue();

        try (MonitorRepository repository = open(standardPlus(second, third))) {
            assertThat(repository.migrationsApplied()).isZero();
        }
    }

    @Test
    void aFailingStepIsRolledBackWholeAndOpenFails() throws SQLException {
        Migration broken = new Migration(KNOWN + 1, "half of it works", List.of(
                "ALTER TABLE monitors ADD COLUMN notes TEXT",
                "THIS IS NOT SQL"));
        try (MonitorRepository repository = open(standardPlus())) {
            repository.insert("m1", MonitorRepositoryContract.HTTP);
        }

        assertThatThrownBy(() -> open(standardPlus(broken)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("migrate to schema version " + (KNOWN + 1));

        assertThat(columnExists("monitors", "notes")).isFalse();
        try (MonitorRepository repository = open(standardPlus())) {
            assertThat(repository.schemaVersion()).isEqualTo(KNOWN);
            assertThat(repository.find("m1")).isPresent();
        }
    }

    @Test
    void aNewerSchemaIsRefusedAndLeftAlone() {
        Migration next = new Migration(KNOWN + 1, "notes", List.of("ALTER TABLE monitors ADD COLUMN notes TEXT"));
        try (MonitorRepository repository = open(standardPlus(next))) {
            assertThat(repository.schemaVersion()).isEqualTo(KNOWN + 1);
        }

        assertThatThrownBy(() -> open(standardPlus()))
                .isInstanceOf(StoreException.class)
                .hasMessage("the store's schema version " + (KNOWN + 1) + " is newer than this code knows (" + KNOWN
                        + "): it was written by a newer Vigil; open it with that version or newer. Nothing was changed");

        try (MonitorRepository repository = open(standardPlus(next))) {
            assertThat(repository.schemaVersion()).isEqualTo(KNOWN + 1);
        }
    }

    @Test
    void stepsMustBeNumberedWithoutGaps() {
        Migration gap = new Migration(KNOWN + 2, "gap", List.of("SELECT 1"));

        assertThatThrownBy(() -> open(standardPlus(gap)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("version " + (KNOWN + 2) + ", expected " + (KNOWN + 1));
    }

    @Test
    void monitorsOfSchemaOneReadBackWithTheDefaultOptionsAfterTheProbeOptionsStep() throws SQLException {
        try (MonitorRepository repository = open(Migration.standard(Dialect.SQLITE).subList(0, 1))) {
            assertThat(repository.schemaVersion()).isEqualTo(1);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement statement = connection.createStatement()) {
            // Rows as schema 1 wrote them: TCP and DNS carried the HTTP columns' defaults.
            statement.execute("INSERT INTO monitors VALUES ('h', 'HTTP', 'https://example.com/', 60000, 5000, 1, 200, 204, 'ok', 3,"
                    + " 0, 'PAUSED', NULL, 0, '[]')");
            statement.execute("INSERT INTO monitors VALUES ('t', 'TCP', 'db:5432', 60000, 5000, 0, 200, 299, '', 0,"
                    + " 0, 'PAUSED', NULL, 0, '[]')");
            statement.execute("INSERT INTO monitors VALUES ('d', 'DNS', 'example.com', 60000, 5000, 0, 200, 299, '', 0,"
                    + " 0, 'PAUSED', NULL, 0, '[]')");
        }

        try (MonitorRepository repository = open(standardPlus())) {
            assertThat(repository.migrationsApplied()).isEqualTo(KNOWN - 1);
            assertThat(repository.find("h").orElseThrow().settings()).isEqualTo(MonitorSettings.http("https://example.com/")
                    .withTimeoutMs(5_000).withRetryAttempts(1).withExpectedStatus(200, 204).withKeyword("ok").withRedirectsMax(3));
            assertThat(repository.find("t").orElseThrow().settings()).isEqualTo(MonitorSettings.tcp("db:5432").withTimeoutMs(5_000));
            assertThat(repository.find("d").orElseThrow().settings()).isEqualTo(MonitorSettings.dns("example.com").withTimeoutMs(5_000));
        }
    }
}
