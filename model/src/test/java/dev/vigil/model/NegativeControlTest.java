package dev.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * Negative controls: deliberately wrong models, each caught by the invariants on generated
 * sequences. If one of these passes, the invariants (or the generator) have gone blind.
 */
class NegativeControlTest {

    private static final int SEEDS_MAX = 300;
    private static final int EVENTS_MAX = 250;

    /** Applies the result of a cancelled operation, as if R6 did not check ACTIVE. */
    static final Stepper APPLIES_A_STALE_RESULT = (state, atMs, event) -> {
        Step step = Model.step(state, atMs, event);
        if (event instanceof ModelEvent.AttemptCompleted e && e.outcome() == Outcome.UP) {
            Option<Operation> op = state.operation(e.operation()).filter(o -> !o.isActive()
                    && o.inFlight().exists(a -> a.number() == e.attempt()));
            Option<Monitor> m = op.flatMap(o -> step.next().monitor(o.monitorId()));
            if (m.isDefined()) {
                Monitor written = m.get().withHistory(m.get().history()
                        .append(new HistoryRecord(e.operation(), atMs, Status.UP, e.latencyMs(), "stale")));
                return new Step(step.next().put(written), step.observations(), step.results(), step.note() + " [stale result applied]");
            }
        }
        return step;
    };

    /** Lets a manual check set the status of a stopped monitor (R8 says it stays PAUSED). */
    static final Stepper LETS_A_STOPPED_MONITOR_GO_UP = (state, atMs, event) -> {
        Step step = Model.step(state, atMs, event);
        ModelState next = step.next();
        for (Observation o : step.observations()) {
            if (o instanceof Observation.CheckCompleted c) {
                Option<Monitor> m = next.monitor(c.monitorId()).filter(x -> !x.monitoring());
                if (m.isDefined()) {
                    next = next.put(m.get().withStatus(c.status()));
                }
            }
        }
        return new Step(next, step.observations(), step.results(), step.note());
    };

    /** A timed-out attempt of a cancelled operation ends, but the operation stays in the registry. */
    static final Stepper LEAKS_AN_OPERATION_ON_TIMEOUT = (state, atMs, event) -> {
        Step step = Model.step(state, atMs, event);
        if (event instanceof ModelEvent.AttemptTimedOut e) {
            Option<Operation> op = state.operation(e.operation()).filter(o -> !o.isActive());
            if (op.isDefined() && step.next().operation(e.operation()).isEmpty()
                    && step.next().monitor(op.get().monitorId()).isDefined()) {
                return new Step(step.next().put(op.get().attemptEnded()), step.observations(), step.results(), step.note() + " [leaked]");
            }
        }
        return step;
    };

    /** Never gives up on a hung target: every timed-out attempt is retried, as if attempts were unbounded. */
    static final Stepper RETRIES_A_HUNG_TARGET_FOREVER = (state, atMs, event) -> {
        if (event instanceof ModelEvent.AttemptTimedOut e) {
            Option<Operation> op = state.operation(e.operation()).filter(Operation::isActive);
            if (op.isDefined()) {
                Operation o = op.get();
                Operation unbounded = new Operation(o.number(), o.monitorId(), o.manual(), o.state(), o.initiatedAtMs(),
                        o.deadlineAtMs(), o.timeoutMs(), o.attempts() + 1, o.inFlight(), o.backoff());
                Step step = Model.step(state.put(unbounded), atMs, event);
                return new Step(restoreAttempts(step.next(), o), step.observations(), step.results(), step.note());
            }
        }
        return Model.step(state, atMs, event);
    };

    private static ModelState restoreAttempts(ModelState s, Operation original) {
        return s.operation(original.number()).map(o -> s.put(new Operation(o.number(), o.monitorId(), o.manual(), o.state(),
                o.initiatedAtMs(), o.deadlineAtMs(), o.timeoutMs(), original.attempts(), o.inFlight(), o.backoff()))).getOrElse(s);
    }

    @Test
    void aModelThatAppliesAStaleResultIsCaughtByI2() {
        assertThat(firstViolations(APPLIES_A_STALE_RESULT, RandomRun.SCOPE)).extracting(InvariantViolation::invariant).contains("I2");
    }

    @Test
    void aModelThatLetsAStoppedMonitorGoUpIsCaughtByI1() {
        assertThat(firstViolations(LETS_A_STOPPED_MONITOR_GO_UP, RandomRun.SCOPE)).extracting(InvariantViolation::invariant).contains("I1");
    }

    @Test
    void aModelThatLeaksAnOperationOnTimeoutIsCaughtByI5() {
        assertThat(firstViolations(LEAKS_AN_OPERATION_ON_TIMEOUT, RandomRun.SCOPE)).extracting(InvariantViolation::invariant).contains("I5");
    }

    @Test
    void aModelThatNeverDetectsAHungTargetIsCaughtByI8() {
        // Every target hangs: no probe ever returns.
        Scope hanging = RandomRun.SCOPE.withOutcomes();
        assertThat(firstViolations(RETRIES_A_HUNG_TARGET_FOREVER, hanging)).extracting(InvariantViolation::invariant).contains("I8");
    }

    @Test
    void theCorrectModelPassesTheSameSearch() {
        assertThat(firstViolations(Stepper.MODEL, RandomRun.SCOPE.withOutcomes())).isEmpty();
    }

    /** The violations of the first seed whose generated sequence breaks an invariant; empty if none does. */
    private static List<InvariantViolation> firstViolations(Stepper stepper, Scope scope) {
        for (long seed = 0; seed < SEEDS_MAX; seed++) {
            RandomRun.Run run = RandomRun.run(seed, stepper, scope, EVENTS_MAX);
            if (!run.violations().isEmpty()) {
                System.out.println("negative control caught with " + run.describe());
                return run.violations();
            }
        }
        return List.empty();
    }
}
