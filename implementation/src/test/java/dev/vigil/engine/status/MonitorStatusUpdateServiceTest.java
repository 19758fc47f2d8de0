package dev.vigil.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.StoreTransaction;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.outbox.EventPublisher;
import dev.vigil.engine.lane.MonitorLanes;
import dev.vigil.engine.operation.Operation;
import dev.vigil.engine.operation.OperationState;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.store.FailingDataSource;
import dev.vigil.engine.store.MonitorRepository;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

/**
 * SPEC R6 on the apply path alone: each refusal with its reason and nothing written, the
 * compare-and-set's own refusal, a failed transaction, and what a committed result changes in
 * the store, the in-memory view and the events.
 */
class MonitorStatusUpdateServiceTest {
    private static final MonitorSettings SETTINGS = MonitorSettings.http("http://localhost:8080/");
    private static final long WALL_TIME_MS = 1_700_000_123_000L;

    /** Only its failure switches are used: the store's one connection is wrapped in them. */
    private final FailingDataSource failing = new FailingDataSource(new SQLiteDataSource());
    private final MonitorTable monitors = new MonitorTable();
    private final List<EngineEvent> events = new ArrayList<>();
    private final EngineClock clock = new EngineClock() {
        @Override
        public long monotonicMs() {
            return 5_000;
        }

        @Override
        public long wallTimeMs() {
            return WALL_TIME_MS;
        }
    };
    private boolean active = true;
    private MonitorRepository repository;
    private MonitorStatusUpdateService service;

    @BeforeEach
    void open() {
        repository = MonitorRepository.openSqliteInMemory(failing::wrap);
        repository.insert("m1", SETTINGS);
        // Delivered at once: these tests hold no lane.
        EventPublisher publisher = new EventPublisher(List.of(events::add), Runnable::run, new MonitorLanes(), EngineClock.system());
        service = new MonitorStatusUpdateService((operationId, monitorId) -> active, monitors, repository, publisher, clock);
    }

    @AfterEach
    void close() {
        repository.close();
    }

    /** m1 stored and in memory: monitoring or paused, listing {@code operationId}. */
    private Operation listed(boolean monitoring, String operationId, boolean manual) {
        repository.setMonitoring("m1", monitoring, monitoring ? MonitorStatus.PENDING : MonitorStatus.PAUSED);
        repository.setActiveOperations("m1", List.of(operationId));
        monitors.put(repository.find("m1").orElseThrow());
        return new Operation(operationId, "m1", 0, 10_000, manual, OperationState.ACTIVE);
    }

    private MonitorSnapshot stored() {
        return repository.find("m1").orElseThrow();
    }

    private void assertNothingWritten(MonitorSnapshot storedBefore, MonitorSnapshot inMemoryBefore) {
        assertThat(stored()).isEqualTo(storedBefore);
        assertThat(repository.history("m1")).isEmpty();
        assertThat(monitors.get("m1")).contains(inMemoryBefore);
        assertThat(events).isEmpty();
    }

    @Test
    void aResultLandsInTheStoreTheViewAndTheEvents() {
        Operation operation = listed(true, "op-1", false);

        ApplyOutcome outcome = service.apply(operation, ProbeResult.up(12, "HTTP 200"));

        CheckRecord record = new CheckRecord("op-1", WALL_TIME_MS, MonitorStatus.UP, 12, "HTTP 200");
        assertThat(outcome).isEqualTo(new ApplyOutcome.Applied(record));
        assertThat(repository.history("m1")).containsExactly(record);
        assertThat(stored().status()).isEqualTo(MonitorStatus.UP);
        assertThat(stored().activeOperations()).isEmpty();
        assertThat(monitors.get("m1")).contains(stored());
        assertThat(events).containsExactly(
                new EngineEvent.CheckCompleted("m1", "op-1", MonitorStatus.UP, 12, "HTTP 200", false),
                new EngineEvent.StatusChanged("m1", MonitorStatus.PENDING, MonitorStatus.UP));
    }

    @Test
    void aResultThatKeepsTheStatusChangesNoStatus() {
        service.apply(listed(true, "op-1", false), ProbeResult.down(3, "refused"));
        events.clear();

        repository.setActiveOperations("m1", List.of("op-2"));
        monitors.put(stored());
        Operation next = new Operation("op-2", "m1", 0, 10_000, false, OperationState.ACTIVE);

        ApplyOutcome outcome = service.apply(next, ProbeResult.down(4, "refused again"));

        assertThat(outcome).isInstanceOf(ApplyOutcome.Applied.class);
        assertThat(events).containsExactly(new EngineEvent.CheckCompleted("m1", "op-2", MonitorStatus.DOWN, 4, "refused again", false));
        assertThat(monitors.get("m1").orElseThrow().status()).isEqualTo(MonitorStatus.DOWN);
    }

    @Test
    void anOperationThatIsNotActiveIsDiscardedFirst() {
        Operation operation = listed(true, "op-1", false);
        active = false;
        MonitorSnapshot before = stored();

        assertThat(service.apply(operation, ProbeResult.up(1, "late"))).isEqualTo(new ApplyOutcome.Discarded("operation is not ACTIVE"));
        assertNothingWritten(before, before);
    }

    @Test
    void aRemovedMonitorDiscardsTheResult() {
        Operation operation = listed(true, "op-1", false);
        monitors.remove("m1");

        assertThat(service.apply(operation, ProbeResult.up(1, "late"))).isEqualTo(new ApplyOutcome.Discarded("monitor was removed"));
        assertThat(repository.history("m1")).isEmpty();
        assertThat(monitors.contains("m1")).isFalse();
        assertThat(events).isEmpty();
    }

    @Test
    void anOperationTheMonitorDoesNotListIsDiscarded() {
        listed(true, "op-2", false);
        Operation unlisted = new Operation("op-1", "m1", 0, 10_000, false, OperationState.ACTIVE);
        MonitorSnapshot before = stored();

        assertThat(service.apply(unlisted, ProbeResult.up(1, "stale"))).isEqualTo(new ApplyOutcome.Discarded("monitor does not list the operation"));
        assertNothingWritten(before, before);
    }

    @Test
    void aPausedMonitorDiscardsAScheduledResult() {
        Operation operation = listed(false, "op-1", false);
        MonitorSnapshot before = stored();

        assertThat(service.apply(operation, ProbeResult.up(1, "late"))).isEqualTo(new ApplyOutcome.Discarded("monitor is paused"));
        assertNothingWritten(before, before);
    }

    @Test
    void aPausedMonitorTakesAManualResultAndStaysPaused() {
        Operation operation = listed(false, "op-1", true);

        ApplyOutcome outcome = service.apply(operation, ProbeResult.down(9, "HTTP 503"));

        assertThat(outcome).isInstanceOf(ApplyOutcome.Applied.class);
        assertThat(repository.history("m1")).hasSize(1);
        assertThat(stored().status()).isEqualTo(MonitorStatus.PAUSED);
        assertThat(monitors.get("m1")).contains(stored());
        assertThat(events).containsExactly(new EngineEvent.CheckCompleted("m1", "op-1", MonitorStatus.DOWN, 9, "HTTP 503", true));
    }

    @Test
    void theStoresCompareAndSetHasTheLastWord() {
        // The view lists op-1, the store no longer does: written past this engine.
        Operation operation = listed(true, "op-1", false);
        MonitorSnapshot inMemory = monitors.get("m1").orElseThrow();
        repository.setActiveOperations("m1", List.of());
        MonitorSnapshot before = stored();

        assertThat(service.apply(operation, ProbeResult.up(1, "HTTP 200")))
                .isEqualTo(new ApplyOutcome.Discarded("the store's compare-and-set refused it"));
        assertNothingWritten(before, inMemory);
    }

    @Test
    void aFailedTransactionIsReportedAndChangesNothing() {
        Operation operation = listed(true, "op-1", false);
        MonitorSnapshot before = stored();
        failing.failOnCommit();

        ApplyOutcome outcome = service.apply(operation, ProbeResult.up(1, "HTTP 200"));

        assertThat(outcome).isInstanceOfSatisfying(ApplyOutcome.Failed.class,
                failed -> assertThat(failed.failure()).hasMessageContaining("injected failure"));
        assertThat(stored()).isEqualTo(before);
        assertThat(repository.history("m1")).isEmpty();
        assertThat(monitors.get("m1")).contains(before);
        assertThat(events).singleElement().isInstanceOfSatisfying(EngineEvent.StoreFailed.class, failed -> {
            assertThat(failed.monitorId()).isEqualTo("m1");
            assertThat(failed.transaction()).isEqualTo(StoreTransaction.APPLY);
        });
    }
}
