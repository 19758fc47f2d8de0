package dev.vigil.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.StoreTransaction;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC R12: a store transaction that fails anywhere (at its start, after some of its writes,
 * at commit) changes nothing that is persisted, and says which transaction and monitor failed.
 * Run on both shapes of connection handling, since they roll back differently: a fresh
 * connection per transaction, and one long-lived connection that must be left reusable.
 */
class StoreFailureTest {

    abstract static class FailureContract {
        @TempDir
        Path directory;

        FailingDataSource failing;
        MonitorRepository repository;

        abstract MonitorRepository open();

        void openWithMonitoringMonitor() {
            repository = open();
            repository.insert("m1", MonitorRepositoryContract.HTTP);
            repository.setMonitoring("m1", true, MonitorStatus.PENDING);
            repository.setActiveOperations("m1", List.of("op1"));
        }

        @AfterEach
        void close() {
            if (repository != null) {
                repository.close();
            }
        }

        /** Runs {@code command} with a failure armed and checks it failed and changed nothing. */
        void assertFailsAndChangesNothing(Consumer<FailingDataSource> arm, Runnable command, StoreTransaction transaction) {
            List<MonitorSnapshot> monitors = repository.findAll();
            List<CheckRecord> history = repository.history("m1");
            int injectedBefore = failing.failuresInjected();
            arm.accept(failing);

            assertThatThrownBy(command::run)
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("'" + transaction.label() + "'")
                    .satisfies(failure -> assertThat(((StoreException) failure).transaction()).contains(transaction))
                    .hasMessageContaining("injected failure")
                    .hasCauseInstanceOf(SQLException.class);

            assertThat(failing.failuresInjected()).isEqualTo(injectedBefore + 1);
            failing.reset();
            assertThat(repository.findAll()).isEqualTo(monitors);
            assertThat(repository.history("m1")).isEqualTo(history);
        }

        static CheckRecord up(String op) {
            return new CheckRecord(op, 1_000, MonitorStatus.UP, 12, "HTTP 200");
        }

        @Test
        void applyFailingAfterItsWritesAtCommitLeavesNothingHalfWritten() {
            openWithMonitoringMonitor();

            assertFailsAndChangesNothing(FailingDataSource::failOnCommit,
                    () -> repository.applyResult("m1", "op1", false, up("op1")), StoreTransaction.APPLY);

            // Still listed, still PENDING, and the same result applies once the store recovers.
            assertThat(repository.applyResult("m1", "op1", false, up("op1"))).isTrue();
            assertThat(repository.find("m1").orElseThrow().status()).isEqualTo(MonitorStatus.UP);
            assertThat(repository.history("m1")).containsExactly(up("op1"));
        }

        @Test
        void applyFailingAtTheHistoryInsertUndoesTheStatusUpdate() {
            openWithMonitoringMonitor();

            assertFailsAndChangesNothing(f -> f.failNextStatementContaining("INSERT INTO history"),
                    () -> repository.applyResult("m1", "op1", false, up("op1")), StoreTransaction.APPLY);

            assertThat(repository.find("m1").orElseThrow().status()).isEqualTo(MonitorStatus.PENDING);
            assertThat(repository.find("m1").orElseThrow().activeOperations()).containsExactly("op1");
        }

        @Test
        void applyFailingAtTheStatusUpdateWritesNoHistory() {
            openWithMonitoringMonitor();

            assertFailsAndChangesNothing(f -> f.failNextStatementContaining("UPDATE monitors"),
                    () -> repository.applyResult("m1", "op1", false, up("op1")), StoreTransaction.APPLY);
        }

        @Test
        void theMessageNamesTheMonitor() {
            openWithMonitoringMonitor();
            failing.failNextTransaction();

            assertThatThrownBy(() -> repository.applyResult("m1", "op1", false, up("op1")))
                    .hasMessageStartingWith("store transaction 'apply' of monitor 'm1' failed: injected failure");
        }

        @Test
        void deleteFailingBetweenHistoryAndMonitorKeepsBoth() {
            openWithMonitoringMonitor();
            repository.applyResult("m1", "op1", false, up("op1"));

            assertFailsAndChangesNothing(f -> f.failNextStatementContaining("DELETE FROM monitors"),
                    () -> repository.delete("m1"), StoreTransaction.DELETE);

            assertThat(repository.history("m1")).hasSize(1);
        }

        @Test
        void everyWritingMethodFailsWholeWhenItsTransactionFails() {
            openWithMonitoringMonitor();
            repository.insert("m2", MonitorRepositoryContract.TCP);
            repository.setActiveOperations("m2", List.of("op2"));

            assertFailsAndChangesNothing(FailingDataSource::failNextTransaction,
                    () -> repository.insert("m3", MonitorRepositoryContract.HTTP), StoreTransaction.INSERT);
            assertFailsAndChangesNothing(FailingDataSource::failOnCommit,
                    () -> repository.updateSettings("m1", MonitorRepositoryContract.TCP, List.of()), StoreTransaction.UPDATE_SETTINGS);
            assertFailsAndChangesNothing(FailingDataSource::failOnCommit,
                    () -> repository.updateSettings("m1", MonitorRepositoryContract.TCP, List.of()), StoreTransaction.UPDATE_SETTINGS);
            assertFailsAndChangesNothing(FailingDataSource::failOnCommit,
                    () -> repository.delete("m1"), StoreTransaction.DELETE);
            assertFailsAndChangesNothing(FailingDataSource::failOnCommit,
                    () -> repository.setMonitoring("m1", false, MonitorStatus.PAUSED), StoreTransaction.STOP);
            assertFailsAndChangesNothing(FailingDataSource::failOnCommit,
                    () -> repository.setMonitoring("m2", true, MonitorStatus.PENDING), StoreTransaction.START);
            assertFailsAndChangesNothing(FailingDataSource::failOnCommit,
                    () -> repository.setActiveOperations("m1", List.of("op9")), StoreTransaction.BEGIN_OPERATION);
            assertFailsAndChangesNothing(FailingDataSource::failOnCommit,
                    () -> repository.removeActiveOperation("m1", "op1"), StoreTransaction.UNLIST);
            assertFailsAndChangesNothing(FailingDataSource::failOnCommit,
                    () -> repository.clearAllActiveOperations(), StoreTransaction.RECOVER);

            // And each works once the store does.
            assertThat(repository.clearAllActiveOperations()).isEqualTo(2);
        }

        @Test
        void aFailedRollbackDoesNotLeaveHalfAWriteBehind() {
            openWithMonitoringMonitor();
            failing.failNextStatementContaining("INSERT INTO history");
            failing.failNextRollback();

            assertThatThrownBy(() -> repository.applyResult("m1", "op1", false, up("op1")))
                    .isInstanceOf(StoreException.class)
                    .satisfies(e -> assertThat(e.getCause().getSuppressed()).singleElement()
                            .satisfies(s -> assertThat(s).hasMessageContaining("rollback")));
            assertThat(failing.failuresInjected()).isEqualTo(2);

            // The connection in an unknown state was discarded (closing it undoes its transaction),
            // or, in memory, rolled back before the next transaction.
            MonitorSnapshot monitor = repository.find("m1").orElseThrow();
            assertThat(monitor.status()).isEqualTo(MonitorStatus.PENDING);
            assertThat(monitor.activeOperations()).containsExactly("op1");
            assertThat(repository.history("m1")).isEmpty();
            assertThat(repository.applyResult("m1", "op1", false, up("op1"))).isTrue();
        }
    }

    /** A connection per transaction from a failing data source. */
    @Nested
    class OverADataSource extends FailureContract {
        @Override
        MonitorRepository open() {
            failing = new FailingDataSource(DataSourceRepositoryTest.dataSource(directory.resolve("vigil.db")));
            return MonitorRepository.open(failing);
        }
    }

    /** The single long-lived connection of a file store, wrapped in failure switches. */
    @Nested
    class OnOneFileConnection extends FailureContract {
        final AtomicReference<Connection> current = new AtomicReference<>();

        @Override
        MonitorRepository open() {
            failing = new FailingDataSource(DataSourceRepositoryTest.dataSource(directory.resolve("unused.db")));
            return MonitorRepository.openSqliteFile(directory.resolve("vigil.db"),
                    connection -> {
                        Connection wrapped = failing.wrap(connection);
                        current.set(wrapped);
                        return wrapped;
                    },
                    Migration.standard(Dialect.SQLITE));
        }

        @Test
        void aClosedConnectionIsReopened() throws SQLException {
            openWithMonitoringMonitor();
            Connection first = current.get();
            first.close();

            assertThat(repository.applyResult("m1", "op1", false, up("op1"))).isTrue();

            assertThat(current.get()).isNotSameAs(first);
            assertThat(repository.find("m1").orElseThrow().status()).isEqualTo(MonitorStatus.UP);
        }
    }

    /** The in-memory store cannot reopen: a lost connection is a clear failure, not an empty store. */
    @Nested
    class InMemory extends FailureContract {
        final AtomicReference<Connection> current = new AtomicReference<>();

        @Override
        MonitorRepository open() {
            failing = new FailingDataSource(DataSourceRepositoryTest.dataSource(directory.resolve("unused.db")));
            return MonitorRepository.openSqliteInMemory(connection -> {
                Connection wrapped = failing.wrap(connection);
                current.set(wrapped);
                return wrapped;
            }, Migration.standard(Dialect.SQLITE));
        }

        @Test
        void aClosedConnectionFailsClearly() throws SQLException {
            openWithMonitoringMonitor();
            current.get().close();

            assertThatThrownBy(() -> repository.findAll())
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("in-memory")
                    .hasMessageContaining("gone");
        }
    }
}
