package dev.vigil.model;

import static dev.vigil.model.Script.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.ModelEvent.Add;
import dev.vigil.model.ModelEvent.AttemptCompleted;
import dev.vigil.model.ModelEvent.CheckNow;
import dev.vigil.model.ModelEvent.Crash;
import dev.vigil.model.ModelEvent.Deadline;
import dev.vigil.model.ModelEvent.Remove;
import dev.vigil.model.ModelEvent.Restart;
import dev.vigil.model.ModelEvent.Start;
import dev.vigil.model.ModelEvent.StartAll;
import dev.vigil.model.ModelEvent.Stop;
import dev.vigil.model.ModelEvent.StopAll;
import dev.vigil.model.ModelEvent.StoreFails;
import dev.vigil.model.ModelEvent.Tick;
import dev.vigil.model.ModelEvent.Update;
import dev.vigil.model.Observation.CheckCompleted;
import dev.vigil.model.Observation.MonitoringStarted;
import dev.vigil.model.Observation.MonitoringStopped;
import dev.vigil.model.Observation.StatusChanged;
import dev.vigil.model.Observation.StoreFailed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One table of short event sequences per rule R1–R13, each with the observable view it must end in. */
class RuleTableTest {

    private static final Optional<Boolean> NONE = Optional.empty();
    private static final Optional<Boolean> MANUAL = Optional.of(true);
    private static final Optional<Boolean> SCHEDULED = Optional.of(false);

    private static Script started() {
        return Script.begin().at(0, new Add("m1", SETTINGS)).then(new Start("m1"));
    }

    // --- R1 add -------------------------------------------------------------------------------

    @Test
    void r01_addStoresAPausedMonitorWithNothingRunning() {
        Script s = Script.begin().at(0, new Add("m1", SETTINGS));
        assertThat(s.view()).isEqualTo(new ObservableView(List.of(Script.paused("m1")), Map.of(), List.of(), List.of(), List.of(), false));
        assertThat(s.last().commandFailed()).isFalse();
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of(new ModelSettings(999, 1_000, 0), "intervalMs"),
                Arguments.of(new ModelSettings(ModelSettings.INTERVAL_MS_MAX + 1, 1_000, 0), "intervalMs"),
                Arguments.of(new ModelSettings(1_000, 999, 0), "timeoutMs"),
                Arguments.of(new ModelSettings(1_000, 300_001, 0), "timeoutMs"),
                Arguments.of(new ModelSettings(1_000, 1_000, -1), "retryAttempts"),
                Arguments.of(new ModelSettings(1_000, 1_000, 11), "retryAttempts"));
    }

    @ParameterizedTest
    @MethodSource("invalidSettings")
    void r01_addRejectsInvalidSettingsAndStoresNothing(ModelSettings invalid, String field) {
        Script s = Script.begin().then(new StoreFails()).then(new Add("m1", invalid));
        assertThat(s.last().commandFailed()).isTrue();
        assertThat(s.last().note()).contains(field);
        assertThat(s.view().monitors()).isEmpty();
        assertThat(s.state().storeFailArmed()).as("validation precedes the transaction").isTrue();
    }

    @Test
    void r01_addRejectsADuplicateId() {
        Script s = Script.begin().at(0, new Add("m1", SETTINGS)).then(new Add("m1", new ModelSettings(5_000, 1_000, 0)));
        assertThat(s.last().commandFailed()).isTrue();
        assertThat(s.state().settings("m1").get()).isEqualTo(SETTINGS);
    }

    @Test
    void r01_validBoundsAreAccepted() {
        Script s = Script.begin()
                .then(new Add("lo", new ModelSettings(1_000, 1_000, 0)))
                .then(new Add("hi", new ModelSettings(ModelSettings.INTERVAL_MS_MAX, 300_000, 10)));
        assertThat(s.state().monitorIds()).containsExactly("hi", "lo");
    }

    // --- R2 start -----------------------------------------------------------------------------

    @Test
    void r02_startMakesPendingRequestsACheckAtOnceAndSchedulesTicks() {
        Script s = started();
        ObservableView expected = new ObservableView(
                List.of(Script.view("m1", true, Status.PENDING, List.of(1), NONE)),
                Map.of(1, OperationState.ACTIVE),
                List.of(new TimerView(TimerKind.TICK, "m1", 2_000),
                        new TimerView(TimerKind.ATTEMPT_TIMEOUT, "m1", 1_000),
                        new TimerView(TimerKind.DEADLINE, "m1", 2 * 1_000 + 500 + 5_000)),
                List.of(new MonitoringStarted("m1"), new StatusChanged("m1", Status.PAUSED, Status.PENDING)),
                List.of(), false);
        assertThat(s.view().diff(expected)).isEmpty();
        assertThat(s.view()).isEqualTo(expected);
    }

    @Test
    void r02_startOnAMonitoringMonitorDoesNothing() {
        Script s = started();
        ObservableView before = s.view();
        s.at(10, new Start("m1"));
        assertThat(s.last().note()).contains("already monitoring");
        assertThat(s.view()).isEqualTo(before);
    }

    @Test
    void r02_startCancelsARunningManualCheckAndItsRequestWaits() {
        Script s = Script.begin().at(0, new Add("m1", SETTINGS)).then(new CheckNow("m1")).at(100, new Start("m1"));
        assertThat(s.monitor("m1")).isEqualTo(Script.view("m1", true, Status.PENDING, List.of(), SCHEDULED));
        assertThat(s.view().registry()).isEqualTo(Map.of(1, OperationState.CANCELLED));
        s.returns(200, "m1", Outcome.UP);
        assertThat(s.monitor("m1")).isEqualTo(Script.view("m1", true, Status.PENDING, List.of(2), NONE));
        assertThat(s.view().registry()).isEqualTo(Map.of(2, OperationState.ACTIVE));
    }

    @Test
    void r02_ticksFollowEveryInterval() {
        Script s = started().returns(100, "m1", Outcome.UP).fire(TimerKind.TICK, "m1");
        assertThat(s.state().nowMs()).isEqualTo(2_000);
        assertThat(s.timer(TimerKind.TICK, "m1").get().dueAtMs()).isEqualTo(4_000);
        assertThat(s.monitor("m1").activeOperations()).containsExactly(2);
    }

    // --- R3 stop ------------------------------------------------------------------------------

    @Test
    void r03_stopPausesCancelsAndALateResultIsDiscarded() {
        Script s = started().at(100, new Stop("m1"));
        assertThat(s.view()).isEqualTo(new ObservableView(
                List.of(Script.paused("m1")),
                Map.of(1, OperationState.CANCELLED),
                List.of(new TimerView(TimerKind.ATTEMPT_TIMEOUT, "m1", 1_000), new TimerView(TimerKind.DEADLINE, "m1", 7_500)),
                List.of(new MonitoringStarted("m1"), new StatusChanged("m1", Status.PAUSED, Status.PENDING),
                        new MonitoringStopped("m1"), new StatusChanged("m1", Status.PENDING, Status.PAUSED)),
                List.of(), false));
        s.returns(200, "m1", Outcome.UP);
        assertThat(s.monitor("m1")).isEqualTo(Script.paused("m1"));
        assertThat(s.view().registry()).isEmpty();
        assertThat(s.view().timers()).isEmpty();
        assertThat(s.lastEvents()).isEmpty();
    }

    @Test
    void r03_stopOnAPausedMonitorDoesNothing() {
        Script s = Script.begin().at(0, new Add("m1", SETTINGS)).then(new Stop("m1"));
        assertThat(s.last().note()).contains("not monitoring");
        assertThat(s.last().observations()).isEmpty();
    }

    @Test
    void r03_stopDropsAWaitingRequest() {
        Script s = started().at(100, new CheckNow("m1"));
        assertThat(s.monitor("m1").waitingRequestManual()).isEqualTo(MANUAL);
        s.at(200, new Stop("m1"));
        assertThat(s.monitor("m1").waitingRequestManual()).isEmpty();
        s.returns(300, "m1", Outcome.UP);
        assertThat(s.view().registry()).isEmpty();
    }

    // --- R4 check requests --------------------------------------------------------------------

    @Test
    void r04_aTickIsSkippedWhileAnOperationIsActive() {
        ModelSettings slow = new ModelSettings(2_000, 3_000, 0);
        Script s = Script.begin().at(0, new Add("m1", slow)).then(new Start("m1")).at(2_000, new Tick("m1"));
        assertThat(s.last().note()).contains("skipped");
        assertThat(s.view().registry()).isEqualTo(Map.of(1, OperationState.ACTIVE));
        assertThat(s.timer(TimerKind.TICK, "m1").get().dueAtMs()).isEqualTo(4_000);
    }

    @Test
    void r04_aRequestWaitsForACancelledProbeAndALaterOneReplacesIt() {
        ModelSettings slow = new ModelSettings(2_000, 3_000, 0);
        Script s = Script.begin().at(0, new Add("m1", slow)).then(new Start("m1")).at(100, new CheckNow("m1"));
        assertThat(s.monitor("m1")).isEqualTo(Script.view("m1", true, Status.PENDING, List.of(1), MANUAL));
        s.at(2_000, new Tick("m1"));
        assertThat(s.monitor("m1").waitingRequestManual()).isEqualTo(SCHEDULED);
        s.returns(2_100, "m1", Outcome.DOWN);
        assertThat(s.monitor("m1")).isEqualTo(Script.view("m1", true, Status.PENDING, List.of(2), NONE));
        assertThat(s.view().registry()).isEqualTo(Map.of(2, OperationState.ACTIVE));
        assertThat(s.state().operation(2).get().manual()).as("the kind of the last request").isFalse();
    }

    @Test
    void r04_aWaitingRequestStartsWhenTheCancelledAttemptTimesOut() {
        Script s = started().at(100, new CheckNow("m1")).fire(TimerKind.ATTEMPT_TIMEOUT, "m1");
        assertThat(s.monitor("m1")).isEqualTo(Script.view("m1", true, Status.PENDING, List.of(2), NONE));
        assertThat(s.state().operation(2).get().manual()).isTrue();
    }

    // --- R5 attempts --------------------------------------------------------------------------

    @Test
    void r05_aFailedAttemptIsRetriedAfterTheBackoffAndTheLastFailureIsTheResult() {
        Script s = started().returns(100, "m1", Outcome.DOWN);
        assertThat(s.view().timers()).contains(new TimerView(TimerKind.RETRY, "m1", 600));
        s.fire(TimerKind.RETRY, "m1");
        assertThat(s.view().timers()).contains(new TimerView(TimerKind.ATTEMPT_TIMEOUT, "m1", 1_600));
        s.fire(TimerKind.ATTEMPT_TIMEOUT, "m1");
        assertThat(s.monitor("m1")).isEqualTo(Script.view("m1", true, Status.DOWN, List.of(), NONE,
                Script.timedOut(1, 1_600, 1_000)));
        assertThat(s.lastEvents()).containsExactly(new CheckCompleted("m1", 1, Status.DOWN),
                new StatusChanged("m1", Status.PENDING, Status.DOWN));
        s.at(1_700, new AttemptCompleted(1, 2, Outcome.UP, 1_100));
        assertThat(s.last().note()).contains("ignored");
        assertThat(s.monitor("m1").status()).isEqualTo(Status.DOWN);
    }

    @Test
    void r05_aThrownProbeFailsTheAttemptAndTheFirstUpIsTheResult() {
        Script s = started().returns(100, "m1", Outcome.THROW).fire(TimerKind.RETRY, "m1").returns(700, "m1", Outcome.UP);
        assertThat(s.monitor("m1").history()).containsExactly(Script.up(1, 700, 100));
        assertThat(s.monitor("m1").status()).isEqualTo(Status.UP);
    }

    @Test
    void r05_backoffDoublesUpToFiveSecondsAndTheDeadlineCoversEveryAttempt() {
        assertThat(Stream.of(1, 2, 3, 4, 5, 6, 10).map(Timing::backoffMs)).containsExactly(500L, 1_000L, 2_000L, 4_000L,
                5_000L, 5_000L, 5_000L);
        Script s = Script.begin().at(0, new Add("m1", new ModelSettings(60_000, 1_000, 4))).then(new Start("m1"));
        assertThat(s.timer(TimerKind.DEADLINE, "m1").get().dueAtMs()).isEqualTo(5 * 1_000 + 500 + 1_000 + 2_000 + 4_000 + 5_000);
        long[] retryAt = new long[4];
        for (int k = 0; k < 4; k++) {
            s.fire(TimerKind.ATTEMPT_TIMEOUT, "m1");
            retryAt[k] = s.timer(TimerKind.RETRY, "m1").get().dueAtMs() - s.state().nowMs();
            s.fire(TimerKind.RETRY, "m1");
        }
        assertThat(retryAt).containsExactly(500, 1_000, 2_000, 4_000);
        s.fire(TimerKind.ATTEMPT_TIMEOUT, "m1");
        assertThat(s.monitor("m1").history()).containsExactly(Script.timedOut(1, 12_500, 1_000));
    }

    @Test
    void r05_aCancelledOperationInItsBackoffLeavesAtOnce() {
        Script s = started().returns(100, "m1", Outcome.DOWN).at(200, new Stop("m1"));
        assertThat(s.view().registry()).isEmpty();
        assertThat(s.view().timers()).isEmpty();
    }

    // --- R6 result ----------------------------------------------------------------------------

    @Test
    void r06_anAppliedResultRecordsHistoryAndChangesStatusOnlyWhenItDiffers() {
        Script s = started().returns(100, "m1", Outcome.UP);
        assertThat(s.lastEvents()).containsExactly(new CheckCompleted("m1", 1, Status.UP), new StatusChanged("m1", Status.PENDING, Status.UP));
        s.fire(TimerKind.TICK, "m1").returns(2_100, "m1", Outcome.UP);
        assertThat(s.lastEvents()).containsExactly(new CheckCompleted("m1", 2, Status.UP));
        assertThat(s.monitor("m1")).isEqualTo(Script.view("m1", true, Status.UP, List.of(), NONE,
                Script.up(1, 100, 100), Script.up(2, 2_100, 100)));
        assertThat(s.view().registry()).isEmpty();
        assertThat(s.view().timers()).containsExactly(new TimerView(TimerKind.TICK, "m1", 4_000));
    }

    @Test
    void r06_theResultOfACancelledOperationIsDiscarded() {
        Script s = started().at(100, new CheckNow("m1")).at(200, new AttemptCompleted(1, 1, Outcome.UP, 200));
        assertThat(s.monitor("m1").history()).isEmpty();
        assertThat(s.monitor("m1").status()).isEqualTo(Status.PENDING);
        assertThat(s.last().observations()).hasAtLeastOneElementOfType(Observation.CheckDiscarded.class);
        assertThat(s.monitor("m1").activeOperations()).containsExactly(2);
    }

    @Test
    void r06_anUnlistedOperationNeverApplies() {
        // Package-private surgery: an ACTIVE operation whose id the store does not list (I4 broken on purpose).
        ModelState s = started().state();
        Monitor m1 = s.monitor("m1").get();
        ModelState unlisted = s.put(m1.withActiveOperations(io.vavr.collection.List.empty()));
        Step step = Model.step(unlisted, 100, new AttemptCompleted(1, 1, Outcome.UP, 100));
        assertThat(step.next().view().monitor("m1").get().history()).isEmpty();
        assertThat(step.note()).contains("not listed");
    }

    // --- R7 deadline --------------------------------------------------------------------------

    @Test
    void r07_aDeadlineAppliesDownAndTheOperationLeaves() {
        Script s = started().at(7_500, new Deadline(1));
        assertThat(s.monitor("m1")).isEqualTo(Script.view("m1", true, Status.DOWN, List.of(), NONE,
                new HistoryEntry(1, 7_500, Status.DOWN, 7_500, "operation deadline exceeded")));
        assertThat(s.state().monitor("m1").get().history().last().details()).isEqualTo("operation deadline exceeded");
        assertThat(s.view().registry()).isEmpty();
        s.at(7_600, new AttemptCompleted(1, 1, Outcome.UP, 7_600));
        assertThat(s.last().note()).contains("not in the registry");
        assertThat(s.monitor("m1").status()).isEqualTo(Status.DOWN);
    }

    @Test
    void r07_aDeadlineBeforeItsTimeOrOfACancelledOperationRecordsNothing() {
        Script s = started().at(100, new Deadline(1));
        assertThat(s.last().note()).contains("not due");
        s.at(200, new CheckNow("m1")).at(7_500, new Deadline(1));
        assertThat(s.monitor("m1").history()).isEmpty();
        assertThat(s.monitor("m1").activeOperations()).containsExactly(2);
    }

    // --- R8 checkNow --------------------------------------------------------------------------

    @Test
    void r08_aManualCheckOfAPausedMonitorRecordsHistoryButStaysPaused() {
        Script s = Script.begin().at(0, new Add("m1", SETTINGS)).then(new CheckNow("m1"));
        assertThat(s.monitor("m1")).isEqualTo(Script.view("m1", false, Status.PAUSED, List.of(1), NONE));
        s.at(10, new Stop("m1"));
        assertThat(s.view().registry()).as("stop on a paused monitor leaves the manual check running")
                .isEqualTo(Map.of(1, OperationState.ACTIVE));
        s.returns(100, "m1", Outcome.UP);
        assertThat(s.monitor("m1")).isEqualTo(Script.paused("m1", Script.up(1, 100, 100)));
        assertThat(s.lastEvents()).containsExactly(new CheckCompleted("m1", 1, Status.UP));
        assertThat(s.view().timers()).isEmpty();
    }

    @Test
    void r08_checkNowCancelsTheLiveOperationAndRequestsAManualCheck() {
        Script s = started().returns(100, "m1", Outcome.DOWN).at(200, new CheckNow("m1"));
        assertThat(s.view().registry()).as("op#1 was in its back-off: it left at once").isEqualTo(Map.of(2, OperationState.ACTIVE));
        assertThat(s.state().operation(2).get().manual()).isTrue();
        assertThat(s.monitor("m1")).isEqualTo(Script.view("m1", true, Status.PENDING, List.of(2), NONE));
    }

    // --- R9 update ----------------------------------------------------------------------------

    @Test
    void r09_updateOnAPausedMonitorOnlyStoresTheSettings() {
        ModelSettings next = new ModelSettings(5_000, 2_000, 0);
        Script s = Script.begin().at(0, new Add("m1", SETTINGS)).then(new Update("m1", next));
        assertThat(s.state().settings("m1").get()).isEqualTo(next);
        assertThat(s.view()).isEqualTo(new ObservableView(List.of(Script.paused("m1")), Map.of(), List.of(), List.of(), List.of(), false));
    }

    @Test
    void r09_updateOnAMonitoringMonitorCancelsReschedulesAndRequestsKeepingStatus() {
        ModelSettings next = new ModelSettings(5_000, 2_000, 0);
        Script s = started().returns(100, "m1", Outcome.UP).fire(TimerKind.TICK, "m1").at(2_500, new Update("m1", next));
        assertThat(s.monitor("m1")).isEqualTo(Script.view("m1", true, Status.UP, List.of(2), SCHEDULED,
                Script.up(1, 100, 100)));
        assertThat(s.view().registry()).isEqualTo(Map.of(2, OperationState.CANCELLED));
        assertThat(s.timer(TimerKind.TICK, "m1").get().dueAtMs()).isEqualTo(7_500);
        s.returns(2_600, "m1", Outcome.UP);
        assertThat(s.timer(TimerKind.DEADLINE, "m1").get().dueAtMs()).as("op#3 uses the new settings").isEqualTo(2_600 + 2_000 + 5_000);
        assertThat(s.lastEvents()).isEmpty();
    }

    @Test
    void r09_invalidOrUnknownUpdatesFail() {
        Script s = Script.begin().at(0, new Add("m1", SETTINGS)).then(new Update("m1", new ModelSettings(10, 1_000, 0)));
        assertThat(s.last().commandFailed()).isTrue();
        assertThat(s.state().settings("m1").get()).isEqualTo(SETTINGS);
        s.then(new Update("m9", SETTINGS));
        assertThat(s.last().commandFailed()).isTrue();
    }

    @Test
    void r09_aCommittedUpdateDropsAStaleId() {
        Script s = Script.begin().at(0, new Add("m1", SETTINGS)).then(new CheckNow("m1")).then(new StoreFails())
                .returns(100, "m1", Outcome.UP);
        assertThat(s.monitor("m1").activeOperations()).as("apply failed: stale").containsExactly(1);
        s.at(200, new Update("m1", SETTINGS));
        assertThat(s.monitor("m1").activeOperations()).isEmpty();
    }

    // --- R10 remove ---------------------------------------------------------------------------

    @Test
    void r10_removeDeletesTheMonitorItsOperationsTimersAndWaitingRequest() {
        Script s = started().at(100, new CheckNow("m1")).at(200, new Remove("m1"));
        assertThat(s.view()).isEqualTo(new ObservableView(List.of(), Map.of(), List.of(),
                List.of(new MonitoringStarted("m1"), new StatusChanged("m1", Status.PAUSED, Status.PENDING)), List.of(), false));
        s.at(300, new AttemptCompleted(1, 1, Outcome.UP, 300));
        assertThat(s.last().note()).contains("ignored");
        s.then(new Remove("m1"));
        assertThat(s.last().commandFailed()).isTrue();
    }

    // --- R11 startAll / stopAll ---------------------------------------------------------------

    @Test
    void r11_startAllAndStopAllRunPerMonitorInAscendingIdOrder() {
        Script s = Script.begin().at(0, new Add("m2", SETTINGS)).then(new Add("m1", SETTINGS)).then(new StartAll());
        assertThat(s.lastEvents()).containsExactly(
                new MonitoringStarted("m1"), new StatusChanged("m1", Status.PAUSED, Status.PENDING),
                new MonitoringStarted("m2"), new StatusChanged("m2", Status.PAUSED, Status.PENDING));
        assertThat(s.monitor("m1").activeOperations()).containsExactly(1);
        assertThat(s.monitor("m2").activeOperations()).containsExactly(2);
        s.at(100, new StopAll());
        assertThat(s.lastEvents()).containsExactly(
                new MonitoringStopped("m1"), new StatusChanged("m1", Status.PENDING, Status.PAUSED),
                new MonitoringStopped("m2"), new StatusChanged("m2", Status.PENDING, Status.PAUSED));
    }

    @Test
    void r11_theFirstFailureStopsTheLoop() {
        Script s = Script.begin().at(0, new Add("m1", SETTINGS)).then(new Add("m2", SETTINGS)).then(new Add("m3", SETTINGS))
                .then(new Start("m1")).then(new StoreFails()).then(new StartAll());
        assertThat(s.last().commandFailed()).isTrue();
        assertThat(s.lastEvents()).containsExactly(new StoreFailed(Transaction.START, Optional.of("m2")));
        assertThat(s.view().monitors()).extracting(MonitorView::monitoring).containsExactly(true, false, false);
    }

    // --- R12 store failure --------------------------------------------------------------------

    static Stream<Arguments> failingCommands() {
        return Stream.of(
                Arguments.of(new Add("m2", SETTINGS), Transaction.INSERT),
                Arguments.of(new Update("m1", new ModelSettings(5_000, 1_000, 0)), Transaction.UPDATE_SETTINGS),
                Arguments.of(new Remove("m1"), Transaction.DELETE),
                Arguments.of(new Stop("m1"), Transaction.STOP),
                Arguments.of(new StopAll(), Transaction.STOP));
    }

    @ParameterizedTest
    @MethodSource("failingCommands")
    void r12_aFailedCommandChangesNothingAndIsReported(ModelEvent command, Transaction transaction) {
        Script s = started().at(100, new StoreFails());
        ObservableView before = s.view();
        s.at(200, command);
        assertThat(s.last().commandFailed()).isTrue();
        assertThat(s.lastEvents()).singleElement().isInstanceOfSatisfying(StoreFailed.class,
                f -> assertThat(f.transaction()).isEqualTo(transaction));
        assertThat(s.view().monitors()).isEqualTo(before.monitors());
        assertThat(s.view().registry()).isEqualTo(before.registry());
        assertThat(s.view().timers()).isEqualTo(before.timers());
        assertThat(s.state().settings("m1").get()).isEqualTo(SETTINGS);
    }

    @Test
    void r12_aFailedStartChangesNothing() {
        Script s = Script.begin().at(0, new Add("m1", SETTINGS)).then(new StoreFails()).then(new Start("m1"));
        assertThat(s.last().commandFailed()).isTrue();
        assertThat(s.view()).isEqualTo(new ObservableView(List.of(Script.paused("m1")), Map.of(), List.of(),
                List.of(new StoreFailed(Transaction.START, Optional.of("m1"))), List.of(), false));
    }

    @Test
    void r12_aFailedBeginConsumesTheRequestAndTheNumberAndTheNextTickBegins() {
        Script s = started().returns(100, "m1", Outcome.UP).then(new StoreFails()).fire(TimerKind.TICK, "m1");
        assertThat(s.last().commandFailed()).isFalse();
        assertThat(s.lastEvents()).containsExactly(new StoreFailed(Transaction.BEGIN, Optional.of("m1")));
        assertThat(s.view().registry()).isEmpty();
        assertThat(s.monitor("m1").status()).isEqualTo(Status.UP);
        s.fire(TimerKind.TICK, "m1");
        assertThat(s.monitor("m1").activeOperations()).containsExactly(3);
    }

    @Test
    void r12_aFailedApplyDiscardsAndLeavesTheIdStaleUntilTheNextCommit() {
        Script s = started().then(new StoreFails()).returns(100, "m1", Outcome.UP);
        assertThat(s.lastEvents()).containsExactly(new StoreFailed(Transaction.APPLY, Optional.of("m1")));
        assertThat(s.monitor("m1")).isEqualTo(Script.view("m1", true, Status.PENDING, List.of(1), NONE));
        assertThat(s.view().registry()).isEmpty();
        s.fire(TimerKind.TICK, "m1");
        assertThat(s.monitor("m1").activeOperations()).containsExactly(2);
    }

    @Test
    void r12_aFailedUnlistLeavesTheIdStaleAndTheNextBeginReplacesIt() {
        Script s = started().returns(100, "m1", Outcome.DOWN).then(new StoreFails()).at(200, new CheckNow("m1"));
        assertThat(s.lastEvents()).containsExactly(new StoreFailed(Transaction.UNLIST, Optional.of("m1")));
        assertThat(s.last().commandFailed()).isFalse();
        assertThat(s.monitor("m1").activeOperations()).containsExactly(2);
    }

    // --- R13 crash / restart ------------------------------------------------------------------

    @Test
    void r13_aCrashKeepsTheStoreAndRestartResumesMonitoringMonitors() {
        Script s = Script.begin().at(0, new Add("m1", SETTINGS)).then(new Add("m2", SETTINGS)).then(new CheckNow("m2"))
                .returns(50, "m2", Outcome.UP).then(new Start("m1")).at(100, new Crash());
        List<Observation> events = s.view().events();
        assertThat(s.view()).isEqualTo(new ObservableView(
                List.of(Script.view("m1", true, Status.PENDING, List.of(2), NONE), Script.paused("m2", Script.up(1, 50, 50))),
                Map.of(), List.of(), events, List.of(), true));
        s.at(150, new Start("m2"));
        assertThat(s.last().commandFailed()).as("the engine is down").isTrue();
        s.at(200, new Restart());
        assertThat(s.lastEvents()).isEmpty();
        assertThat(s.view()).isEqualTo(new ObservableView(
                List.of(Script.view("m1", true, Status.PENDING, List.of(3), NONE), Script.paused("m2", Script.up(1, 50, 50))),
                Map.of(3, OperationState.ACTIVE),
                List.of(new TimerView(TimerKind.TICK, "m1", 2_200), new TimerView(TimerKind.ATTEMPT_TIMEOUT, "m1", 1_200),
                        new TimerView(TimerKind.DEADLINE, "m1", 7_700)),
                events, List.of(), false));
        s.at(300, new AttemptCompleted(2, 1, Outcome.UP, 300));
        assertThat(s.last().note()).contains("ignored");
    }

    @Test
    void r13_aFailedRecoverLeavesTheEngineDown() {
        Script s = started().at(100, new Crash()).then(new StoreFails()).at(200, new Restart());
        assertThat(s.last().commandFailed()).isTrue();
        assertThat(s.lastEvents()).containsExactly(new StoreFailed(Transaction.RECOVER, Optional.empty()));
        assertThat(s.view().crashed()).isTrue();
        assertThat(s.monitor("m1").activeOperations()).as("recover changed nothing").containsExactly(1);
        s.at(300, new Restart());
        assertThat(s.view().crashed()).isFalse();
        assertThat(s.monitor("m1").activeOperations()).containsExactly(2);
    }

    @Test
    void r13_recoverRunsEvenWithNothingListed() {
        Script s = Script.begin().at(0, new Add("m1", SETTINGS)).then(new Crash()).then(new StoreFails()).then(new Restart());
        assertThat(s.lastEvents()).containsExactly(new StoreFailed(Transaction.RECOVER, Optional.empty()));
    }
}
