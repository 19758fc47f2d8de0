package dev.vigil.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.ManualRuntime;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An attempt timeout whose task a timer thread took before the probe returned still runs, after
 * the return (SEMANTICS "Stale timers"): it must change nothing, whether the operation is in its
 * back-off, on its next attempt or gone. Both checkers, through the public API.
 */
class LateTimersTest {
    private static final MonitorSettings SETTINGS = MonitorSettings.http("http://localhost:8080/").withIntervalMs(60_000).withTimeoutMs(2_000)
            .withRetryAttempts(2);

    private final ManualRuntime runtime = new ManualRuntime();
    private final MonitorRepository repository = MonitorRepository.openSqliteInMemory();
    private VigilEngine engine;

    @AfterEach
    void close() {
        engine.close();
        repository.close();
    }

    private String startChecking(boolean fallback) {
        engine = BothCheckers.builder(repository, runtime, fallback).build();
        engine.add("m1", SETTINGS);
        engine.start("m1");
        return runtime.openAttempts().getLast().operationId();
    }

    /** The operation's attempt timeout, taken by a timer thread that has not run it yet. */
    private Runnable attemptTimeoutTakenBy(String operationId) {
        return runtime.timer(TimerKind.ATTEMPT_TIMEOUT, operationId).orElseThrow().handOver();
    }

    @ParameterizedTest(name = "fallback = {0}")
    @ValueSource(booleans = {false, true})
    void aTimeoutTakenBeforeAFailedReturnLeavesTheBackOffAlone(boolean fallback) {
        String operation = startChecking(fallback);
        Runnable late = attemptTimeoutTakenBy(operation);
        runtime.answer(operation, ProbeResult.down(5, "refused")); // attempt 1 of 3 failed: a back-off

        late.run();

        assertThat(runtime.pendingTimers(TimerKind.RETRY)).isOne();
        assertThat(runtime.openAttempts()).isEmpty();
        assertThat(engine.history("m1")).isEmpty();
        runtime.fire(TimerKind.RETRY, operation);
        runtime.answer(operation, ProbeResult.up(5, "HTTP 200"));
        assertThat(engine.history("m1")).singleElement().satisfies(record -> assertThat(record.status()).isEqualTo(MonitorStatus.UP));
    }

    @ParameterizedTest(name = "fallback = {0}")
    @ValueSource(booleans = {false, true})
    void aTimeoutOfTheFirstAttemptTakenLateLeavesTheSecondAttemptRunning(boolean fallback) {
        String operation = startChecking(fallback);
        Runnable late = attemptTimeoutTakenBy(operation);
        runtime.answer(operation, ProbeResult.down(5, "refused"));
        runtime.fire(TimerKind.RETRY, operation);
        CompletableFuture<ProbeResult> second = runtime.probe(operation).orElseThrow();

        late.run();

        assertThat(second).isNotDone();
        assertThat(runtime.timer(TimerKind.ATTEMPT_TIMEOUT, operation).orElseThrow().isPending()).isTrue();
        assertThat(runtime.pendingTimers(TimerKind.RETRY)).isZero();
        assertThat(engine.history("m1")).isEmpty();
        runtime.answer(operation, ProbeResult.up(5, "HTTP 200"));
        assertThat(engine.history("m1")).singleElement().satisfies(record -> assertThat(record.status()).isEqualTo(MonitorStatus.UP));
    }

    @ParameterizedTest(name = "fallback = {0}")
    @ValueSource(booleans = {false, true})
    void aTimeoutTakenBeforeTheLastReturnFindsTheOperationGoneAndChangesNothing(boolean fallback) {
        String operation = startChecking(fallback);
        Runnable late = attemptTimeoutTakenBy(operation);
        runtime.answer(operation, ProbeResult.up(5, "HTTP 200")); // the operation concludes and leaves

        late.run();

        assertThat(engine.history("m1")).singleElement().satisfies(record -> assertThat(record.status()).isEqualTo(MonitorStatus.UP));
        assertThat(engine.monitor("m1").orElseThrow().status()).isEqualTo(MonitorStatus.UP);
        assertThat(engine.diagnostics().liveOperations()).isEmpty();
        assertThat(runtime.pendingTimers(TimerKind.RETRY)).isZero();
    }
}
