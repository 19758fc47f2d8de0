package dev.vigil.engine.check;

import dev.vigil.engine.assembly.EngineAssembly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.CheckDiscardedException;
import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.AttemptKey;
import dev.vigil.engine.spi.LiveOperation;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.ManualRuntime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the enhanced services cannot be composed, the engine runs on the epoch checker, says so,
 * and keeps the contract: race-free, the R7 deadline, the same diagnostics. The harness runs it in
 * lockstep with the model ({@code ./vigil run --variant fallback}); these pin the parts by hand.
 */
class FallbackCheckerTest {
    private static final MonitorSettings SETTINGS = MonitorSettings.http("http://localhost:8080/").withIntervalMs(10_000).withTimeoutMs(2_000);

    private final ManualRuntime runtime = new ManualRuntime();
    private final List<EngineEvent> events = new ArrayList<>();

    /** The events delivered so far: the event thread catches up first. */
    private List<EngineEvent> delivered() {
        runtime.deliverEvents();
        return events;
    }
    private MonitorRepository repository;
    private VigilEngine engine;

    @BeforeEach
    void open() {
        repository = MonitorRepository.openSqliteInMemory();
        CheckerFactory broken = new EnhancedMonitoringServiceFactory(context -> {
            throw new IllegalStateException("registry unavailable");
        });
        engine = EngineAssembly.builder(repository, broken).runtime(runtime).listener(events::add).intervalMsMin(1_000)
                .build();
    }

    @AfterEach
    void close() {
        engine.close();
        repository.close();
    }

    private String lastAttemptOperation() {
        List<AttemptKey> open = runtime.openAttempts();
        return open.getLast().operationId();
    }

    @Test
    void theFallbackIsAnnouncedAndChecksStillLand() {
        assertThat(delivered()).singleElement().isInstanceOfSatisfying(EngineEvent.FallbackActivated.class,
                event -> assertThat(event.reason()).contains("registry unavailable"));

        engine.add("m1", SETTINGS);
        engine.start("m1");
        runtime.answer(lastAttemptOperation(), ProbeResult.up(3, "HTTP 200"));

        assertThat(engine.monitor("m1").orElseThrow().status()).isEqualTo(MonitorStatus.UP);
        assertThat(engine.history("m1")).hasSize(1);
    }

    @Test
    void aLateResultAfterStopIsDiscardedByTheEpoch() {
        engine.add("m1", SETTINGS);
        engine.start("m1");
        String inFlight = lastAttemptOperation();
        engine.stop("m1");

        runtime.answer(inFlight, ProbeResult.up(3, "late"));

        assertThat(engine.monitor("m1").orElseThrow().status()).isEqualTo(MonitorStatus.PAUSED);
        assertThat(engine.history("m1")).isEmpty();
    }

    @Test
    void checkNowSupersedesTheRunningCheck() {
        engine.add("m1", SETTINGS);
        engine.start("m1");
        String first = lastAttemptOperation();
        engine.checkNow("m1");

        assertThat(engine.diagnostics().waitingRequest("m1")).contains(true);
        runtime.answer(first, ProbeResult.down(3, "stale"));
        String second = lastAttemptOperation();
        assertThat(second).isNotEqualTo(first);
        runtime.answer(second, ProbeResult.up(3, "fresh"));

        assertThat(engine.history("m1")).singleElement().satisfies(record -> assertThat(record.details()).isEqualTo("fresh"));
    }

    @Test
    void attemptsTimeOutAndAreRetried() {
        engine.add("m1", SETTINGS.withRetryAttempts(1));
        engine.start("m1");
        runtime.advanceBy(2_000);
        runtime.advanceBy(500);
        runtime.advanceBy(2_000);

        assertThat(engine.history("m1")).singleElement().satisfies(record -> assertThat(record.details()).isEqualTo("timed out after 2000 ms"));
        assertThat(engine.monitor("m1").orElseThrow().status()).isEqualTo(MonitorStatus.DOWN);
    }

    @Test
    void itsRunningCheckIsALiveOperationActiveUntilACancelAdvancesTheEpoch() {
        engine.add("m1", SETTINGS);
        engine.start("m1");
        assertThat(engine.diagnostics().liveOperations()).singleElement().satisfies(op -> {
            assertThat(op.id()).isEqualTo("op-1");
            assertThat(op.cancelled()).isFalse();
            assertThat(op.deadlineAt()).isEqualTo(2_000 + 5_000);
        });

        engine.checkNow("m1");

        assertThat(engine.diagnostics().liveOperations()).singleElement().satisfies(op -> assertThat(op.cancelled()).isTrue());
        runtime.answer("op-1", ProbeResult.up(3, "stale"));
        assertThat(engine.diagnostics().liveOperations()).singleElement().satisfies(op -> {
            assertThat(op.id()).isEqualTo("op-2");
            assertThat(op.manual()).isTrue();
        });
    }

    @Test
    void theDeadlineIsScheduledWithEachCheckAndClearedWhenItLands() {
        engine.add("m1", SETTINGS.withRetryAttempts(1));
        engine.start("m1");
        assertThat(runtime.pendingTimers(TimerKind.DEADLINE)).isOne();
        assertThat(engine.diagnostics().liveOperations()).singleElement()
                .satisfies(op -> assertThat(op.deadlineAt()).as("2 attempts × 2000 + back-off 500 + buffer 5000").isEqualTo(9_500));

        runtime.answer("op-1", ProbeResult.up(3, "HTTP 200"));

        assertThat(runtime.pendingTimers(TimerKind.DEADLINE)).isZero();
        assertThat(engine.diagnostics().liveOperations()).isEmpty();
    }

    @Test
    void theDeadlineFreesAMonitorWhoseAttemptTimerWasLost() {
        engine.add("m1", SETTINGS);
        engine.start("m1");
        runtime.loseTimers(TimerKind.ATTEMPT_TIMEOUT); // the target hangs and nothing times the attempt out

        runtime.advanceBy(6_999);
        assertThat(engine.history("m1")).isEmpty();
        assertThat(engine.diagnostics().liveOperations()).hasSize(1);
        runtime.advanceBy(1);

        assertThat(engine.history("m1")).singleElement().satisfies(record -> {
            assertThat(record.status()).isEqualTo(MonitorStatus.DOWN);
            assertThat(record.details()).isEqualTo("operation deadline exceeded");
            assertThat(record.responseTimeMs()).isEqualTo(7_000);
        });
        assertThat(engine.monitor("m1").orElseThrow().activeOperations()).isEmpty();
        assertThat(engine.diagnostics().liveOperations()).isEmpty();
        runtime.advanceBy(3_000);
        assertThat(engine.diagnostics().liveOperations()).as("the next tick checks again").singleElement()
                .satisfies(op -> assertThat(op.id()).isEqualTo("op-2"));
    }

    @Test
    void theDeadlineOfACancelledCheckLetsTheWaitingRequestStart() {
        engine.add("m1", SETTINGS);
        engine.start("m1");
        runtime.loseTimers(TimerKind.ATTEMPT_TIMEOUT);
        engine.checkNow("m1");
        assertThat(engine.diagnostics().waitingRequest("m1")).contains(true);

        runtime.advanceBy(7_000);

        assertThat(engine.history("m1")).as("a cancelled check records nothing").isEmpty();
        assertThat(engine.diagnostics().waitingRequest("m1")).isEmpty();
        assertThat(engine.diagnostics().liveOperations()).singleElement().satisfies(op -> {
            assertThat(op.id()).isEqualTo("op-2");
            assertThat(op.cancelled()).isFalse();
        });
    }

    @Test
    void aThrownProbeRecordsTheTimeItTookAsTheEnhancedCheckerDoes() {
        engine.add("m1", SETTINGS);
        engine.start("m1");
        runtime.advanceBy(300);

        runtime.fail("op-1", new IOException("connection refused"));

        assertThat(engine.history("m1")).singleElement().satisfies(record -> {
            assertThat(record.status()).isEqualTo(MonitorStatus.DOWN);
            assertThat(record.responseTimeMs()).isEqualTo(300);
            assertThat(record.details()).isEqualTo("probe threw IOException: connection refused");
        });
    }

    @Test
    void aCheckCancelledDuringItsBackOffLeavesAtOnce() {
        engine.add("m1", SETTINGS.withRetryAttempts(1));
        engine.start("m1");
        runtime.answer("op-1", ProbeResult.down(3, "HTTP 503"));
        assertThat(runtime.pendingTimers(TimerKind.RETRY)).isOne();

        engine.stop("m1");

        assertThat(engine.diagnostics().liveOperations()).isEmpty();
        assertThat(runtime.pendingTimers(TimerKind.RETRY)).isZero();
        assertThat(runtime.pendingTimers(TimerKind.DEADLINE)).isZero();
        assertThat(delivered()).anySatisfy(event -> assertThat(event).isEqualTo(
                new EngineEvent.CheckDiscarded("m1", "op-1", "cancelled between attempts")));
    }

    @Test
    void theDeadlineOfACancelledManualCheckFailsItsCaller() {
        engine.add("m1", SETTINGS);
        CompletableFuture<CheckRecord> first = engine.checkNow("m1").toCompletableFuture();
        runtime.loseTimers(TimerKind.ATTEMPT_TIMEOUT); // op-1's: only its deadline can end it
        CompletableFuture<CheckRecord> second = engine.checkNow("m1").toCompletableFuture(); // cancels op-1, waits for it

        runtime.advanceBy(10_000); // the deadline, then op-2's own attempt timeout
        runtime.deliverEvents();

        assertThat(first).isCompletedExceptionally();
        assertThatThrownBy(first::join).hasCauseInstanceOf(CheckDiscardedException.class);
        // The deadline freed the monitor: the waiting request began op-2, whose own attempt timer ended it.
        assertThat(second).isCompleted();
        assertThat(second.join().operationId()).isEqualTo("op-2");
    }

    @Test
    void theCallerOfACheckCancelledDuringItsBackOffLearnsAtOnce() {
        engine.add("m1", SETTINGS.withRetryAttempts(1));
        CompletableFuture<CheckRecord> first = engine.checkNow("m1").toCompletableFuture();
        runtime.answer("op-1", ProbeResult.down(3, "HTTP 503")); // op-1 waits out its back-off
        CompletableFuture<CheckRecord> second = engine.checkNow("m1").toCompletableFuture();
        runtime.deliverEvents();

        assertThat(first).isCompletedExceptionally();
        assertThatThrownBy(first::join).hasCauseInstanceOf(CheckDiscardedException.class);
        assertThat(second).isNotDone();
        runtime.answer(lastAttemptOperation(), ProbeResult.up(4, "HTTP 200"));
        runtime.deliverEvents();
        assertThat(second).isCompleted();
    }

    @Test
    void aTickWhileItsCheckRunsIsSkippedAndCounted() {
        engine.add("m1", SETTINGS.withTimeoutMs(10_000));
        engine.start("m1");
        runtime.advanceBy(SETTINGS.intervalMs() - 1);
        assertThat(engine.diagnostics().skippedTicks()).isZero();
        runtime.advanceBy(1); // the tick falls due with the attempt's timeout: the check is still running

        assertThat(engine.diagnostics().skippedTicks()).isOne();
    }

    @Test
    void liveOperationsComeByMonitorIdWhateverTheOrderTheyBegan() {
        List<String> ids = List.of("zeta", "m10", "alpha", "Beta", "m2", "delta.eu", "c_1", "x-9", "omega", "b");
        for (String id : ids) {
            engine.add(id, SETTINGS);
            engine.checkNow(id);
        }

        assertThat(engine.diagnostics().liveOperations()).extracting(LiveOperation::monitorId)
                .containsExactlyElementsOf(ids.stream().sorted().toList());
    }
}
