package dev.vigil.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.OperationIdExhaustedException;
import dev.vigil.engine.StoreTransaction;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.OperationIdSource;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.store.FailingDataSource;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.ManualRuntime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteDataSource;

/**
 * Paths of both checkers (the enhanced one and its fallback) that the lifecycle tests do not
 * take: a cancel during a retry back-off (R5), a restart while the cancelled probe is still out
 * (R4), and a begin transaction that fails (R12).
 */
class CheckerPathsTest {
    private static final MonitorSettings SETTINGS = MonitorSettings.http("http://localhost:8080/").withIntervalMs(10_000).withTimeoutMs(2_000);

    private final ManualRuntime runtime = new ManualRuntime();
    /** Only its failure switches are used: the store's one connection is wrapped in them. */
    private final FailingDataSource failing = new FailingDataSource(new SQLiteDataSource());
    private final MonitorRepository repository = MonitorRepository.openSqliteInMemory(failing::wrap);
    private final List<EngineEvent> events = new ArrayList<>();
    private VigilEngine engine;

    @AfterEach
    void close() {
        engine.close();
        repository.close();
    }

    private void build(boolean fallback, MonitorSettings settings) {
        engine = BothCheckers.builder(repository, runtime, fallback).listener(events::add)
                // No lease: its renewals would take the failures these tests inject into the checker's transactions.
                .singleWriterGuard(false)
                .build();
        engine.add("m1", settings);
    }

    private String runningOperation() {
        return runtime.openAttempts().getLast().operationId();
    }

    private List<EngineEvent> delivered() {
        runtime.deliverEvents();
        return events;
    }

    @ParameterizedTest(name = "fallback = {0}")
    @ValueSource(booleans = {false, true})
    void aCheckThatFindsNoFreshOperationIdDoesNotBeginAndItsCallerFailsWithTheExhaustion(boolean fallback) {
        build(fallback, SETTINGS);
        runtime.blankIds(OperationIdSource.CANDIDATES_PER_OPERATION_MAX);

        assertThat(engine.start("m1")).isTrue();

        assertThat(runtime.openAttempts()).isEmpty();
        assertThat(engine.diagnostics().liveOperations()).isEmpty();
        assertThat(engine.monitor("m1").orElseThrow().status()).isEqualTo(MonitorStatus.PENDING);
        assertThat(engine.monitor("m1").orElseThrow().activeOperations()).isEmpty();
        runtime.blankIds(OperationIdSource.CANDIDATES_PER_OPERATION_MAX);
        var caller = engine.checkNow("m1").toCompletableFuture();
        runtime.deliverEvents();
        assertThat(caller).isCompletedExceptionally();
        assertThat(caller.handle((record, failure) -> failure).join()).hasCauseInstanceOf(OperationIdExhaustedException.class);
        // One refused candidate fewer: the last one the engine asks for is fresh, and the tick's check begins.
        runtime.blankIds(OperationIdSource.CANDIDATES_PER_OPERATION_MAX - 1);
        runtime.advanceBy(SETTINGS.intervalMs());
        assertThat(runtime.openAttempts()).hasSize(1);
        assertThat(engine.monitor("m1").orElseThrow().activeOperations()).containsExactly(runningOperation());
    }

    @ParameterizedTest(name = "fallback = {0}")
    @ValueSource(booleans = {false, true})
    void aStopDuringARetryBackOffEndsTheOperationAtOnce(boolean fallback) {
        build(fallback, SETTINGS.withRetryAttempts(1));
        engine.start("m1");
        String operation = runningOperation();
        runtime.answer(operation, ProbeResult.down(5, "refused"));
        assertThat(runtime.pendingTimers(TimerKind.RETRY)).isEqualTo(1);

        engine.stop("m1");

        assertThat(engine.diagnostics().liveOperations()).isEmpty();
        assertThat(runtime.pendingTimers(TimerKind.RETRY)).isZero();
        assertThat(delivered()).contains(new EngineEvent.CheckDiscarded("m1", operation, "cancelled between attempts"));
        assertThat(engine.monitor("m1").orElseThrow().activeOperations()).isEmpty();
        runtime.advanceBy(5_000);
        assertThat(runtime.openAttempts()).isEmpty();
        assertThat(engine.history("m1")).isEmpty();
    }

    @ParameterizedTest(name = "fallback = {0}")
    @ValueSource(booleans = {false, true})
    void aRestartWhileTheCancelledProbeIsOutChecksOnceItReturns(boolean fallback) {
        build(fallback, SETTINGS);
        engine.start("m1");
        String cancelled = runningOperation();
        engine.stop("m1");
        engine.start("m1");
        assertThat(engine.diagnostics().waitingRequest("m1")).contains(false);

        runtime.answer(cancelled, ProbeResult.up(1, "late"));

        String next = runningOperation();
        assertThat(next).isNotEqualTo(cancelled);
        runtime.answer(next, ProbeResult.up(1, "HTTP 200"));
        assertThat(engine.history("m1")).singleElement().satisfies(record -> assertThat(record.operationId()).isEqualTo(next));
        assertThat(engine.monitor("m1").orElseThrow().status()).isEqualTo(MonitorStatus.UP);
    }

    @ParameterizedTest(name = "fallback = {0}")
    @ValueSource(booleans = {false, true})
    void aStartWhileAManualCheckOfThePausedMonitorIsOutCancelsItAndChecksOnceItsProbeReturns(boolean fallback) {
        build(fallback, SETTINGS);
        engine.checkNow("m1"); // paused: only a manual check runs
        String manual = runningOperation();

        engine.start("m1"); // R2 cancels it (R5); start's own request waits for its probe (R4)

        assertThat(engine.diagnostics().liveOperations()).singleElement().satisfies(live -> {
            assertThat(live.id()).isEqualTo(manual);
            assertThat(live.cancelled()).isTrue();
        });
        assertThat(engine.diagnostics().waitingRequest("m1")).contains(false);

        runtime.answer(manual, ProbeResult.up(1, "late"));

        assertThat(delivered()).anyMatch(event -> event instanceof EngineEvent.CheckDiscarded discarded && discarded.operationId().equals(manual));
        String next = runningOperation();
        assertThat(next).isNotEqualTo(manual);
        assertThat(engine.diagnostics().liveOperations()).singleElement().satisfies(live -> assertThat(live.manual()).isFalse());
        runtime.answer(next, ProbeResult.up(1, "HTTP 200"));
        assertThat(engine.history("m1")).singleElement().satisfies(record -> assertThat(record.operationId()).isEqualTo(next));
    }

    @ParameterizedTest(name = "fallback = {0}")
    @ValueSource(booleans = {false, true})
    void aFailedBeginIsReportedAndTheNextTickTriesAgain(boolean fallback) {
        build(fallback, SETTINGS);
        engine.start("m1");
        runtime.answer(runningOperation(), ProbeResult.up(1, "HTTP 200"));
        delivered().clear();

        failing.failNextTransaction();
        runtime.advanceBy(10_000); // the tick: its begin transaction fails

        assertThat(delivered()).singleElement().isInstanceOfSatisfying(EngineEvent.StoreFailed.class,
                failed -> assertThat(failed.transaction()).isEqualTo(StoreTransaction.BEGIN_OPERATION));
        assertThat(engine.diagnostics().liveOperations()).isEmpty();
        assertThat(runtime.openAttempts()).isEmpty();
        assertThat(engine.diagnostics().hasTick("m1")).isTrue();

        runtime.advanceBy(10_000);
        assertThat(runtime.openAttempts()).hasSize(1);
        assertThat(engine.diagnostics().liveOperations()).hasSize(1);
    }
}
