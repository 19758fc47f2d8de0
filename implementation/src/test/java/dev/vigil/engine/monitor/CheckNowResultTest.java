package dev.vigil.engine.monitor;

import dev.vigil.engine.assembly.EngineAssembly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.CheckDiscardedException;
import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.EngineClosedException;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.UnknownMonitorException;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.check.CheckWaiters;
import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.check.EnhancedMonitoringServiceFactory;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.store.FailingDataSource;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.ManualRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteDataSource;

/**
 * The stage {@code checkNow} returns (SPEC R8), on the production checker and on the fallback:
 * it follows the first check that begins after the request, completes only once the event that
 * reports that check's fate was delivered, and never with a lane held.
 */
class CheckNowResultTest {
    private static final MonitorSettings SETTINGS = MonitorSettings.http("http://localhost:8080/").withIntervalMs(10_000).withTimeoutMs(2_000);

    private final ManualRuntime runtime = new ManualRuntime();
    private final FailingDataSource failing = new FailingDataSource(new SQLiteDataSource());
    private final MonitorRepository repository = MonitorRepository.openSqliteInMemory(failing::wrap);
    /** What the listener saw, and at which point each stage was seen complete. */
    private final List<String> seen = new ArrayList<>();
    private VigilEngine engine;

    private void open(boolean fallback) {
        VigilEngine.Builder builder = EngineAssembly.builder(repository).runtime(runtime).intervalMsMin(1_000)
                .listener(event -> seen.add(describe(event)));
        if (fallback) {
            CheckerFactory fallbackOnly = EnhancedMonitoringServiceFactory::composeFallback;
            EngineAssembly.checkerFactory(builder, fallbackOnly);
        }
        engine = builder.build();
        engine.add("m1", SETTINGS);
        runtime.deliverEvents();
        seen.clear();
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
        repository.close();
    }

    private static String describe(EngineEvent event) {
        return event.getClass().getSimpleName();
    }

    private String openOperation() {
        return runtime.openAttempts().getLast().operationId();
    }

    private CompletableFuture<CheckRecord> watched(CompletionStage<CheckRecord> stage) {
        return stage.toCompletableFuture().whenComplete((record, failure) -> seen.add("stage done"));
    }

    /** The record a stage completed with; a stage not done fails the test at once (joining it would hang the test). */
    private static CheckRecord recordOf(CompletableFuture<CheckRecord> future) {
        assertThat(future).isCompleted();
        return future.join();
    }

    private static Throwable failureOf(CompletableFuture<CheckRecord> future) {
        assertThat(future).isCompletedExceptionally();
        Throwable failure = future.handle((record, thrown) -> thrown).join();
        // The caller's view goes through a dependent stage, which wraps the cause.
        return failure instanceof CompletionException wrapped ? wrapped.getCause() : failure;
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void completesWithTheCommittedRecordAfterTheListenersSawIt(boolean fallback) {
        open(fallback);
        CompletableFuture<CheckRecord> result = watched(engine.checkNow("m1"));
        runtime.answer(openOperation(), ProbeResult.up(12, "HTTP 200"));

        assertThat(result).isNotDone(); // the events are committed, not delivered yet
        runtime.deliverEvents();

        CheckRecord record = recordOf(result);
        assertThat(record.status()).isEqualTo(MonitorStatus.UP);
        assertThat(engine.history("m1")).containsExactly(record);
        assertThat(seen).containsExactly("CheckCompleted", "stage done");
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void aCheckCancelledByStopFailsAsDiscardedOnceItsProbeIsBack(boolean fallback) {
        open(fallback);
        engine.start("m1"); // the start's own check is cancelled by checkNow; its probe stays out
        String first = openOperation();
        CompletableFuture<CheckRecord> result = watched(engine.checkNow("m1"));
        engine.stop("m1"); // the request was still waiting for the first probe: dropped
        runtime.deliverEvents();

        assertThat(failureOf(result)).isInstanceOf(CheckDiscardedException.class).hasMessageContaining("monitoring stopped");
        assertThat(seen).endsWith("MonitoringStopped", "StatusChanged", "stage done");

        runtime.answer(first, ProbeResult.up(5, "HTTP 200"));
        runtime.deliverEvents();
        assertThat(engine.history("m1")).isEmpty();
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void aManualCheckCancelledWhileItsProbeIsOutFailsWhenTheLateResultIsDiscarded(boolean fallback) {
        open(fallback);
        CompletableFuture<CheckRecord> result = watched(engine.checkNow("m1")); // paused: a manual check
        String manual = openOperation();
        engine.start("m1"); // cancels the manual check; its probe is still out

        runtime.deliverEvents();
        assertThat(result).isNotDone();
        runtime.answer(manual, ProbeResult.up(5, "HTTP 200"));
        runtime.deliverEvents();

        assertThat(((CheckDiscardedException) failureOf(result)).reason()).isNotBlank();
        assertThat(seen).contains("CheckDiscarded").endsWith("stage done");
        assertThat(engine.history("m1")).isEmpty();
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void aRequestReplacedWhileItWaitedFollowsTheCheckThatTookItsPlace(boolean fallback) {
        open(fallback);
        engine.start("m1");
        String first = openOperation();
        CompletableFuture<CheckRecord> earlier = watched(engine.checkNow("m1")); // waits for the cancelled first probe
        CompletableFuture<CheckRecord> later = watched(engine.checkNow("m1"));   // replaces the waiting request
        runtime.answer(first, ProbeResult.up(5, "HTTP 200"));                   // discarded; the waiting request begins
        String second = openOperation();
        runtime.answer(second, ProbeResult.down(7, "HTTP 503"));
        runtime.deliverEvents();

        assertThat(recordOf(earlier)).isEqualTo(recordOf(later));
        assertThat(recordOf(later).operationId()).isEqualTo(second);
        assertThat(recordOf(later).status()).isEqualTo(MonitorStatus.DOWN);
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void aFailedBeginFailsTheStageWithTheStoreFailure(boolean fallback) {
        open(fallback);
        failing.failNextTransaction();
        CompletableFuture<CheckRecord> result = watched(engine.checkNow("m1"));
        runtime.deliverEvents();

        assertThat(failureOf(result)).isInstanceOf(StoreException.class);
        assertThat(seen).containsExactly("StoreFailed", "stage done");
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void aFailedApplyFailsTheStageWithTheStoreFailure(boolean fallback) {
        open(fallback);
        CompletableFuture<CheckRecord> result = watched(engine.checkNow("m1"));
        failing.failNextTransaction();
        runtime.answer(openOperation(), ProbeResult.up(12, "HTTP 200"));
        runtime.deliverEvents();

        assertThat(failureOf(result)).isInstanceOf(StoreException.class);
        assertThat(seen).containsExactly("StoreFailed", "stage done");
        assertThat(engine.history("m1")).isEmpty();
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void theCallerOfACheckCancelledDuringItsBackOffLearnsAtOnce(boolean fallback) {
        open(fallback);
        engine.update("m1", SETTINGS.withRetryAttempts(1));
        CompletableFuture<CheckRecord> first = watched(engine.checkNow("m1"));
        runtime.answer(openOperation(), ProbeResult.down(3, "HTTP 503")); // the check waits out its back-off
        CompletableFuture<CheckRecord> second = watched(engine.checkNow("m1")); // cancels it: nothing is out
        runtime.deliverEvents();

        assertThat(((CheckDiscardedException) failureOf(first)).reason()).contains("between attempts");
        runtime.answer(openOperation(), ProbeResult.up(4, "HTTP 200"));
        runtime.deliverEvents();
        assertThat(recordOf(second).status()).isEqualTo(MonitorStatus.UP);
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void anUpdateDropsAStaleListedOperationAndKeepsTheLiveOne(boolean fallback) {
        open(fallback);
        engine.checkNow("m1");
        String stale = openOperation();
        failing.failNextTransaction();
        runtime.answer(stale, ProbeResult.up(3, "HTTP 200")); // the apply fails: the id stays listed in the store
        runtime.deliverEvents();
        assertThat(repository.find("m1").orElseThrow().activeOperations()).containsExactly(stale);
        engine.update("m1", SETTINGS.withTimeoutMs(3_000)); // paused, so no begin replaced the list first
        assertThat(repository.find("m1").orElseThrow().activeOperations()).isEmpty();

        engine.checkNow("m1");
        String live = openOperation(); // a manual check of the paused monitor, still out
        engine.update("m1", SETTINGS); // a paused monitor: its manual check goes on, listed
        assertThat(repository.find("m1").orElseThrow().activeOperations()).containsExactly(live);
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void removeAndCloseFailTheStagesStillOpen(boolean fallback) {
        open(fallback);
        engine.add("m2", SETTINGS);
        CompletableFuture<CheckRecord> removed = watched(engine.checkNow("m1"));
        CompletableFuture<CheckRecord> closed = watched(engine.checkNow("m2"));

        engine.remove("m1");
        assertThat(failureOf(removed)).isInstanceOf(UnknownMonitorException.class);
        engine.close();
        assertThat(failureOf(closed)).isInstanceOf(EngineClosedException.class);
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void removeAndCloseFailTheCallersWhoseCheckHasNotBegunToo(boolean fallback) {
        open(fallback);
        engine.add("m2", SETTINGS);
        // Each first checkNow begins a manual check at once; each second one cancels it while its
        // probe is out, so its caller waits for a check that has not begun.
        CompletableFuture<CheckRecord> removedRunning = watched(engine.checkNow("m1"));
        CompletableFuture<CheckRecord> removedWaiting = watched(engine.checkNow("m1"));
        CompletableFuture<CheckRecord> closedRunning = watched(engine.checkNow("m2"));
        CompletableFuture<CheckRecord> closedWaiting = watched(engine.checkNow("m2"));
        runtime.deliverEvents();
        assertThat(List.of(removedRunning, removedWaiting, closedRunning, closedWaiting)).noneMatch(CompletableFuture::isDone);

        engine.remove("m1");
        assertThat(failureOf(removedRunning)).isInstanceOf(UnknownMonitorException.class);
        assertThat(failureOf(removedWaiting)).isInstanceOf(UnknownMonitorException.class);
        assertThat(closedRunning).isNotDone();
        engine.close();
        assertThat(failureOf(closedRunning)).isInstanceOf(EngineClosedException.class);
        assertThat(failureOf(closedWaiting)).isInstanceOf(EngineClosedException.class);
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void aMonitorHasAtMostAThousandCallersWaitingAndOneMoreFailsAtOnce(boolean fallback) {
        open(fallback);
        engine.add("m2", SETTINGS);
        // One caller follows the running check, the others wait for the next one: all are counted.
        List<CompletableFuture<CheckRecord>> waiting = new ArrayList<>();
        for (int i = 0; i < CheckWaiters.PER_MONITOR_MAX; i++) {
            waiting.add(engine.checkNow("m1").toCompletableFuture());
        }
        CompletableFuture<CheckRecord> refused = engine.checkNow("m1").toCompletableFuture();
        assertThat(failureOf(refused)).isInstanceOf(IllegalStateException.class).hasMessageContaining("already waiting");
        assertThat(waiting).noneMatch(CompletableFuture::isDone);
        // The limit is per monitor.
        assertThat(engine.checkNow("m2").toCompletableFuture()).isNotDone();

        // The check the waiting callers follow answers them all; then there is room again.
        runtime.answer(runtime.openAttempts().getFirst().operationId(), ProbeResult.up(3, "HTTP 200"));
        String next = openOperation();
        runtime.answer(next, ProbeResult.down(4, "HTTP 500"));
        runtime.deliverEvents();
        assertThat(waiting.getFirst()).isCompletedExceptionally(); // its check was cancelled by the second call
        assertThat(waiting.subList(1, waiting.size())).allMatch(caller -> recordOf(caller).operationId().equals(next));
        assertThat(engine.checkNow("m1").toCompletableFuture()).isNotDone();
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void whatIsChainedToTheStageMayCallTheEngine(boolean fallback) {
        open(fallback);
        List<CompletionStage<CheckRecord>> again = new ArrayList<>();
        engine.checkNow("m1").thenAccept(record -> again.add(engine.checkNow("m1")));
        runtime.answer(openOperation(), ProbeResult.up(3, "HTTP 200"));
        runtime.deliverEvents();

        assertThat(again).hasSize(1);
        runtime.answer(openOperation(), ProbeResult.up(4, "HTTP 200"));
        runtime.deliverEvents();
        assertThat(recordOf(again.getFirst().toCompletableFuture()).responseTimeMs()).isEqualTo(4);
    }

    @ParameterizedTest(name = "fallback={0}")
    @ValueSource(booleans = {false, true})
    void theStageCannotBeCompletedByTheCaller(boolean fallback) {
        open(fallback);
        CompletionStage<CheckRecord> stage = engine.checkNow("m1");
        stage.toCompletableFuture().complete(new CheckRecord("forged", 0, MonitorStatus.UP, 0, "forged"));
        runtime.answer(openOperation(), ProbeResult.up(3, "HTTP 200"));
        runtime.deliverEvents();

        assertThat(recordOf(stage.toCompletableFuture()).operationId()).isNotEqualTo("forged");
    }
}
