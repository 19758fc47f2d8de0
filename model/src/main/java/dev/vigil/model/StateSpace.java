package dev.vigil.model;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Breadth-first enumeration of the abstract states reachable within a {@link Scope}, so the size
 * of what exhaustive exploration must cover is known. Every transition is also checked against
 * I1–I8 on the concrete states first reached.
 *
 * <p>The abstraction keeps what decides the future and drops what only records the past:
 * absolute time (timers are kept relative to now), operation numbers (an id is "the monitor's
 * live operation" or "stale"), history, the event log, probe latencies and I8's bookkeeping.
 * The remaining budget is part of the key.
 *
 * <p>Run {@code java -cp <classes>:<vavr.jar> dev.vigil.model.StateSpace} to print the counts
 * recorded in model/README.md.
 */
public final class StateSpace {

    /** The limit of one enumeration; {@link Result#complete()} says whether it was reached. */
    public static final int STATES_MAX_DEFAULT = 2_000_000;

    private StateSpace() {
    }

    /**
     * The outcome of an enumeration.
     *
     * @param states      distinct abstract states (with budget) reached
     * @param transitions enabled events stepped
     * @param depthMax    the longest shortest path from the initial state, in events
     * @param complete    false if {@code statesMax} stopped the enumeration
     * @param violations  the first invariant violations met (at most 10)
     */
    public record Result(long states, long transitions, int depthMax, boolean complete, List<String> violations) {
    }

    /** @return the enumeration of {@code scope}, stopping after {@code statesMax} states */
    public static Result explore(Scope scope, int statesMax) {
        Set<Object> seen = new HashSet<>();
        ArrayDeque<Tuple2<ModelState, Budget>> frontier = new ArrayDeque<>();
        ArrayDeque<Integer> depths = new ArrayDeque<>();
        ModelState initial = scope.initialState();
        seen.add(key(initial, scope.budget()));
        frontier.add(Tuple.of(initial, scope.budget()));
        depths.add(0);
        long transitions = 0;
        int depthMax = 0;
        List<String> violations = List.empty();
        while (!frontier.isEmpty()) {
            Tuple2<ModelState, Budget> at = frontier.poll();
            int depth = depths.poll();
            depthMax = Math.max(depthMax, depth);
            for (EnabledEvent enabled : EnabledEvents.of(at._1, scope, at._2)) {
                transitions++;
                ModelState next = Model.step(at._1, enabled.atMs(), enabled.event()).next();
                if (violations.size() < 10) {
                    violations = violations.appendAll(Invariants.check(at._1, enabled.event(), next)
                            .map(v -> v + " (after " + enabled.event().describe() + ")"));
                }
                if (seen.add(key(next, enabled.remaining()))) {
                    if (seen.size() > statesMax) {
                        return new Result(seen.size(), transitions, depthMax, false, violations);
                    }
                    frontier.add(Tuple.of(next, enabled.remaining()));
                    depths.add(depth + 1);
                }
            }
        }
        return new Result(seen.size(), transitions, depthMax, true, violations);
    }

    /** The small scopes whose counts model/README.md records, with their names. */
    public static List<Tuple2<String, Scope>> recordedScopes() {
        ModelSettings s = new ModelSettings(2_000, 1_000, 1);
        return List.of(
                Tuple.of("A  1 monitor, 3 commands", Scope.uniform(1, s, 3, 0, 0)),
                Tuple.of("B  1 monitor, 3 commands, 1 store fault, 1 crash", Scope.uniform(1, s, 3, 1, 1)),
                Tuple.of("C  1 monitor, 4 commands, 1 store fault, 1 crash, update to retries 0",
                        Scope.uniform(1, s, 4, 1, 1).withUpdates(new ModelSettings(2_000, 1_000, 0))),
                Tuple.of("D  2 monitors, 2 commands each", Scope.uniform(2, s, 2, 0, 0)),
                Tuple.of("E  2 monitors, 2 commands each, 1 store fault, 1 crash", Scope.uniform(2, s, 2, 1, 1)));
    }

    /** Prints the state counts of {@link #recordedScopes()}. */
    public static void main(String[] args) {
        int statesMax = args.length > 0 ? Integer.parseInt(args[0]) : STATES_MAX_DEFAULT;
        for (Tuple2<String, Scope> named : recordedScopes()) {
            long startedNs = System.nanoTime();
            Result r = explore(named._2, statesMax);
            System.out.printf("%-70s states %,10d%s  transitions %,11d  depth %3d  violations %d  (%d ms)%n",
                    named._1, r.states(), r.complete() ? "" : "+", r.transitions(), r.depthMax(), r.violations().size(),
                    (System.nanoTime() - startedNs) / 1_000_000);
            r.violations().forEach(v -> System.out.println("  " + v));
        }
    }

    // --- the abstraction --------------------------------------------------------------------

    private record AbstractState(boolean crashed, boolean closed, boolean storeFailArmed, boolean catchingUp, List<AbstractMonitor> monitors,
            List<String> outbox, Budget budget) {
    }

    private record AbstractMonitor(String id, ModelSettings settings, boolean monitoring, Status status,
                                   List<String> listed, Option<Boolean> waitingManual, Option<Long> tickInMs,
                                   Option<AbstractOperation> operation, boolean storeUnlisted, Option<Long> hangForMs,
                                   boolean operationUnlistedByAnotherWriter, long pauseEndedInMs) {
    }

    private record AbstractOperation(boolean manual, OperationState state, long deadlineInMs, long timeoutMs, int attempts,
                                     Option<Tuple2<Integer, Long>> attemptTimeoutInMs, Option<Tuple2<Integer, Long>> retryInMs) {
    }

    /**
     * The abstract state: what decides the future, with absolute time, operation numbers, history
     * and the event log dropped. Two states with equal keys have the same futures, so an explorer
     * that reached one may skip the other.
     */
    public static Object key(ModelState state, Budget budget) {
        long now = state.nowMs();
        // I8's bookkeeping decides later verdicts: how long the target has hung, and whether the
        // attempt in flight can count as a hang.
        long lastPauseEnd = state.lastPauseEndMs();
        List<AbstractMonitor> monitors = state.monitors().values().toList().map(m -> {
            Option<Operation> op = state.operationOf(m.id());
            List<String> listed = m.activeOperations().map(n -> op.exists(o -> o.number() == n) ? "live" : "stale");
            return new AbstractMonitor(m.id(), m.settings(), m.monitoring(), m.status(), listed, m.waitingManual(),
                    m.tickDueMs().map(due -> due - now), op.map(o -> new AbstractOperation(o.manual(), o.state(),
                    o.deadlineAtMs() - now, o.timeoutMs(), o.attempts(),
                    o.inFlight().map(a -> Tuple.of(a.number(), a.timeoutAtMs() - now)),
                    o.backoff().map(r -> Tuple.of(r.nextAttempt(), r.dueAtMs() - now)))), m.storeUnlisted(),
                    m.hangSinceMs().map(since -> now - since), op.exists(o -> o.number() <= m.unlistedUpToOperation()),
                    pauseEndedInMs(op, lastPauseEnd, now));
        });
        // Undelivered events decide what listeners will do; their operation numbers do not.
        List<String> outbox = state.outbox().toList().map(StateSpace::withoutOperation);
        return new AbstractState(state.crashed(), state.closed(), state.storeFailArmed(), state.nowMs() == state.lastPauseEndMs(), monitors,
                outbox, budget);
    }

    /**
     * The end of the last pause, relative to now, if it can still matter: only when the attempt in
     * flight started before it (a hang then counts from the pause's end). Otherwise 1, which no
     * pause end (never in the future) can equal.
     */
    private static long pauseEndedInMs(Option<Operation> op, long pauseEndMs, long nowMs) {
        return op.flatMap(Operation::inFlight).filter(a -> a.startedAtMs() < pauseEndMs).map(a -> pauseEndMs - nowMs).getOrElse(1L);
    }

    private static String withoutOperation(Observation event) {
        return event instanceof Observation.CheckCompleted completed
                ? "CheckCompleted " + completed.monitorId() + " " + completed.status()
                : event.describe();
    }
}
