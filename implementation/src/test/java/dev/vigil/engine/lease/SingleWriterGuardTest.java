package dev.vigil.engine.lease;

import dev.vigil.engine.assembly.EngineAssembly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.EngineClosedException;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.StoreTransaction;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.spi.AttemptKey;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.store.FailingDataSource;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.ManualRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * SPEC "Nodes" N1–N2 on one SQLite file: a second engine is refused while the first holds the
 * store, takes it over once the first's lease expired, and the first, learning it at its next
 * renewal or before its next timer task, stops acting instead of running as a ghost.
 */
class SingleWriterGuardTest {
    private static final MonitorSettings SETTINGS = MonitorSettings.http("http://localhost:8080/").withIntervalMs(5_000).withTimeoutMs(1_000);
    private static final long LEASE_MS = 1_000;

    @TempDir
    Path folder;

    private Path file() {
        return folder.resolve("vigil.db");
    }

    @Test
    void aSecondEngineOnTheSameFileIsRefusedWithWhoHoldsItUntilWhenAndWhatToDo() {
        try (VigilEngine first = VigilEngine.builder().storeFile(file()).nodeId("node-a").build()) {
            first.add("m", SETTINGS);
            assertThatThrownBy(() -> VigilEngine.builder().storeFile(file()).nodeId("node-b").build())
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("another engine holds the store '" + file().toAbsolutePath() + "': node 'node-a' holds its lease until ")
                    .hasMessageContaining("so this engine (node 'node-b') was not started and changed nothing")
                    .hasMessageContaining("Close the other engine first; if it crashed, open again once its lease has expired")
                    .hasMessageContaining("multi-node");
            // The refused engine changed nothing: the first goes on as before.
            assertThat(first.nodeId()).contains("node-a");
            assertThat(first.storeLeaseLost()).isFalse();
            assertThat(first.start("m")).isTrue();
            assertThat(first.monitor("m").orElseThrow().monitoring()).isTrue();
        }
    }

    @Test
    void afterCloseAnotherEngineOpensAtOnceAndResumesTheMonitors() {
        try (VigilEngine first = VigilEngine.builder().storeFile(file()).build()) {
            first.add("m", SETTINGS);
            assertThat(first.nodeId()).hasValueSatisfying(node -> assertThat(node).startsWith("pid-" + ProcessHandle.current().pid() + "-"));
        }
        ManualRuntime runtime = new ManualRuntime();
        try (VigilEngine second = VigilEngine.builder().storeFile(file()).runtime(runtime).build()) {
            assertThat(second.monitor("m")).isPresent();
        }
    }

    @Test
    void withTheGuardOffASecondEngineOpensAsBefore() {
        try (MonitorRepository repository = MonitorRepository.openSqliteFile(file());
             VigilEngine first = EngineAssembly.builder(repository).runtime(new ManualRuntime()).singleWriterGuard(false).build();
             VigilEngine second = EngineAssembly.builder(repository).runtime(new ManualRuntime()).singleWriterGuard(false).build()) {
            assertThat(first.nodeId()).isEmpty();
            assertThat(second.nodeId()).isEmpty();
        }
    }

    @Test
    void anEngineRenewsItsLeaseOnTheRuntimesTimersSoASecondStaysRefused() throws InterruptedException {
        ManualRuntime runtime = new ManualRuntime();
        try (MonitorRepository repository = MonitorRepository.openSqliteFile(file());
             VigilEngine first = EngineAssembly.builder(repository).runtime(runtime).nodeId("a").leaseMs(LEASE_MS).build()) {
            assertThat(runtime.pendingTimers(TimerKind.LEASE_RENEWAL)).isEqualTo(1);
            for (int i = 0; i < 6; i++) {
                Thread.sleep(LEASE_MS / 3);
                runtime.advanceBy(LEASE_MS / 3);
            }
            assertThatThrownBy(() -> VigilEngine.builder().storeFile(file()).nodeId("b").build())
                    .isInstanceOf(StoreException.class).hasMessageContaining("node 'a' holds its lease");
            assertThat(first.storeLeaseLost()).isFalse();
        }
    }

    @Test
    void aCrashedEnginesExpiredLeaseIsTakenOverAndTheOldEngineStopsAtItsNextRenewal() throws InterruptedException {
        ManualRuntime runtimeA = new ManualRuntime();
        List<EngineEvent> eventsA = new ArrayList<>();
        try (MonitorRepository repositoryA = MonitorRepository.openSqliteFile(file())) {
            VigilEngine a = EngineAssembly.builder(repositoryA).runtime(runtimeA).listener(eventsA::add).nodeId("a")
                    .leaseMs(LEASE_MS).build();
            a.add("m", SETTINGS);
            a.start("m");
            // "a" is frozen (its timers do not run) past its lease, on the database's clock.
            Thread.sleep(LEASE_MS + 200);
            ManualRuntime runtimeB = new ManualRuntime();
            try (VigilEngine b = VigilEngine.builder().storeFile(file()).runtime(runtimeB).nodeId("b").leaseMs(60_000).build()) {
                assertThat(b.monitor("m").orElseThrow().monitoring()).isTrue();
                assertThat(b.diagnostics().hasTick("m")).isTrue();

                List<AttemptKey> attemptsBefore = runtimeA.openAttempts();
                runtimeA.advanceBy(SETTINGS.intervalMs()); // "a" wakes: its renewal is due before its tick
                runtimeA.deliverEvents();
                assertThat(a.storeLeaseLost()).isTrue();
                assertThat(eventsA).filteredOn(EngineEvent.StoreLeaseLost.class::isInstance).singleElement()
                        .isEqualTo(new EngineEvent.StoreLeaseLost("", "a", "b", repositoryA.leases().current().expiresAtMs()));
                assertThat(a.diagnostics().hasTick("m")).as("every tick stopped").isFalse();
                assertThat(runtimeA.openAttempts()).as("no probe started after the loss").isSubsetOf(attemptsBefore);
                assertThatThrownBy(() -> a.start("m")).isInstanceOf(EngineClosedException.class);
                runtimeA.advanceBy(10 * SETTINGS.intervalMs());
                assertThat(runtimeA.pendingTimerCount()).isZero();
                a.close();
                assertThat(b.storeLeaseLost()).as("closing the ghost does not release b's lease").isFalse();
                assertThat(repositoryA.leases().current().nodeId()).isEqualTo("b");
            }
        }
    }

    @Test
    void aPausedEngineWhoseRenewalIsLateAsksTheStoreBeforeItsOverdueTickActs() throws InterruptedException {
        ManualRuntime runtimeA = new ManualRuntime();
        try (MonitorRepository repositoryA = MonitorRepository.openSqliteFile(file())) {
            VigilEngine a = EngineAssembly.builder(repositoryA).runtime(runtimeA).nodeId("a").leaseMs(LEASE_MS).build();
            a.add("m", SETTINGS);
            a.start("m");
            runtimeA.loseTimers(TimerKind.LEASE_RENEWAL); // the renewal never comes: only the guard stands
            Thread.sleep(LEASE_MS + 200);
            try (VigilEngine b = VigilEngine.builder().storeFile(file()).runtime(new ManualRuntime()).nodeId("b").leaseMs(60_000).build()) {
                List<AttemptKey> attemptsBefore = runtimeA.openAttempts();
                runtimeA.advanceBy(SETTINGS.intervalMs()); // the overdue tick fires first
                assertThat(a.storeLeaseLost()).isTrue();
                assertThat(runtimeA.openAttempts()).as("the tick did not probe").isSubsetOf(attemptsBefore);
                assertThat(a.diagnostics().hasTick("m")).isFalse();
                assertThat(b.diagnostics().hasTick("m")).isTrue();
                a.close();
            }
        }
    }

    @Test
    void aPausedEngineThatNobodyReplacedRenewsAndGoesOn() throws InterruptedException {
        ManualRuntime runtime = new ManualRuntime();
        try (MonitorRepository repository = MonitorRepository.openSqliteFile(file());
             VigilEngine a = EngineAssembly.builder(repository).runtime(runtime).nodeId("a").leaseMs(LEASE_MS).build()) {
            a.add("m", SETTINGS);
            a.start("m");
            Thread.sleep(LEASE_MS + 200);
            runtime.advanceBy(SETTINGS.intervalMs());
            assertThat(a.storeLeaseLost()).isFalse();
            assertThat(a.diagnostics().hasTick("m")).isTrue();
            assertThat(repository.leases().current().expiresAtMs()).isGreaterThan(System.currentTimeMillis());
        }
    }

    @Test
    void aFailedRenewalIsReportedAndDoesNotStopTheEngineAndTheNextOneKeepsTheLease() {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + file().toAbsolutePath());
        FailingDataSource failing = new FailingDataSource(sqlite);
        ManualRuntime runtime = new ManualRuntime();
        List<EngineEvent> events = new ArrayList<>();
        try (VigilEngine a = VigilEngine.builder().dataSource(failing).runtime(runtime).listener(events::add).nodeId("a")
                .leaseMs(LEASE_MS).build()) {
            a.add("m", SETTINGS);
            a.start("m");
            failing.failNextTransaction();
            runtime.advanceBy(LEASE_MS / 3); // the renewal, and nothing else, is due
            runtime.deliverEvents();
            assertThat(events).filteredOn(EngineEvent.StoreFailed.class::isInstance).singleElement()
                    .isInstanceOfSatisfying(EngineEvent.StoreFailed.class, failed -> assertThat(failed.transaction()).isEqualTo(StoreTransaction.RENEW_LEASE));
            assertThat(a.storeLeaseLost()).isFalse();
            assertThat(a.diagnostics().hasTick("m")).isTrue();

            runtime.advanceBy(LEASE_MS / 3);
            assertThat(a.storeLeaseLost()).isFalse();
            assertThatThrownBy(() -> VigilEngine.builder().storeFile(file()).nodeId("b").build())
                    .isInstanceOf(StoreException.class).hasMessageContaining("node 'a' holds its lease");
        }
    }

    @Test
    void theLeaseBoundsAndTheNodeIdAreValidated() {
        assertThatThrownBy(() -> VigilEngine.builder().leaseMs(999)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leaseMs = 999 must be within 1000 … 600000");
        assertThatThrownBy(() -> VigilEngine.builder().nodeId(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
