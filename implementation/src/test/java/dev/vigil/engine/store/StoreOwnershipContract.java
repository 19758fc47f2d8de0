package dev.vigil.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.StoreException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A database the store does not own is refused before anything is written, and tables with
 * different prefixes share one database without seeing each other. Each database kind says how
 * to open the store on one fresh database, run raw SQL on it, and take a snapshot of everything
 * a refusal must leave alone.
 */
abstract class StoreOwnershipContract {
    /** Opens a repository on this test's database with {@code names}. */
    protected abstract MonitorRepository open(TableNames names);

    /** Runs {@code sql} on this test's database, outside the store. */
    protected abstract void executeRaw(String sql);

    /** Everything a refusal must leave as it was: the file's bytes, or the schema's catalog and rows. */
    protected abstract Object snapshot() throws Exception;

    private void assertRefusedUntouched(TableNames names, String messagePart) throws Exception {
        Object before = snapshot();
        assertThatThrownBy(() -> open(names))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(messagePart)
                .hasMessageContaining("othing was changed");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aForeignMonitorsTableIsRefusedAndLeftUntouched() throws Exception {
        executeRaw("CREATE TABLE monitors (id INTEGER PRIMARY KEY, url TEXT)");
        executeRaw("INSERT INTO monitors (id, url) VALUES (1, 'https://shop.example/')");

        assertRefusedUntouched(TableNames.DEFAULT, "monitors");
    }

    @Test
    void aForeignSchemaVersionTableIsRefusedAndLeftUntouched() throws Exception {
        executeRaw("CREATE TABLE schema_version (installed_rank INTEGER, script TEXT)");
        executeRaw("INSERT INTO schema_version (installed_rank, script) VALUES (1, 'V1__init.sql')");

        assertRefusedUntouched(TableNames.DEFAULT, "is not Vigil's schema-version table");
    }

    @Test
    void aNewerSchemaVersionIsRefusedAndLeftUntouched() throws Exception {
        try (MonitorRepository repository = open(TableNames.DEFAULT)) {
            repository.insert("m1", MonitorRepositoryContract.HTTP);
        }
        executeRaw("UPDATE schema_version SET version = 99 WHERE id = 1");

        assertRefusedUntouched(TableNames.DEFAULT, "schema version 99 is newer");
    }

    @Test
    void aVersionTableBesideTablesOfAnotherVersionIsRefused() throws Exception {
        // What an older engine left on a foreign database: its version table at 0 beside the
        // application's own monitors table.
        executeRaw("CREATE TABLE monitors (id INTEGER PRIMARY KEY, url TEXT)");
        executeRaw("CREATE TABLE schema_version (id INTEGER NOT NULL PRIMARY KEY, version INTEGER NOT NULL)");
        executeRaw("INSERT INTO schema_version (id, version) VALUES (1, 0)");

        assertRefusedUntouched(TableNames.DEFAULT, "not the tables of that version");
    }

    @Test
    void aPrefixGivesTheEngineTablesOfItsOwnBesideAForeignOne() throws Exception {
        executeRaw("CREATE TABLE monitors (id INTEGER PRIMARY KEY, url TEXT)");

        try (MonitorRepository repository = open(TableNames.DEFAULT.withTablePrefix("vigil_"))) {
            repository.insert("m1", MonitorRepositoryContract.HTTP);
            assertThat(repository.findAll()).extracting(snapshot -> snapshot.id()).containsExactly("m1");
        }
        try (MonitorRepository reopened = open(TableNames.DEFAULT.withTablePrefix("vigil_"))) {
            assertThat(reopened.migrationsApplied()).isZero();
            assertThat(reopened.find("m1")).isPresent();
        }
    }

    @Test
    void twoPrefixesOnOneDatabaseDoNotSeeEachOther() {
        try (MonitorRepository first = open(TableNames.DEFAULT.withTablePrefix("app_one_"));
             MonitorRepository second = open(TableNames.DEFAULT.withTablePrefix("app_two_"))) {
            first.insert("shared-id", MonitorRepositoryContract.HTTP);
            first.insert("only-first", MonitorRepositoryContract.TCP);
            second.insert("shared-id", MonitorRepositoryContract.TCP);

            first.setMonitoring("shared-id", true, MonitorStatus.PENDING);
            first.setActiveOperations("shared-id", List.of("op-1"));
            assertThat(first.applyResult("shared-id", "op-1", false, new CheckRecord("op-1", 1_000, MonitorStatus.UP, 5, "HTTP 200")))
                    .isTrue();

            assertThat(first.findAll()).extracting(snapshot -> snapshot.id()).containsExactly("only-first", "shared-id");
            assertThat(second.findAll()).extracting(snapshot -> snapshot.id()).containsExactly("shared-id");
            assertThat(second.find("shared-id").orElseThrow().status()).isEqualTo(MonitorStatus.PAUSED);
            assertThat(first.historySize("shared-id")).isEqualTo(1);
            assertThat(second.historySize("shared-id")).isZero();

            assertThat(second.delete("shared-id")).isTrue();
            assertThat(first.find("shared-id")).isPresent();
        }
    }
}
