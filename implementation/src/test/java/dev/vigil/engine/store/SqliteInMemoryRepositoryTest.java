package dev.vigil.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The contract on {@link MonitorRepository#openSqliteInMemory}. Raw SQL reaches the private
 * database through the connection the repository opened (captured on the way in); the tests
 * are single-threaded, so it is never used by both at once.
 */
class SqliteInMemoryRepositoryTest extends MonitorRepositoryContract {
    private Connection captured;

    @Override
    protected MonitorRepository create() {
        return MonitorRepository.openSqliteInMemory(connection -> captured = connection,
                Migration.standard(Dialect.SQLITE));
    }

    @Override
    protected boolean canReopen() {
        return false;
    }

    @Override
    protected MonitorRepository reopen() {
        throw new UnsupportedOperationException("an in-memory database does not outlive its repository");
    }

    @Override
    protected void executeRaw(String sql) {
        try (Statement statement = captured.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eachInMemoryRepositoryIsPrivate() {
        repository.insert("m1", HTTP);

        try (MonitorRepository other = MonitorRepository.openSqliteInMemory()) {
            assertThat(other.findAll()).isEmpty();
        }
        assertThat(repository.findAll()).hasSize(1);
    }
}
