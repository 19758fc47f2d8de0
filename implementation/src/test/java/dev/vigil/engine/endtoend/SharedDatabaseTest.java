package dev.vigil.engine.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.InvalidSettingsException;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.UnknownMonitorException;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engines on one database, kept apart by the builder's table prefix (and, on PostgreSQL, a
 * schema): neither sees the other's monitors; and the builder's store options fail clearly.
 */
class SharedDatabaseTest {
    private static final MonitorSettings SETTINGS = MonitorSettings.tcp("127.0.0.1:9").withIntervalMs(60_000).withTimeoutMs(1_000);

    @TempDir
    Path folder;

    private static void assertApart(UnaryOperator<VigilEngine.Builder> store) {
        try (VigilEngine billing = store.apply(VigilEngine.builder()).tablePrefix("billing_").build();
             VigilEngine shop = store.apply(VigilEngine.builder()).tablePrefix("shop_").build()) {
            billing.add("api", SETTINGS);
            billing.add("db", SETTINGS);
            shop.add("api", SETTINGS);

            assertThat(billing.monitors()).extracting(MonitorSnapshot::id).containsExactly("api", "db");
            assertThat(shop.monitors()).extracting(MonitorSnapshot::id).containsExactly("api");
            assertThatThrownBy(() -> shop.remove("db")).isInstanceOf(UnknownMonitorException.class);
            shop.remove("api");
            assertThat(billing.monitor("api")).isPresent();
        }
    }

    @Test
    void twoPrefixesOnOneSqliteFileDoNotSeeEachOther() {
        Path file = folder.resolve("shared.db");
        assertApart(builder -> builder.storeFile(file));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = "jdbc:postgresql:.+")
    void twoPrefixesOnOnePostgresSchemaDoNotSeeEachOther() {
        String schema = PostgresTestDatabase.freshSchema();
        assertApart(builder -> builder.dataSource(PostgresTestDatabase.dataSource(null)).schema(schema));
    }

    @Test
    void aMissingDirectoryFailsTheBuildUnlessCreatingItWasAllowed() {
        Path file = folder.resolve("not/yet/vigil.db");
        assertThatThrownBy(() -> VigilEngine.builder().storeFile(file).build())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("its directory " + file.getParent().toAbsolutePath() + " does not exist");

        try (VigilEngine engine = VigilEngine.builder().storeFile(file).storeDirectoriesCreated(true).build()) {
            assertThat(engine.monitors()).isEmpty();
        }
        assertThat(file).isRegularFile();
    }

    @Test
    void badStoreNamesAreRejectedByTheBuilder() {
        assertThatThrownBy(() -> VigilEngine.builder().tablePrefix("Vigil-"))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageStartingWith("tablePrefix = 'Vigil-' is invalid");
        assertThatThrownBy(() -> VigilEngine.builder().storeFile(folder.resolve("x.db")).schema("app").build())
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("only PostgreSQL has schemas");
    }
}
