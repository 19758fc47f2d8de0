package dev.vigil.simulation.runner;

import dev.vigil.simulation.choice.RecordedChoices;
import dev.vigil.simulation.choice.Shrinker;
import dev.vigil.simulation.lockstep.RunLimits;
import dev.vigil.simulation.lockstep.RunOutcome;
import dev.vigil.simulation.lockstep.Simulation;
import dev.vigil.simulation.scenario.Scenario;
import dev.vigil.simulation.scenario.ScenarioParameters;
import dev.vigil.simulation.store.StoreKind;
import dev.vigil.simulation.variant.EngineVariant;
import java.util.List;

/**
 * Shrinks a failing run on its choice sequence: a candidate is kept if replaying it still fails
 * with a violation of the same kind (a lockstep difference stays a lockstep difference, an I1
 * breach stays I1), so shrinking cannot wander off to a different bug, and within no more events
 * than the failing run, so a shrunk run is never longer than the one it came from.
 */
public final class RunShrinker {
    /** Candidate runs a shrink may make. */
    public static final int RUNS_MAX_DEFAULT = 3_000;

    private final ScenarioParameters parameters;
    private final EngineVariant variant;
    private final int runsMax;
    private final StoreKind store;

    /** A shrinker whose runs use the in-memory store. */
    public RunShrinker(ScenarioParameters parameters, EngineVariant variant, int runsMax) {
        this(parameters, variant, runsMax, StoreKind.MEMORY);
    }

    public RunShrinker(ScenarioParameters parameters, EngineVariant variant, int runsMax, StoreKind store) {
        this.parameters = parameters;
        this.variant = variant;
        this.runsMax = runsMax;
        this.store = store;
    }

    /** The shrunk run, replayed from its shrunk choices; it fails like {@code failing}. */
    public RunOutcome shrink(RunOutcome failing) {
        String kind = failing.violation().orElseThrow(() -> new IllegalArgumentException("only a failing run can be shrunk")).kind();
        // Fewer choices can mean more events (a slot that drew a fault may now draw a command), so a
        // candidate must fail within the events of the run it came from: never longer. Running each
        // candidate only that far is also what keeps shrinking fast: one that does not fail stops
        // there instead of running its whole event budget.
        int eventsMax = failing.events();
        Shrinker shrinker = new Shrinker(choices -> replayWithin(choices, eventsMax).violation().filter(v -> v.kind().equals(kind)).isPresent(),
                runsMax);
        List<Integer> shrunk = shrinker.shrink(failing.choices());
        RunOutcome outcome = replay(shrunk);
        if (outcome.violation().isEmpty()) {
            throw new IllegalStateException("the shrunk choices no longer fail: the run is not a function of its choices");
        }
        return outcome;
    }

    public RunOutcome replay(List<Integer> choices) {
        return Simulation.run(parameters, variant, RecordedChoices.replaying(choices), store);
    }

    /** {@link #replay}, stopped after {@code eventsMax} events if it has not failed by then. */
    private RunOutcome replayWithin(List<Integer> choices, int eventsMax) {
        RecordedChoices recorded = RecordedChoices.replaying(choices);
        Scenario scenario = parameters.draw(recorded);
        return Simulation.run(scenario, RunLimits.exhaustive(Math.min(eventsMax, scenario.eventsMax())), variant, recorded, store);
    }
}
