package dev.vigil.simulation.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.InvalidSettingsException;
import dev.vigil.model.AwaitedChecks;
import dev.vigil.model.InFlightAttempt;
import dev.vigil.model.ModelEvent;
import dev.vigil.model.ModelSettings;
import dev.vigil.model.Outcome;
import dev.vigil.model.Timer;
import dev.vigil.model.TimerKind;
import dev.vigil.simulation.runtime.SimulatedTimer;
import dev.vigil.simulation.variant.EngineVariant;
import dev.vigil.simulation.variant.FallbackVariant;
import dev.vigil.simulation.variant.RealEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Schedules written out event by event, run in lockstep with the model on both shipped
 * compositions: each lines up what the swarm's seeds and the standard scopes reach only by luck
 * (a deadline that fires after a cancel while a request waits, a store fault that meets the
 * unlist it causes, a timer whose task was handed over just before the command that cancelled
 * it) or never draw at all (ids a user mistypes). They take milliseconds: a mutation run tries
 * its fastest tests first, so a broken path fails here at once, where the swarm might first spend
 * its time limit on a run that no longer ends.
 */
class ScriptedSchedulesTest {
    private static final ModelSettings NO_RETRIES = new ModelSettings(2_000, 1_000, 0);
    private static final ModelSettings ONE_RETRY = new ModelSettings(2_000, 1_000, 1);
    private static final List<EngineVariant> SHIPPED = List.of(new RealEngine(), new FallbackVariant());

    @Test
    void aCheckRetriesAfterAFailureAndEachCancelEndsItAsTheModelSays() {
        for (EngineVariant variant : SHIPPED) {
            try (Script script = new Script(variant)) {
                script.at(0, new ModelEvent.Add("m1", ONE_RETRY));
                script.at(0, new ModelEvent.Start("m1"));
                script.answer(1, 1, Outcome.DOWN, 100);
                script.fire(TimerKind.RETRY, 1);
                script.answer(1, 2, Outcome.UP, 200);
                // The next check times out and waits out its back-off; stop cancels it there (SPEC R5).
                script.fireTick("m1");
                script.fire(TimerKind.ATTEMPT_TIMEOUT, 2);
                script.now(new ModelEvent.Stop("m1"));
                // A manual check in its back-off is cancelled by the next checkNow, which begins at once.
                script.now(new ModelEvent.CheckNow("m1"));
                script.answer(3, 1, Outcome.DOWN, 50);
                script.now(new ModelEvent.CheckNow("m1"));
                script.answer(4, 1, Outcome.UP, 50);
                // Started again while a manual check's probe is out: the check is cancelled, its late return discarded.
                script.now(new ModelEvent.CheckNow("m1"));
                script.now(new ModelEvent.Start("m1"));
                script.answer(5, 1, Outcome.UP, 30);
                script.answer(6, 1, Outcome.DOWN, 30);
                script.fire(TimerKind.RETRY, 6);
                script.answer(6, 2, Outcome.UP, 10);

                assertThat(script.lockstep.model().inFlight()).as(variant.name()).isEmpty();
            }
        }
    }

    @Test
    void updateRemoveAndCloseWhileAProbeIsOut() {
        for (EngineVariant variant : SHIPPED) {
            try (Script script = new Script(variant)) {
                script.at(0, new ModelEvent.Add("m1", ONE_RETRY));
                script.at(0, new ModelEvent.Add("m2", NO_RETRIES));
                script.at(0, new ModelEvent.StartAll());
                script.at(10, new ModelEvent.Update("m1", NO_RETRIES));
                // op#1 was cancelled by the update; its return is discarded and the waiting request begins op#3.
                script.answer(1, 1, Outcome.UP, 20);
                script.answer(2, 1, Outcome.UP, 40);
                script.answer(3, 1, Outcome.DOWN, 30);
                script.fireTick("m2");
                script.now(new ModelEvent.Remove("m2"));
                script.fireTick("m1");
                script.now(new ModelEvent.Close());
            }
        }
    }

    @Test
    void timersWhoseTasksWereHandedOverBeforeTheirCancelChangeNothing() {
        for (EngineVariant variant : SHIPPED) {
            try (Script script = new Script(variant)) {
                script.at(0, new ModelEvent.Add("m1", ONE_RETRY));
                script.at(0, new ModelEvent.Start("m1"));
                // The attempt timeout is handed over; the probe returns before its task runs.
                script.late(TimerKind.ATTEMPT_TIMEOUT, 1, () -> script.answer(1, 1, Outcome.UP, 1_000));
                // The tick is handed over; stop runs before its task.
                script.late(TimerKind.TICK, 0, () -> script.now(new ModelEvent.Stop("m1")));
                script.now(new ModelEvent.CheckNow("m1"));
                script.answer(2, 1, Outcome.DOWN, 10);
                // The retry is handed over; a checkNow cancels the back-off before its task runs.
                script.late(TimerKind.RETRY, 2, () -> script.now(new ModelEvent.CheckNow("m1")));
                // The attempt timeout of op#3 is handed over; a checkNow cancels op#3 first.
                script.late(TimerKind.ATTEMPT_TIMEOUT, 3, () -> script.now(new ModelEvent.CheckNow("m1")));
                // op#3 left with its timeout; op#4 is out now. Its deadline is handed over after it settled.
                script.answer(4, 1, Outcome.UP, 10);
                // The attempt timeout of op#5's first attempt is handed over; the attempt fails and the
                // retry starts attempt 2 before the task runs, which must not time attempt 2 out.
                script.now(new ModelEvent.Start("m1"));
                script.late(TimerKind.ATTEMPT_TIMEOUT, 5, () -> {
                    script.answer(5, 1, Outcome.DOWN, 1_000);
                    script.fire(TimerKind.RETRY, 5);
                });
                script.answer(5, 2, Outcome.UP, 10);
                // After a pause the deadline of op#6 is handed over, and its probe returns before the task runs.
                script.fireTick("m1");
                script.pauseUntilDeadlineOf(6);
                script.late(TimerKind.DEADLINE, 6, () -> script.answer(6, 1, Outcome.UP, script.lockstep.clock().monotonicMs()
                        - script.startOf(6, 1)));
            }
        }
    }

    @Test
    void stopAndRemoveDropTheManualRequestWaitingForACancelledProbe() {
        for (EngineVariant variant : SHIPPED) {
            try (Script script = new Script(variant)) {
                script.at(0, new ModelEvent.Add("m1", NO_RETRIES));
                script.at(0, new ModelEvent.Start("m1"));
                // op#1 is cancelled with its probe out, so the checkNow's request waits; stop drops it (SPEC R3).
                script.at(10, new ModelEvent.CheckNow("m1"));
                script.now(new ModelEvent.Stop("m1"));
                script.answer(1, 1, Outcome.UP, 20);
                assertThat(script.lockstep.model().inFlight()).as(variant.name()).isEmpty();
                // The same with remove; a monitor added again under the id must not inherit the request.
                script.now(new ModelEvent.CheckNow("m1"));
                script.answer(2, 1, Outcome.UP, 10);
                script.now(new ModelEvent.CheckNow("m1"));
                script.now(new ModelEvent.CheckNow("m1"));
                script.now(new ModelEvent.Remove("m1"));
                script.now(new ModelEvent.Add("m1", NO_RETRIES));
                script.now(new ModelEvent.CheckNow("m1"));
                script.answer(4, 1, Outcome.UP, 10);

                assertThat(script.lockstep.model().inFlight()).as(variant.name()).isEmpty();
            }
        }
    }

    @Test
    void aRetryHandedOverBeforeTheMonitorWasRemovedChangesNothing() {
        for (EngineVariant variant : SHIPPED) {
            try (Script script = new Script(variant)) {
                script.at(0, new ModelEvent.Add("m1", ONE_RETRY));
                script.at(0, new ModelEvent.CheckNow("m1"));
                script.answer(1, 1, Outcome.DOWN, 10);
                // The task finds no state of the monitor at all, not a stale one.
                script.late(TimerKind.RETRY, 1, () -> script.now(new ModelEvent.Remove("m1")));

                assertThat(script.lockstep.model().monitorIds()).as(variant.name()).isEmpty();
            }
        }
    }

    @Test
    void aDeadlineAfterACancelFreesTheMonitorAndStartsTheWaitingRequest() {
        for (EngineVariant variant : SHIPPED) {
            try (Script script = new Script(variant)) {
                script.at(0, new ModelEvent.Add("m1", NO_RETRIES));
                script.at(0, new ModelEvent.CheckNow("m1"));
                // Cancels op#1 while its probe is out: the manual request waits for it (SPEC R4).
                script.at(10, new ModelEvent.CheckNow("m1"));
                script.pauseUntilDeadlineOf(1);
                // The pause made the attempt timeout and the deadline due together; the deadline goes
                // first, so op#1 leaves by it, and the waiting request must begin op#2 at once.
                script.now(new ModelEvent.Deadline(1));

                assertThat(script.lockstep.model().inFlight()).as(variant.name()).hasSize(1);
            }
        }
    }

    @Test
    void aDeadlineOfAnActiveCheckLandsDownWhenItsAttemptTimeoutIsLate() {
        for (EngineVariant variant : SHIPPED) {
            try (Script script = new Script(variant)) {
                script.at(0, new ModelEvent.Add("m1", NO_RETRIES));
                script.at(0, new ModelEvent.Start("m1"));
                script.pauseUntilDeadlineOf(1);
                script.now(new ModelEvent.Deadline(1));
                script.now(new ModelEvent.CheckNow("m1"));

                assertThat(script.lockstep.model().inFlight()).as(variant.name()).hasSize(1);
            }
        }
    }

    @Test
    void aStoreFaultStrikesTheUnlistOfADeadlineAfterACancelAndNotTheWaitingRequestsBegin() {
        for (EngineVariant variant : SHIPPED) {
            try (Script script = new Script(variant)) {
                script.at(0, new ModelEvent.Add("m1", NO_RETRIES));
                script.at(0, new ModelEvent.CheckNow("m1"));
                script.at(10, new ModelEvent.CheckNow("m1"));
                script.pauseUntilDeadlineOf(1);
                script.now(new ModelEvent.StoreFails());
                // The unlist of op#1 takes the failure; the begin of op#2 after it commits.
                script.now(new ModelEvent.Deadline(1));

                assertThat(script.lockstep.model().storeFailArmed()).as(variant.name()).isFalse();
                assertThat(script.lockstep.model().inFlight()).as(variant.name()).hasSize(1);
            }
        }
    }

    @Test
    void aStoreFaultStrikesTheUnlistOfADiscardedReturnAndNotTheWaitingRequestsBegin() {
        for (EngineVariant variant : SHIPPED) {
            try (Script script = new Script(variant)) {
                script.at(0, new ModelEvent.Add("m1", NO_RETRIES));
                script.at(0, new ModelEvent.CheckNow("m1"));
                script.at(10, new ModelEvent.CheckNow("m1"));
                script.now(new ModelEvent.StoreFails());
                // op#1 was cancelled: its return is discarded and unlisted, which takes the failure;
                // without the unlist the begin of the waiting op#2 would take it instead.
                script.answer(1, 1, Outcome.UP, 20);

                assertThat(script.lockstep.model().storeFailArmed()).as(variant.name()).isFalse();
                assertThat(script.lockstep.model().inFlight()).as(variant.name()).hasSize(1);
            }
        }
    }

    @Test
    void pruningKeepsTheNewestRecordsStopsAtAStoreFaultAndLeavesTheLastCheckedAtWhenItTakesEveryRecord() {
        for (EngineVariant variant : SHIPPED) {
            try (Script script = new Script(variant)) {
                script.at(0, new ModelEvent.Add("m1", NO_RETRIES));
                script.at(0, new ModelEvent.Add("m2", NO_RETRIES));
                script.at(0, new ModelEvent.StartAll());
                script.answer(1, 1, Outcome.UP, 10);
                script.answer(2, 1, Outcome.DOWN, 20);
                script.fireTick("m1");
                script.answer(3, 1, Outcome.UP, 30);
                script.fireTick("m2");
                script.answer(4, 1, Outcome.UP, 40);
                // The lockstep holds the engine's count, its history pages and its snapshots to the model's after each step.
                script.now(new ModelEvent.PruneHistory(0, 1));
                assertThat(script.lockstep.model().historySize("m1")).as(variant.name()).isEqualTo(1);
                // Nothing left to delete, yet m1's transaction runs, takes the failure and ends the pruning.
                script.now(new ModelEvent.StoreFails());
                script.now(new ModelEvent.PruneHistory(0, 1));
                assertThat(script.lockstep.model().storeFailArmed()).as(variant.name()).isFalse();
                // An hour on the wall clock later every record is older than a minute: all go, the last check's time stays.
                script.now(new ModelEvent.ClockJump(3_600_000));
                script.now(new ModelEvent.PruneHistory(60_000, 0));
                assertThat(script.lockstep.model().historySize("m1")).as(variant.name()).isZero();
                assertThat(script.lockstep.model().monitorView("m1", 0).orElseThrow().lastCheckedAtMs()).as(variant.name()).isPresent();
                // New records after a pruning are appended as ever.
                script.fireTick("m1");
                script.answer(5, 1, Outcome.DOWN, 10);
                assertThat(script.lockstep.model().historySize("m1")).as(variant.name()).isEqualTo(1);
            }
        }
    }

    @Test
    void aCheckThatFindsNoFreshOperationIdDoesNotBeginAndTheMonitorGoesOnAtItsNextTick() {
        for (EngineVariant variant : SHIPPED) {
            try (Script script = new Script(variant)) {
                script.at(0, new ModelEvent.Add("m1", NO_RETRIES));
                // start commits, then its check meets a source that refuses every candidate: nothing begins, start returns true.
                script.now(new ModelEvent.IdsRunOut());
                script.now(new ModelEvent.Start("m1"));
                assertThat(script.lockstep.model().idsRunOutArmed()).as(variant.name()).isFalse();
                assertThat(script.lockstep.model().inFlight()).as(variant.name()).isEmpty();
                // The tick comes as ever; its check is op#1: operations are numbered by the ids issued.
                script.fireTick("m1");
                script.answer(1, 1, Outcome.UP, 10);
                // A checkNow whose check finds no id: its caller fails with the exhaustion (the lockstep judges its stage).
                script.now(new ModelEvent.IdsRunOut());
                script.now(new ModelEvent.CheckNow("m1"));
                assertThat(script.lockstep.model().inFlight()).as(variant.name()).isEmpty();
                // The id is issued before the begin transaction: a check that finds no id leaves a store fault armed for the next.
                script.now(new ModelEvent.StoreFails());
                script.now(new ModelEvent.IdsRunOut());
                script.fireTick("m1");
                assertThat(script.lockstep.model().storeFailArmed()).as(variant.name()).isTrue();
                script.fireTick("m1");
                assertThat(script.lockstep.model().storeFailArmed()).as(variant.name()).isFalse();
                script.fireTick("m1");
                script.answer(3, 1, Outcome.DOWN, 10);
                assertThat(script.lockstep.model().historySize("m1")).as(variant.name()).isEqualTo(2);
            }
        }
    }

    @Test
    void anUpdateDropsTheStaleIdAFailedApplyLeftListed() {
        for (EngineVariant variant : SHIPPED) {
            try (Script script = new Script(variant)) {
                script.at(0, new ModelEvent.Add("m1", NO_RETRIES));
                script.at(0, new ModelEvent.CheckNow("m1"));
                script.now(new ModelEvent.StoreFails());
                // The apply fails: op#1 stays listed in the store, stale (SEMANTICS); the monitor is
                // paused, so no begin replaces the list before the update, which must drop it (I4).
                script.answer(1, 1, Outcome.UP, 20);
                assertThat(script.lockstep.model().inFlight()).as(variant.name()).isEmpty();
                script.now(new ModelEvent.Update("m1", ONE_RETRY));
                // And a stale id the update keeps must not be mistaken for a live one by the next check.
                script.now(new ModelEvent.CheckNow("m1"));
                script.answer(2, 1, Outcome.DOWN, 20);
                script.fire(TimerKind.RETRY, 2);
                script.answer(2, 2, Outcome.UP, 20);
            }
        }
    }

    @Test
    void idsOutsideTheDocumentedShapeAreRefusedAndThoseAtItsEdgesAccepted() {
        for (EngineVariant variant : SHIPPED) {
            try (Script script = new Script(variant)) {
                for (String refused : List.of("", "-api", ".hidden", "_x", "with space", "a".repeat(65), "ünïcode", "a/b")) {
                    script.at(0, new ModelEvent.Add(refused, NO_RETRIES));
                }
                for (String accepted : List.of("a", "9", "a".repeat(64), "Db.primary_2-eu")) {
                    script.at(0, new ModelEvent.Add(accepted, NO_RETRIES));
                }
                assertThat(script.lockstep.model().monitorIds()).as(variant.name()).hasSize(4);
                // The model's events have no null id; the API documents null as malformed too.
                assertThatThrownBy(() -> script.lockstep.engine().add(null, EngineCommands.settings(NO_RETRIES)))
                        .as(variant.name()).isInstanceOf(InvalidSettingsException.class)
                        // A null, not the text 'null': the message must not pass off a missing id as one named "null".
                        .hasMessageStartingWith("id = null is invalid");
            }
        }
    }

    @Test
    void oneCheckNowMoreThanMayWaitForAMonitorFailsAtOnce() {
        int waitingMax = AwaitedChecks.WAITING_PER_MONITOR_MAX;
        for (EngineVariant variant : SHIPPED) {
            try (Script script = new Script(variant, waitingMax + 20)) {
                script.at(0, new ModelEvent.Add("m1", NO_RETRIES));
                script.at(0, new ModelEvent.Add("m2", NO_RETRIES));
                script.at(0, new ModelEvent.Start("m1"));
                // The first cancels the start's check; it and the others wait for that probe to come back,
                // and the one beyond the limit fails at once.
                for (int caller = 1; caller <= waitingMax + 1; caller++) {
                    script.now(new ModelEvent.CheckNow("m1"));
                }
                // The limit is per monitor: m2's caller follows m2's check (op#2).
                script.now(new ModelEvent.CheckNow("m2"));
                // m1's cancelled probe comes back: its waiting request begins op#3, which the waiting callers follow.
                script.answer(1, 1, Outcome.UP, 20);
                // Callers following a check count too: this one fails at once, and cancels op#3 all the same.
                script.now(new ModelEvent.CheckNow("m1"));
                script.answer(2, 1, Outcome.DOWN, 30);
                script.answer(3, 1, Outcome.UP, 20);
                script.answer(4, 1, Outcome.UP, 20);
                // Every caller has had its fate: one may wait again.
                script.now(new ModelEvent.CheckNow("m1"));
                script.answer(5, 1, Outcome.DOWN, 20);

                assertThat(script.lockstep.model().inFlight()).as(variant.name()).isEmpty();
            }
        }
    }

    /** One lockstep run, advanced by hand; every step must leave the engine equal to the model. */
    private static final class Script implements AutoCloseable {
        final Lockstep lockstep;
        final String variant;

        Script(EngineVariant variant) {
            this(variant, 200);
        }

        Script(EngineVariant variant, int eventsMax) {
            this.lockstep = new Lockstep(variant, RunLimits.exhaustive(eventsMax));
            this.variant = variant.name();
        }

        void at(long atMs, ModelEvent event) {
            boolean goesOn = lockstep.apply(atMs, event);
            assertThat(goesOn).as("%s at %d ms, %s: %s", variant, atMs, event.describe(), problem()).isTrue();
        }

        void now(ModelEvent event) {
            at(lockstep.clock().monotonicMs(), event);
        }

        /** Attempt {@code attempt} of operation {@code number} returns {@code outcome}, {@code latencyMs} after it started. */
        void answer(int number, int attempt, Outcome outcome, long latencyMs) {
            at(startOf(number, attempt) + latencyMs, new ModelEvent.AttemptCompleted(number, attempt, outcome, latencyMs));
        }

        long startOf(int number, int attempt) {
            return lockstep.model().inFlight()
                    .filter(a -> a.operation() == number && a.attempt() == attempt)
                    .map(InFlightAttempt::startedAtMs)
                    .getOrElseThrow(() -> new AssertionError(variant + ": op#" + number + " attempt " + attempt + " is not out"));
        }

        /** The model's pending timer of {@code kind} for operation {@code number} (0: a tick) fires when due. */
        void fire(TimerKind kind, int number) {
            Timer timer = timer(kind, number);
            at(Math.max(timer.dueAtMs(), lockstep.clock().monotonicMs()), timer.event());
        }

        void fireTick(String monitorId) {
            Timer tick = lockstep.model().pendingTimers().filter(t -> t.kind() == TimerKind.TICK && t.monitorId().equals(monitorId)).head();
            at(Math.max(tick.dueAtMs(), lockstep.clock().monotonicMs()), tick.event());
        }

        /**
         * When the timer falls due its task is handed to its thread, {@code between} runs first, then
         * the task: as a timer that production cancels too late to stop (SEMANTICS "Stale timers").
         */
        void late(TimerKind kind, int number, Runnable between) {
            Timer due = timer(kind, number);
            lockstep.clock().advanceTo(Math.max(due.dueAtMs(), lockstep.clock().monotonicMs()));
            SimulatedTimer engineTimer = lockstep.runtime().pendingTimers().stream()
                    .filter(t -> t.dueAtMs() == due.dueAtMs() && t.kind().name().equals(kind.name()) && t.monitorId().equals(due.monitorId()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(variant + ": the engine has no " + kind + " timer due at " + due.dueAtMs()));
            ModelEvent event = lockstep.dispatch(engineTimer);
            between.run();
            boolean goesOn = lockstep.runDispatched(engineTimer, event);
            assertThat(goesOn).as("%s, the late %s of op#%d: %s", variant, kind, number, problem()).isTrue();
        }

        /** A process pause that ends when the deadline of operation {@code number} is due: every timer due by then fires late. */
        void pauseUntilDeadlineOf(int number) {
            long deadlineAtMs = timer(TimerKind.DEADLINE, number).dueAtMs();
            at(deadlineAtMs, new ModelEvent.Pause(deadlineAtMs - lockstep.clock().monotonicMs()));
        }

        private Timer timer(TimerKind kind, int number) {
            return lockstep.model().pendingTimers()
                    .filter(t -> t.kind() == kind && (kind == TimerKind.TICK || t.operation() == number))
                    .headOption()
                    .getOrElseThrow(() -> new AssertionError(variant + ": the model has no " + kind + " timer of op#" + number
                            + "; pending: " + lockstep.model().pendingTimers()));
        }

        private String problem() {
            return lockstep.violation().map(Violation::headline).orElse("");
        }

        @Override
        public void close() {
            lockstep.close();
        }
    }
}
