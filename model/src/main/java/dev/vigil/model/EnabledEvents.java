package dev.vigil.model;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * The events that can happen next in a state, within a scope and a remaining budget, in a defined
 * order: commands (by monitor id: add, or update…, remove, start, stop, checkNow; then startAll,
 * stopAll), probe returns (by operation, then outcome in scope order), the delivery of the oldest
 * waiting event, the timers due first (in {@link ModelState#pendingTimers()} order; after a pause,
 * every overdue one), storeFails, a foreign recover, clock jumps (back, then forward), a pause, crash, close; while
 * crashed or closed only storeFails, clock jumps and restart.
 *
 * <p>Time is discretised: commands, probe returns, deliveries, faults and crashes happen now; the
 * timers due first move time forward, to their due time, and a pause moves it {@link #PAUSE_MS}
 * on without firing anything. So a probe's latency is the time from its start to now, and timers
 * due at the same time (or overdue after a pause) may fire in any order.
 */
public final class EnabledEvents {
    /** How far a clock jump in a scope moves the wall clock, either way. */
    public static final long CLOCK_JUMP_MS = 3_600_000;
    /** How long a pause in a scope freezes the process: long enough to make a deadline overdue with an attempt. */
    public static final long PAUSE_MS = 4_000;
    /**
     * How many committed events may wait undelivered before delivery is the only thing that can
     * happen next: a bound of exploration (like its depth), without which postponed deliveries
     * pile up into ever new states. Random runs have no such bound.
     */
    public static final int UNDELIVERED_MAX = 1;

    private EnabledEvents() {
    }

    /** @return the enabled events, in the order above */
    public static List<EnabledEvent> of(ModelState state, Scope scope, Budget remaining) {
        if (state.crashed()) {
            return now(state, remaining, faults(state, remaining).append(new ModelEvent.Restart()));
        }
        if (state.outbox().size() > UNDELIVERED_MAX) {
            return now(state, remaining, List.of(new ModelEvent.Deliver()));
        }
        List<ModelEvent> crash = remaining.crashes() > 0 ? List.of(new ModelEvent.Crash()) : List.empty();
        List<ModelEvent> close = remaining.closes() > 0 ? List.of(new ModelEvent.Close()) : List.empty();
        // Only when it would change something: an engine's memory lists an operation the store still lists.
        List<ModelEvent> foreign = remaining.foreignWrites() > 0
                && state.monitors().values().exists(m -> !m.activeOperations().isEmpty() && !m.storeUnlisted())
                ? List.of(new ModelEvent.ForeignRecover()) : List.empty();
        List<ModelEvent> deliver = state.outbox().isEmpty() ? List.empty() : List.of(new ModelEvent.Deliver());
        List<EnabledEvent> pause = remaining.pauses() > 0
                ? List.of(new EnabledEvent(state.nowMs() + PAUSE_MS, new ModelEvent.Pause(PAUSE_MS),
                        remaining.spend(state, new ModelEvent.Pause(PAUSE_MS))))
                : List.empty();
        return now(state, remaining, commands(state, scope, remaining).appendAll(returns(state, scope)).appendAll(deliver))
                .appendAll(firstDue(state, remaining))
                .appendAll(now(state, remaining, faults(state, remaining).appendAll(foreign)))
                .appendAll(pause)
                .appendAll(now(state, remaining, crash.appendAll(close)));
    }

    private static List<EnabledEvent> now(ModelState state, Budget remaining, List<ModelEvent> events) {
        return events.map(e -> new EnabledEvent(state.nowMs(), e, remaining.spend(state, e)));
    }

    /** The timers due first, or every overdue one (after a pause), now; they cost no budget. */
    private static List<EnabledEvent> firstDue(ModelState state, Budget remaining) {
        List<Timer> timers = state.pendingTimers();
        return timers.headOption()
                .map(first -> timers.takeWhile(t -> t.dueAtMs() == first.dueAtMs() || t.dueAtMs() <= state.nowMs())
                        .map(t -> new EnabledEvent(Math.max(t.dueAtMs(), state.nowMs()), t.event(), remaining)))
                .getOrElse(List.empty());
    }

    private static List<ModelEvent> commands(ModelState state, Scope scope, Budget remaining) {
        List<ModelEvent> events = List.empty();
        for (var entry : scope.monitors()) {
            String id = entry._1;
            if (remaining.commandsLeft(id) <= 0) {
                continue;
            }
            if (state.monitor(id).isEmpty()) {
                events = events.append(new ModelEvent.Add(id, entry._2));
            } else {
                events = events.appendAll(scope.updates().map(s -> new ModelEvent.Update(id, s)))
                        .appendAll(List.of(new ModelEvent.Remove(id), new ModelEvent.Start(id),
                                new ModelEvent.Stop(id), new ModelEvent.CheckNow(id)));
            }
        }
        List<String> present = state.monitorIds();
        if (scope.bulkCommands() && present.nonEmpty() && present.forAll(id -> remaining.commandsLeft(id) > 0)) {
            events = events.appendAll(List.of(new ModelEvent.StartAll(), new ModelEvent.StopAll()));
        }
        return events;
    }

    private static List<ModelEvent> returns(ModelState state, Scope scope) {
        return state.inFlight().flatMap(a -> scope.outcomes().map(outcome ->
                new ModelEvent.AttemptCompleted(a.operation(), a.attempt(), outcome, state.nowMs() - a.startedAtMs())));
    }

    private static List<ModelEvent> faults(ModelState state, Budget remaining) {
        List<ModelEvent> store = remaining.storeFaults() > 0 && !state.storeFailArmed() ? List.of(new ModelEvent.StoreFails()) : List.empty();
        List<ModelEvent> clock = remaining.clockJumps() > 0
                ? List.of(new ModelEvent.ClockJump(-CLOCK_JUMP_MS), new ModelEvent.ClockJump(CLOCK_JUMP_MS))
                : List.empty();
        return store.appendAll(clock);
    }
}
