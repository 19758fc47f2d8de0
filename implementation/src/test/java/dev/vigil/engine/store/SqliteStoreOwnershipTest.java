package dev.vigil.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.InvalidSettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StoreOwnershipContract} on an SQLite file: a refused file stays byte for byte as it
 * was, in its original journal mode, with no file added beside it.
 */
class SqliteStoreOwnershipTest extends StoreOwnershipContract {
    @TempDir
    Path directory;

    private Path file() {
        return directory.resolve("app.db");
    }

    @Override
    protected MonitorRepository open(TableNames names) {
        return MonitorRepository.openSqliteFile(file(), names, false);
    }

    @Override
    protected void executeRaw(String sql) {
        SqliteFiles.execute(file(), sql);
    }

    /** The files in the directory and each one's bytes. */
    @Override
    protected Object snapshot() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().map(path -> {
                try {
                    return path.getFileName() + "=" + HexFormat.of().formatHex(Files.readAllBytes(path));
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }).toList();
        }
    }

    @Test
    void aSchemaIsRefusedOnSqlite() {
        assertThatThrownBy(() -> open(TableNames.DEFAULT.withSchema("app")))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("schema = 'app' is invalid: only PostgreSQL has schemas; on SQLite keep tables apart with a tablePrefix");
        assertThat(file()).doesNotExist();
    }

    @Test
    void badPrefixesAndSchemasAreRejectedNamingTheRule() {
        for (String bad : List.of("Vigil_", "1vigil", "vigil-", "vigil; DROP TABLE x", "a".repeat(TableNames.TABLE_PREFIX_LENGTH_MAX + 1))) {
            assertThatThrownBy(() -> TableNames.DEFAULT.withTablePrefix(bad))
                    .isInstanceOf(InvalidSettingsException.class)
                    .hasMessageStartingWith("tablePrefix = '" + bad + "' is invalid: allowed: empty, or 1 … "
                            + TableNames.TABLE_PREFIX_LENGTH_MAX + " lower-case letters a-z, digits and '_'");
        }
        assertThatThrownBy(() -> TableNames.DEFAULT.withSchema(""))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageStartingWith("schema = '' is invalid");
        assertThat(TableNames.DEFAULT.withTablePrefix("vigil_").withSchema("app").monitors()).isEqualTo("app.vigil_monitors");
    }
}
