package dev.vigil.model;

import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import java.util.ArrayList;
import java.util.Random;

/**
 * Seeded random event sequences: mostly enabled events of a scope, sometimes an arbitrary event
 * (unknown ids, invalid settings, stale operation numbers, timers not due) to show that no event
 * throws in any state. The same seed gives the same sequence.
 */
final class RandomRun {

    /** Three monitors with different shapes: retries, no retries, a timeout longer than the interval. */
    static final Scope SCOPE = new Scope(
            TreeMap.of("m1", new ModelSettings(2_000, 1_000, 1),
                    "m2", new ModelSettings(1_000, 1_000, 0),
                    "m3", new ModelSettings(3_000, 4_000, 3)),
            List.of(new ModelSettings(1_000, 2_000, 2), new ModelSettings(5_000, 1_000, 0)),
            10, true, 4, 2, List.of(Outcome.UP, Outcome.DOWN, Outcome.THROW));

    private static final double ARBITRARY_EVENT_SHARE = 0.05;

    /**
     * @param trace      one line per event: {@code event N @time: note}
     * @param violations the invariant violations of the first transition that broke any (the run stops there)
     */
    record Run(long seed, java.util.List<String> trace, ModelState last, List<InvariantViolation> violations) {

        String describe() {
            int from = Math.max(0, trace.size() - 15);
            return "seed " + seed + " (rerun with -Dvigil.model.seed=" + seed + "), last events:\n  "
                    + String.join("\n  ", trace.subList(from, trace.size())) + "\nviolations: " + violations;
        }
    }

    private RandomRun() {
    }

    static Run run(long seed, Stepper stepper, Scope scope, int eventsMax) {
        return run(seed, stepper, scope, eventsMax, state -> { });
    }

    /** Like {@link #run(long, Stepper, Scope, int)}, showing every state reached to {@code visit}. */
    static Run run(long seed, Stepper stepper, Scope scope, int eventsMax, java.util.function.Consumer<ModelState> visit) {
        return run(seed, stepper, scope, eventsMax, visit, ModelState.initial());
    }

    /** Like {@link #run(long, Stepper, Scope, int, java.util.function.Consumer)}, from {@code initial} instead of the initial state. */
    static Run run(long seed, Stepper stepper, Scope scope, int eventsMax, java.util.function.Consumer<ModelState> visit, ModelState initial) {
        Random random = new Random(seed);
        ModelState state = initial;
        Budget budget = scope.budget();
        java.util.List<String> trace = new ArrayList<>();
        for (int i = 0; i < eventsMax; i++) {
            List<EnabledEvent> enabled = EnabledEvents.of(state, scope, budget);
            EnabledEvent chosen = random.nextDouble() < ARBITRARY_EVENT_SHARE || enabled.isEmpty()
                    ? new EnabledEvent(state.nowMs(), arbitrary(random, state), budget)
                    : enabled.get(random.nextInt(enabled.size()));
            Step step;
            try {
                step = stepper.step(state, chosen.atMs(), chosen.event());
            } catch (RuntimeException e) {
                trace.add("event " + i + " @" + chosen.atMs() + ": " + chosen.event().describe() + " THREW " + e);
                throw new AssertionError(new Run(seed, trace, state, List.empty()).describe(), e);
            }
            trace.add("event " + i + " @" + chosen.atMs() + ": " + step.note());
            List<InvariantViolation> violations = Invariants.check(state, chosen.event(), step.next());
            state = step.next();
            budget = chosen.remaining();
            visit.accept(state);
            if (!violations.isEmpty()) {
                return new Run(seed, trace, state, violations);
            }
        }
        return new Run(seed, trace, state, List.empty());
    }

    /** Any event at all, valid or not, for the no-throw property. */
    static ModelEvent arbitrary(Random random, ModelState state) {
        String id = List.of("m1", "m2", "m3", "zz").get(random.nextInt(4));
        ModelSettings settings = random.nextBoolean()
                ? new ModelSettings(1_000 + random.nextInt(4) * 1_000, 1_000 + random.nextInt(3) * 1_000, random.nextInt(3))
                : new ModelSettings(random.nextInt(2_000) - 500, random.nextInt(400_000) - 1_000, random.nextInt(14) - 2);
        int operation = random.nextInt(state.lastOperation() + 3) - 1;
        int attempt = random.nextInt(4);
        return switch (random.nextInt(17)) {
            case 0 -> new ModelEvent.Add(id, settings);
            case 1 -> new ModelEvent.Update(id, settings);
            case 2 -> new ModelEvent.Remove(id);
            case 3 -> new ModelEvent.Start(id);
            case 4 -> new ModelEvent.Stop(id);
            case 5 -> new ModelEvent.CheckNow(id);
            case 6 -> new ModelEvent.StartAll();
            case 7 -> new ModelEvent.StopAll();
            case 8 -> new ModelEvent.Tick(id);
            case 9 -> new ModelEvent.AttemptCompleted(operation, attempt, Outcome.values()[random.nextInt(3)], random.nextInt(5_000));
            case 10 -> new ModelEvent.AttemptTimedOut(operation, attempt);
            case 11 -> new ModelEvent.RetryDue(operation);
            case 12 -> new ModelEvent.Deadline(operation);
            case 13 -> new ModelEvent.StoreFails();
            case 14 -> new ModelEvent.Crash();
            case 15 -> new ModelEvent.Restart();
            default -> state.pendingTimers().headOption().map(Timer::event).getOrElse(new ModelEvent.Restart());
        };
    }
}
