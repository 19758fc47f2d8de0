package dev.vigil.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.StoreException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Dialect detection; the PostgreSQL SQL itself cannot run here (no server in the build). */
class DialectTest {
    /** A connection whose metadata names {@code product}; nothing else may be called on it. */
    static Connection connectionTo(String product) {
        DatabaseMetaData metaData = (DatabaseMetaData) Proxy.newProxyInstance(DialectTest.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getDatabaseProductName" -> product;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (Connection) Proxy.newProxyInstance(DialectTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMetaData" -> metaData;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void sqliteIsDetectedFromARealConnection() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            assertThat(Dialect.detect(connection)).isEqualTo(Dialect.SQLITE);
        }
    }

    @Test
    void postgresqlIsDetectedFromItsProductName() throws SQLException {
        assertThat(Dialect.detect(connectionTo("PostgreSQL"))).isEqualTo(Dialect.POSTGRESQL);
    }

    @Test
    void anotherDatabaseIsRefusedByName() {
        assertThatThrownBy(() -> Dialect.detect(connectionTo("MySQL")))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("'MySQL'")
                .hasMessageContaining("SQLite and PostgreSQL");
    }

    @Test
    void openingAnUnsupportedDatabaseIsAStoreException() {
        javax.sql.DataSource mysql = (javax.sql.DataSource) Proxy.newProxyInstance(DialectTest.class.getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> connectionTo("MySQL");
                    default -> throw new UnsupportedOperationException(method.getName());
                });

        assertThatThrownBy(() -> MonitorRepository.open(mysql))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("MySQL");
    }

    @Test
    void theDialectsDifferOnlyWhereTheyMust() {
        assertThat(Dialect.SQLITE.forUpdate()).isEmpty();
        assertThat(Dialect.POSTGRESQL.forUpdate()).isEqualTo(" FOR UPDATE");
        assertThat(Migration.standard(Dialect.POSTGRESQL).get(0).statements().get(1))
                .contains("seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
        assertThat(Migration.standard(Dialect.SQLITE).get(0).statements().get(1))
                .contains("seq INTEGER PRIMARY KEY AUTOINCREMENT");
    }
}
