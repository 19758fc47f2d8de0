package dev.vigil.engine.monitor;

import dev.vigil.engine.assembly.EngineAssembly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.InvalidSettingsException;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.UnknownMonitorException;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.ManualRuntime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC R1–R11 on the real engine parts, driven by hand on a manual runtime and an in-memory store. */
class MonitorLifecycleTest {
    private static final MonitorSettings SETTINGS = MonitorSettings.http("http://localhost:8080/").withIntervalMs(10_000).withTimeoutMs(2_000);

    private final ManualRuntime runtime = new ManualRuntime();
    private final List<EngineEvent> events = new ArrayList<>();
    private MonitorRepository repository;
    private VigilEngine engine;

    @BeforeEach
    void open() {
        repository = MonitorRepository.openSqliteInMemory();
        engine = EngineAssembly.builder(repository).runtime(runtime).listener(events::add).intervalMsMin(1_000).build();
    }

    @AfterEach
    void close() {
        engine.close();
        repository.close();
    }

    /** The events delivered so far: the event thread catches up first. */
    private List<EngineEvent> delivered() {
        runtime.deliverEvents();
        return events;
    }

    private List<EngineEvent> contractEvents() {
        return delivered().stream().filter(event -> !(event instanceof EngineEvent.CheckDiscarded)).toList();
    }

    @Test
    void aTimeoutLongerThanTheIntervalIsRejectedOnAddAndUpdateAndNothingIsStored() {
        MonitorSettings slow = SETTINGS.withIntervalMs(5_000).withTimeoutMs(5_001);
        assertThatThrownBy(() -> engine.add("m1", slow))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("timeoutMs = 5001 is invalid: allowed 1000 … intervalMs (5000): an attempt may not take longer"
                        + " than the interval between checks");
        assertThat(engine.monitors()).isEmpty();

        engine.add("m1", SETTINGS.withIntervalMs(5_000).withTimeoutMs(5_000));
        assertThatThrownBy(() -> engine.update("m1", slow)).isInstanceOf(InvalidSettingsException.class);
        assertThat(engine.monitor("m1").orElseThrow().settings().timeoutMs()).isEqualTo(5_000);
    }

    @Test
    void anEngineBuiltToAllowItAcceptsATimeoutLongerThanTheInterval() {
        try (MonitorRepository own = MonitorRepository.openSqliteInMemory();
             VigilEngine allowing = EngineAssembly.builder(own).runtime(new ManualRuntime()).intervalMsMin(1_000)
                     .timeoutOverIntervalAllowed(true).build()) {
            allowing.add("m1", SETTINGS.withIntervalMs(1_000).withTimeoutMs(5_000));
            assertThat(allowing.monitor("m1")).isPresent();
        }
    }

    @Test
    void historyOfAnUnknownMonitorThrowsLikeEveryCommand() {
        assertThatThrownBy(() -> engine.history("nope")).isInstanceOf(UnknownMonitorException.class)
                .hasMessage("no monitor with id 'nope'");
        engine.add("m1", SETTINGS);
        assertThat(engine.history("m1")).isEmpty();
        engine.remove("m1");
        assertThatThrownBy(() -> engine.history("m1")).isInstanceOf(UnknownMonitorException.class);
    }

    @Test
    void addStoresAPausedMonitorAndRejectsBadInput() {
        engine.add("m1", SETTINGS);

        assertThat(engine.monitor("m1")).hasValueSatisfying(monitor -> {
            assertThat(monitor.monitoring()).isFalse();
            assertThat(monitor.status()).isEqualTo(MonitorStatus.PAUSED);
            assertThat(monitor.activeOperations()).isEmpty();
        });
        assertThatThrownBy(() -> engine.add("m1", SETTINGS)).isInstanceOf(InvalidSettingsException.class).hasMessageContaining("unique");
        assertThatThrownBy(() -> engine.add(" ", SETTINGS)).isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("id = ' '");
        assertThatThrownBy(() -> engine.start("nope")).isInstanceOf(UnknownMonitorException.class);
        assertThat(engine.monitors()).hasSize(1);
    }

    @Test
    void startChecksAtOnceThenEveryInterval() {
        engine.add("m1", SETTINGS);
        assertThat(engine.start("m1")).isTrue();
        assertThat(engine.start("m1")).isFalse();

        assertThat(engine.diagnostics().liveOperations()).singleElement().satisfies(op -> assertThat(op.id()).isEqualTo("op-1"));
        assertThat(engine.monitor("m1").orElseThrow().activeOperations()).containsExactly("op-1");
        runtime.answer("op-1", ProbeResult.up(12, "HTTP 200"));

        assertThat(engine.monitor("m1").orElseThrow().status()).isEqualTo(MonitorStatus.UP);
        assertThat(engine.history("m1")).singleElement().satisfies(record -> assertThat(record.operationId()).isEqualTo("op-1"));
        assertThat(contractEvents()).containsExactly(
                new EngineEvent.MonitoringStarted("m1"),
                new EngineEvent.StatusChanged("m1", MonitorStatus.PAUSED, MonitorStatus.PENDING),
                new EngineEvent.CheckCompleted("m1", "op-1", MonitorStatus.UP, 12, "HTTP 200", false),
                new EngineEvent.StatusChanged("m1", MonitorStatus.PENDING, MonitorStatus.UP));

        runtime.advanceBy(10_000);
        assertThat(engine.diagnostics().liveOperations()).singleElement().satisfies(op -> assertThat(op.id()).isEqualTo("op-2"));
    }

    @Test
    void stopWhileACheckIsInFlightDiscardsItsLateResult() {
        engine.add("m1", SETTINGS);
        engine.start("m1");
        engine.stop("m1");
        delivered().clear();

        runtime.answer("op-1", ProbeResult.up(5, "HTTP 200"));

        assertThat(engine.monitor("m1").orElseThrow().status()).isEqualTo(MonitorStatus.PAUSED);
        assertThat(engine.history("m1")).isEmpty();
        assertThat(contractEvents()).isEmpty();
        assertThat(delivered()).singleElement().isInstanceOf(EngineEvent.CheckDiscarded.class);
        assertThat(engine.diagnostics().liveOperations()).isEmpty();
        assertThat(runtime.pendingMonitorTimerCount()).isZero();
    }

    @Test
    void aRequestWhileACancelledProbeIsOutWaitsForIt() {
        engine.add("m1", SETTINGS);
        engine.start("m1");
        engine.checkNow("m1");

        assertThat(engine.diagnostics().liveOperations()).singleElement().satisfies(op -> assertThat(op.cancelled()).isTrue());
        assertThat(engine.diagnostics().waitingRequest("m1")).contains(true);

        runtime.answer("op-1", ProbeResult.up(5, "late"));

        assertThat(engine.diagnostics().waitingRequest("m1")).isEmpty();
        assertThat(engine.diagnostics().liveOperations()).singleElement().satisfies(op -> {
            assertThat(op.id()).isEqualTo("op-2");
            assertThat(op.manual()).isTrue();
        });
        assertThat(engine.history("m1")).isEmpty();
    }

    @Test
    void aTickWhileACheckRunsIsSkipped() {
        // Within the rules (timeout ≤ interval), a retry still carries a check past the next tick:
        // attempt 1 times out at 6 s, attempt 2 runs from 6.5 s to 12.5 s, the tick is at 10 s.
        engine.add("m1", SETTINGS.withTimeoutMs(6_000).withRetryAttempts(1));
        engine.start("m1");
        runtime.advanceBy(10_000);

        assertThat(engine.diagnostics().skippedTicks()).isEqualTo(1);
        assertThat(engine.diagnostics().liveOperations()).hasSize(1);
    }

    @Test
    void failedAttemptsAreRetriedAfterBackoffAndTheLastFailureIsTheResult() {
        engine.add("m1", SETTINGS.withRetryAttempts(2));
        engine.start("m1");

        runtime.answer("op-1", ProbeResult.down(3, "HTTP 503"));
        assertThat(runtime.pendingTimers(TimerKind.RETRY)).isEqualTo(1);
        runtime.advanceBy(500);
        runtime.advanceBy(2_000); // attempt 2 times out
        runtime.advanceBy(1_000);
        runtime.answer("op-1", ProbeResult.down(4, "HTTP 500"));

        assertThat(engine.monitor("m1").orElseThrow().status()).isEqualTo(MonitorStatus.DOWN);
        assertThat(engine.history("m1")).singleElement().satisfies(record -> assertThat(record.details()).isEqualTo("HTTP 500"));
        assertThat(engine.diagnostics().liveOperations()).isEmpty();
        assertThat(runtime.pendingTimers(TimerKind.DEADLINE)).isZero();
    }

    @Test
    void aManualCheckOnAPausedMonitorRecordsHistoryButKeepsItPaused() {
        engine.add("m1", SETTINGS);
        engine.checkNow("m1");
        runtime.answer("op-1", ProbeResult.up(7, "HTTP 200"));

        assertThat(engine.monitor("m1").orElseThrow().status()).isEqualTo(MonitorStatus.PAUSED);
        assertThat(engine.history("m1")).hasSize(1);
        assertThat(contractEvents()).containsExactly(new EngineEvent.CheckCompleted("m1", "op-1", MonitorStatus.UP, 7, "HTTP 200", true));
    }

    @Test
    void updateOnAMonitoringMonitorCancelsAndRechecksKeepingStatus() {
        engine.add("m1", SETTINGS);
        engine.start("m1");
        runtime.answer("op-1", ProbeResult.up(1, "ok"));

        engine.update("m1", SETTINGS.withIntervalMs(20_000));

        assertThat(engine.monitor("m1").orElseThrow().settings().intervalMs()).isEqualTo(20_000);
        assertThat(engine.monitor("m1").orElseThrow().status()).isEqualTo(MonitorStatus.UP);
        assertThat(engine.diagnostics().liveOperations()).singleElement().satisfies(op -> assertThat(op.id()).isEqualTo("op-2"));
        runtime.answer("op-2", ProbeResult.up(1, "ok"));
        runtime.advanceBy(19_999);
        assertThat(engine.diagnostics().liveOperations()).isEmpty();
        runtime.advanceBy(1);
        assertThat(engine.diagnostics().liveOperations()).hasSize(1);
    }

    @Test
    void removeDeletesEverythingAndLateResultsAreDiscarded() {
        engine.add("m1", SETTINGS);
        engine.start("m1");
        engine.remove("m1");

        // Removing forgets the operation and abandons its probe: a late return has nowhere to go.
        assertThat(runtime.openAttempts()).isEmpty();

        assertThat(engine.monitor("m1")).isEmpty();
        assertThat(repository.history("m1")).isEmpty();
        assertThat(engine.diagnostics().liveOperations()).isEmpty();
        assertThat(runtime.pendingMonitorTimerCount()).isZero();
    }

    @Test
    void startAllAndStopAllGoInAscendingIdOrder() {
        engine.add("b", SETTINGS);
        engine.add("a", SETTINGS);

        assertThat(engine.startAll()).isEqualTo(2);
        assertThat(contractEvents()).filteredOn(EngineEvent.MonitoringStarted.class::isInstance)
                .extracting(EngineEvent::monitorId).containsExactly("a", "b");
        assertThat(engine.stopAll()).isEqualTo(2);
        assertThat(engine.monitors()).allSatisfy(monitor -> assertThat(monitor.status()).isEqualTo(MonitorStatus.PAUSED));
        assertThat(engine.diagnostics().liveOperations()).allSatisfy(op -> assertThat(op.cancelled()).isTrue());
    }

    @Test
    void theDeadlineFreesAMonitorWhoseAttemptTimersNeverFire() {
        // A composition whose attempt timer is lost is what R7 guards against; here the probe's
        // attempt timer fires normally, so the deadline must never be the one to decide.
        engine.add("m1", SETTINGS.withRetryAttempts(1));
        engine.start("m1");
        runtime.advanceBy(2_000);
        runtime.advanceBy(500);
        runtime.advanceBy(2_000);

        assertThat(engine.history("m1")).singleElement().satisfies(record -> assertThat(record.details()).isEqualTo("timed out after 2000 ms"));
        assertThat(runtime.pendingTimers(TimerKind.DEADLINE)).isZero();
    }
}
