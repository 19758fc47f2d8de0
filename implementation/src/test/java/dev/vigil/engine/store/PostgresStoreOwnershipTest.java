package dev.vigil.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.StoreException;
import dev.vigil.engine.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * {@link StoreOwnershipContract} on PostgreSQL, in a fresh schema per test (the connection's
 * current schema); a refused schema keeps its catalog (relations, columns) and its rows. Also
 * the schema option: tables in a named schema other than the connection's.
 */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.URL_VARIABLE, matches = "jdbc:postgresql:.+")
class PostgresStoreOwnershipTest extends StoreOwnershipContract {
    private String schema;

    @BeforeEach
    void freshSchema() {
        schema = PostgresTestDatabase.freshSchema();
    }

    @Override
    protected MonitorRepository open(TableNames names) {
        return MonitorRepository.open(PostgresTestDatabase.dataSource(schema), names);
    }

    @Override
    protected void executeRaw(String sql) {
        MonitorRepositoryContract.executeOn(PostgresTestDatabase.dataSource(schema), sql);
    }

    /** Every relation of the schema with its kind, every column, and the rows of every table. */
    @Override
    protected Object snapshot() throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = PostgresTestDatabase.dataSource(schema).getConnection()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT c.relname, c.relkind FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? ORDER BY c.relname")) {
                select.setString(1, schema);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        lines.add("relation " + rows.getString(1) + " " + rows.getString(2));
                        if ("r".equals(rows.getString(2))) {
                            tables.add(rows.getString(1));
                        }
                    }
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT table_name, column_name, data_type"
                    + " FROM information_schema.columns WHERE table_schema = ? ORDER BY table_name, ordinal_position")) {
                select.setString(1, schema);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        lines.add("column " + rows.getString(1) + "." + rows.getString(2) + " " + rows.getString(3));
                    }
                }
            }
            for (String table : tables) {
                try (PreparedStatement select = connection.prepareStatement("SELECT * FROM " + schema + "." + table + " ORDER BY 1");
                     ResultSet rows = select.executeQuery()) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        StringBuilder row = new StringBuilder("row " + table);
                        for (int i = 1; i <= columns; i++) {
                            row.append(' ').append(rows.getString(i));
                        }
                        lines.add(row.toString());
                    }
                }
            }
        }
        return lines;
    }

    @Test
    void aNamedSchemaHoldsTheTablesWhateverTheConnectionsSchema() throws SQLException {
        String other = PostgresTestDatabase.freshSchema();
        TableNames names = TableNames.DEFAULT.withSchema(other).withTablePrefix("vigil_");
        try (MonitorRepository repository = open(names)) {
            repository.insert("m1", MonitorRepositoryContract.HTTP);
        }
        try (MonitorRepository reopened = open(names)) {
            assertThat(reopened.migrationsApplied()).isZero();
            assertThat(reopened.find("m1")).isPresent();
        }
        assertThat(snapshot()).isEqualTo(List.of()); // the connection's own schema stayed empty
        try (MonitorRepository unqualified = open(TableNames.DEFAULT.withTablePrefix("vigil_"))) {
            assertThat(unqualified.findAll()).isEmpty();
        }
    }

    @Test
    void aMissingSchemaIsRefusedNotCreated() throws SQLException {
        Object before = snapshot();
        assertThatThrownBy(() -> open(TableNames.DEFAULT.withSchema("no_such_schema_here")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema no_such_schema_here does not exist; create it first");
        assertThat(snapshot()).isEqualTo(before);
    }
}
