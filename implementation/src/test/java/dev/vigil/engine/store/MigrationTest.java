package dev.vigil.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        Migration second = new Migration(2, "notes", List.of("ALTER TABLE monitors ADD COLUMN notes TEXT"));
        Migration third = new Migration(3, "labels", List.of("ALTER TABLE monitors ADD COLUMN labels TEXT"));
        try (MonitorRepository repository = open(standardPlus())) {
            assertThat(repository.migrationsApplied()).isEqualTo(1);
            repository.insert("m1", MonitorRepositoryContract.HTTP);
        }

        try (MonitorRepository repository = open(standardPlus(second, third))) {
            assertThat(repository.migrationsApplied()).isEqualTo(2);
            assertThat(repository.schemaVersion()).isEqualTo(3);
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
        Migration broken = new Migration(2, "half of it works", List.of(
                "ALTER TABLE monitors ADD COLUMN notes TEXT",
                "THIS IS NOT SQL"));
        try (MonitorRepository repository = open(standardPlus())) {
            repository.insert("m1", MonitorRepositoryContract.HTTP);
        }

        assertThatThrownBy(() -> open(standardPlus(broken)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("migrate to schema version 2");

        assertThat(columnExists("monitors", "notes")).isFalse();
        try (MonitorRepository repository = open(standardPlus())) {
            assertThat(repository.schemaVersion()).isEqualTo(1);
            assertThat(repository.find("m1")).isPresent();
        }
    }

    @Test
    void aNewerSchemaIsRefusedAndLeftAlone() {
        Migration second = new Migration(2, "notes", List.of("ALTER TABLE monitors ADD COLUMN notes TEXT"));
        try (MonitorRepository repository = open(standardPlus(second))) {
            assertThat(repository.schemaVersion()).isEqualTo(2);
        }

        assertThatThrownBy(() -> open(standardPlus()))
                .isInstanceOf(StoreException.class)
                .hasMessage("the store's schema version 2 is newer than this code knows (1): it was written by a"
                        + " newer Vigil; open it with that version or newer");

        try (MonitorRepository repository = open(standardPlus(second))) {
            assertThat(repository.schemaVersion()).isEqualTo(2);
        }
    }

    @Test
    void stepsMustBeNumberedWithoutGaps() {
        Migration third = new Migration(3, "gap", List.of("SELECT 1"));

        assertThatThrownBy(() -> open(standardPlus(third)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("version 3, expected 2");
    }
}
