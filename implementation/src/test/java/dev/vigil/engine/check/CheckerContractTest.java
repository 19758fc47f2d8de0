package dev.vigil.engine.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.outbox.EventPublisher;
import dev.vigil.engine.lane.MonitorLanes;
import dev.vigil.engine.operation.MonitorOperationRegistry;
import dev.vigil.engine.status.MonitorTable;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.ManualRuntime;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A checker on its own, as the manager calls it: each command needs the monitor's lane (a caller
 * without it is a bug and fails loudly), and a request starts a check only for an existing monitor
 * that is monitoring (or for a manual request), and never after shutdown. Both checkers.
 */
class CheckerContractTest {
    private static final MonitorSettings SETTINGS = MonitorSettings.http("http://localhost:8080/").withIntervalMs(10_000).withTimeoutMs(2_000);

    private final ManualRuntime runtime = new ManualRuntime();
    private final MonitorRepository repository = MonitorRepository.openSqliteInMemory();
    private final MonitorTable monitors = new MonitorTable();
    private final MonitorLanes lanes = new MonitorLanes();
    private MonitorChecker checker;

    @AfterEach
    void close() {
        checker.shutdown();
        repository.close();
    }

    private void compose(boolean fallback, boolean monitoring) {
        repository.insert("m1", SETTINGS);
        repository.setMonitoring("m1", monitoring, monitoring ? MonitorStatus.PENDING : MonitorStatus.PAUSED);
        monitors.put(repository.find("m1").orElseThrow());
        EventPublisher events = new EventPublisher(List.of(), runtime.listeners(), lanes, runtime.clock());
        CheckerContext context = new CheckerContext(runtime, repository, monitors, events, lanes,
                new MonitorOperationRegistry(runtime.operationIds()), new CheckWaiters(events));
        Function<CheckerContext, MonitorChecker> create = fallback
                ? EnhancedMonitoringServiceFactory::composeFallback
                : EnhancedMonitoringServiceFactory::composeEnhanced;
        checker = create.apply(context);
    }

    private void inLane(Runnable command) {
        lanes.run("m1", command);
    }

    @ParameterizedTest(name = "fallback = {0}")
    @ValueSource(booleans = {false, true})
    void everyCommandWithoutTheLaneFailsLoudly(boolean fallback) {
        compose(fallback, true);

        assertThatThrownBy(() -> checker.requestCheck("m1", false)).isInstanceOf(IllegalStateException.class).hasMessageContaining("lane");
        assertThatThrownBy(() -> checker.cancelOperations("m1")).isInstanceOf(IllegalStateException.class).hasMessageContaining("lane");
        assertThatThrownBy(() -> checker.forgetMonitor("m1")).isInstanceOf(IllegalStateException.class).hasMessageContaining("lane");
        assertThat(runtime.openAttempts()).isEmpty();
    }

    @ParameterizedTest(name = "fallback = {0}")
    @ValueSource(booleans = {false, true})
    void aScheduledRequestOfAPausedMonitorStartsNothingAManualOneDoes(boolean fallback) {
        compose(fallback, false);

        inLane(() -> checker.requestCheck("m1", false));
        assertThat(runtime.openAttempts()).isEmpty();
        assertThat(checker.liveOperations()).isEmpty();

        inLane(() -> checker.requestCheck("m1", true));
        assertThat(runtime.openAttempts()).hasSize(1);
    }

    @ParameterizedTest(name = "fallback = {0}")
    @ValueSource(booleans = {false, true})
    void aRequestForAMonitorNotInTheViewStartsNothing(boolean fallback) {
        compose(fallback, true);
        monitors.remove("m1");

        inLane(() -> checker.requestCheck("m1", true));

        assertThat(runtime.openAttempts()).isEmpty();
        assertThat(checker.liveOperations()).isEmpty();
    }

    @ParameterizedTest(name = "fallback = {0}")
    @ValueSource(booleans = {false, true})
    void afterShutdownARequestStartsNothing(boolean fallback) {
        compose(fallback, true);
        checker.shutdown();

        inLane(() -> checker.requestCheck("m1", true));

        assertThat(runtime.openAttempts()).isEmpty();
        assertThat(checker.liveOperations()).isEmpty();
    }
}
