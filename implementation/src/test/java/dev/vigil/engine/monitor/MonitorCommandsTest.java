package dev.vigil.engine.monitor;

import dev.vigil.engine.assembly.EngineAssembly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.EngineClosedException;
import dev.vigil.engine.InvalidSettingsException;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.ManualRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each command returns, rejects and changes (SPEC R1–R3, R8–R11, R13), read back through
 * the engine's API and events: the returned snapshots and booleans, input checks and their order,
 * commands after close, ticks at a fixed rate, recovery on reopen.
 */
class MonitorCommandsTest {
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

    private List<EngineEvent> delivered() {
        runtime.deliverEvents();
        return events;
    }

    private String liveOperationId() {
        return engine.diagnostics().liveOperations().getLast().id();
    }

    @Test
    void addReturnsThePausedMonitorAsStored() {
        MonitorSnapshot added = engine.add("m1", SETTINGS);

        assertThat(added).isEqualTo(new MonitorSnapshot("m1", SETTINGS, false, MonitorStatus.PAUSED, OptionalLong.empty(), 0, List.of()));
        assertThat(engine.monitor("m1")).contains(added);
    }

    @Test
    void aSecondMonitorWithTheSameIdIsRejected() {
        engine.add("m1", SETTINGS);

        assertThatThrownBy(() -> engine.add("m1", SETTINGS.withIntervalMs(20_000)))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("unique");
        assertThat(engine.monitor("m1").orElseThrow().settings()).isEqualTo(SETTINGS);
    }

    @Test
    void badIdsAreRejectedNamingTheId() {
        assertThatThrownBy(() -> engine.add(null, SETTINGS)).isInstanceOf(InvalidSettingsException.class).hasMessageContaining("id = null");
        assertThatThrownBy(() -> engine.add("-starts-with-a-dash", SETTINGS)).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("'-starts-with-a-dash'");
        assertThat(engine.monitors()).isEmpty();
    }

    @Test
    void anIntervalBelowTheEnginesMinimumIsRejectedAndTheMinimumAccepted() {
        assertThatThrownBy(() -> engine.add("m1", SETTINGS.withIntervalMs(999).withTimeoutMs(999)))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("intervalMs = 999");

        engine.add("m1", SETTINGS.withIntervalMs(1_000).withTimeoutMs(1_000));
        assertThat(engine.monitor("m1").orElseThrow().settings().intervalMs()).isEqualTo(1_000);
    }

    @Test
    void updateReturnsTheMonitorWithItsNewSettings() {
        engine.add("m1", SETTINGS);
        MonitorSettings slower = SETTINGS.withIntervalMs(60_000);

        MonitorSnapshot updated = engine.update("m1", slower);

        assertThat(updated.settings()).isEqualTo(slower);
        assertThat(updated.monitoring()).isFalse();
        assertThat(engine.monitor("m1")).contains(updated);
    }

    @Test
    void updateWhileACheckRunsCancelsItAndChecksAgainOnceItReturns() {
        engine.add("m1", SETTINGS);
        engine.start("m1");
        String before = liveOperationId();

        engine.update("m1", SETTINGS.withTimeoutMs(3_000));
        runtime.answer(before, ProbeResult.up(1, "old settings"));
        String after = runtime.openAttempts().getLast().operationId();
        runtime.answer(after, ProbeResult.down(1, "new settings"));

        assertThat(after).isNotEqualTo(before);
        assertThat(engine.history("m1")).singleElement().satisfies(record -> assertThat(record.details()).isEqualTo("new settings"));
    }

    @Test
    void everyTickAfterAnUpdateKeepsTheNewIntervalAndAnAddedIdIsRefusedTwice() {
        engine.add("m1", SETTINGS);
        assertThatThrownBy(() -> engine.add("m1", SETTINGS)).isInstanceOf(InvalidSettingsException.class);
        engine.start("m1");
        runtime.answer(liveOperationId(), ProbeResult.up(1, "HTTP 200"));
        engine.update("m1", SETTINGS.withIntervalMs(20_000));
        runtime.answer(liveOperationId(), ProbeResult.up(1, "HTTP 200")); // the check the update started

        for (int tick = 1; tick <= 3; tick++) {
            runtime.advanceBy(20_000);
            runtime.answer(liveOperationId(), ProbeResult.up(1, "HTTP 200"));
        }
        runtime.advanceBy(19_999);
        assertThat(engine.history("m1")).hasSize(2 + 3);
        assertThat(engine.diagnostics().liveOperations()).isEmpty();
    }

    @Test
    void checkNowCancelsTheRunningCheck() {
        engine.add("m1", SETTINGS);
        engine.start("m1");
        String running = liveOperationId();

        engine.checkNow("m1");

        assertThat(engine.diagnostics().liveOperations()).singleElement().satisfies(operation -> {
            assertThat(operation.id()).isEqualTo(running);
            assertThat(operation.cancelled()).isTrue();
        });
        runtime.answer(running, ProbeResult.up(1, "superseded"));
        assertThat(engine.history("m1")).isEmpty();
    }

    @Test
    void startAndStopSayWhetherTheyChangedAnything() {
        engine.add("m1", SETTINGS);

        assertThat(engine.stop("m1")).isFalse();
        assertThat(engine.start("m1")).isTrue();
        assertThat(engine.diagnostics().hasTick("m1")).isTrue();
        assertThat(engine.start("m1")).isFalse();
        assertThat(engine.stop("m1")).isTrue();
        assertThat(engine.diagnostics().hasTick("m1")).isFalse();
        assertThat(engine.stop("m1")).isFalse();
    }

    @Test
    void stopAnnouncesThePauseAndDropsAWaitingRequest() {
        engine.add("m1", SETTINGS);
        engine.start("m1");
        engine.checkNow("m1");
        assertThat(engine.diagnostics().waitingRequest("m1")).contains(true);
        delivered().clear();

        engine.stop("m1");

        assertThat(engine.diagnostics().waitingRequest("m1")).isEmpty();
        assertThat(delivered()).filteredOn(event -> !(event instanceof EngineEvent.CheckDiscarded)).containsExactly(
                new EngineEvent.MonitoringStopped("m1"),
                new EngineEvent.StatusChanged("m1", MonitorStatus.PENDING, MonitorStatus.PAUSED));
    }

    @Test
    void ticksKeepAFixedRateWhateverTheChecksTake() {
        engine.add("m1", SETTINGS);
        engine.start("m1");
        runtime.advanceBy(1_500);
        runtime.answer(liveOperationId(), ProbeResult.up(1_500, "slow"));

        runtime.advanceBy(8_500); // t = 10 s: the second tick
        runtime.answer(liveOperationId(), ProbeResult.up(1, "fast"));
        runtime.advanceBy(10_000); // t = 20 s: the third, one interval after the second was due
        runtime.answer(liveOperationId(), ProbeResult.up(1, "fast"));

        assertThat(engine.history("m1")).hasSize(3);
        assertThat(engine.diagnostics().hasTick("m1")).isTrue();
    }

    @Test
    void aReopenedEngineResumesMonitoringMonitorsWithTicks() {
        engine.add("m1", SETTINGS);
        engine.add("m2", SETTINGS);
        engine.start("m1");
        engine.close();

        ManualRuntime reopenedRuntime = new ManualRuntime();
        try (VigilEngine reopened = EngineAssembly.builder(repository).runtime(reopenedRuntime).intervalMsMin(1_000).build()) {
            assertThat(reopened.diagnostics().hasTick("m1")).isTrue();
            assertThat(reopened.diagnostics().hasTick("m2")).isFalse();
            assertThat(reopened.diagnostics().liveOperations()).singleElement().satisfies(operation -> assertThat(operation.monitorId()).isEqualTo("m1"));
        }
    }

    @Test
    void afterCloseEveryCommandIsRefusedBeforeItsInputIsChecked() {
        engine.add("m1", SETTINGS);
        engine.close();

        assertThatThrownBy(() -> engine.add("-bad-id", SETTINGS)).isInstanceOf(EngineClosedException.class);
        assertThatThrownBy(() -> engine.update("m1", SETTINGS.withIntervalMs(1_000).withTimeoutMs(2_000))).isInstanceOf(EngineClosedException.class);
        assertThatThrownBy(() -> engine.start("m1")).isInstanceOf(EngineClosedException.class);
        assertThatThrownBy(engine::startAll).isInstanceOf(EngineClosedException.class);
        assertThatThrownBy(engine::stopAll).isInstanceOf(EngineClosedException.class);
    }

    @Test
    void afterCloseAnEngineWithoutMonitorsStillRefusesStartAllAndStopAll() {
        engine.close();

        assertThatThrownBy(engine::startAll).isInstanceOf(EngineClosedException.class);
        assertThatThrownBy(engine::stopAll).isInstanceOf(EngineClosedException.class);
    }

    @Test
    void anEnginesOwnIntervalMinimumIsEnforced() {
        try (MonitorRepository own = MonitorRepository.openSqliteInMemory();
             VigilEngine strict = EngineAssembly.builder(own).runtime(new ManualRuntime()).intervalMsMin(5_000).build()) {
            assertThatThrownBy(() -> strict.add("m1", SETTINGS.withIntervalMs(4_999)))
                    .isInstanceOf(InvalidSettingsException.class)
                    .hasMessageContaining("intervalMs = 4999");
            assertThat(strict.add("m1", SETTINGS.withIntervalMs(5_000)).settings().intervalMs()).isEqualTo(5_000);
        }
    }

    @Test
    void closeAbandonsTheRunningProbeAndWritesNothing() {
        engine.add("m1", SETTINGS);
        engine.start("m1");

        engine.close();

        assertThat(runtime.openAttempts()).isEmpty();
        assertThat(repository.history("m1")).isEmpty();
        assertThat(repository.find("m1").orElseThrow().status()).isEqualTo(MonitorStatus.PENDING);
    }
}
