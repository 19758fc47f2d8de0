package dev.vigil.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.ManualRuntime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC R7, the safety net behind the attempt timers: when those are lost (a stalled scheduler),
 * the operation's deadline concludes it. Both checkers, the enhanced one and its fallback.
 */
class DeadlineTest {
    private static final MonitorSettings SETTINGS = MonitorSettings.http("http://localhost:8080/").withIntervalMs(10_000).withTimeoutMs(2_000)
            .withRetryAttempts(0);
    /** The deadline: one attempt of 2 s plus 5 s of slack. */
    private static final long DEADLINE_MS = 7_000;
    /** Past the deadline, before the next tick. */
    private static final long PAST_DEADLINE_MS = 9_000;

    private final ManualRuntime runtime = new ManualRuntime();
    private final MonitorRepository repository = MonitorRepository.openSqliteInMemory();
    private final List<EngineEvent> events = new ArrayList<>();
    private VigilEngine engine;

    @AfterEach
    void close() {
        engine.close();
        repository.close();
    }

    private void build(boolean fallback) {
        engine = BothCheckers.builder(repository, runtime, fallback).listener(events::add).build();
        engine.add("m1", SETTINGS);
        runtime.advanceBy(5_000); // the operation's start is not time zero
    }

    @ParameterizedTest(name = "fallback = {0}")
    @ValueSource(booleans = {false, true})
    void anActiveOperationPastItsDeadlineConcludesDown(boolean fallback) {
        build(fallback);
        engine.start("m1");
        runtime.loseTimers(TimerKind.ATTEMPT_TIMEOUT);

        runtime.advanceBy(PAST_DEADLINE_MS);

        assertThat(engine.history("m1")).singleElement().satisfies(record -> {
            assertThat(record.status()).isEqualTo(MonitorStatus.DOWN);
            assertThat(record.details()).isEqualTo("operation deadline exceeded");
            assertThat(record.responseTimeMs()).isBetween(2_000L, PAST_DEADLINE_MS);
        });
        assertThat(engine.monitor("m1").orElseThrow().status()).isEqualTo(MonitorStatus.DOWN);
        assertThat(engine.diagnostics().liveOperations()).isEmpty();
        assertThat(runtime.pendingTimers(TimerKind.DEADLINE)).isZero();
    }

    @ParameterizedTest(name = "fallback = {0}")
    @ValueSource(booleans = {false, true})
    void aCancelledOperationPastItsDeadlineLeavesAndTheWaitingRequestStarts(boolean fallback) {
        build(fallback);
        engine.start("m1");
        String cancelled = runtime.openAttempts().getLast().operationId();
        engine.checkNow("m1"); // cancels it; the manual request waits for its probe
        runtime.loseTimers(TimerKind.ATTEMPT_TIMEOUT);

        runtime.advanceBy(DEADLINE_MS); // exactly: the started request's own attempt is not yet due
        runtime.deliverEvents();

        assertThat(events).contains(new EngineEvent.CheckDiscarded("m1", cancelled, "deadline passed after cancel"));
        assertThat(engine.history("m1")).isEmpty();
        assertThat(engine.diagnostics().waitingRequest("m1")).isEmpty();
        assertThat(engine.diagnostics().liveOperations()).singleElement().satisfies(operation -> {
            assertThat(operation.id()).isNotEqualTo(cancelled);
            assertThat(operation.manual()).isTrue();
        });
        assertThat(engine.monitor("m1").orElseThrow().activeOperations()).doesNotContain(cancelled);
    }
}
