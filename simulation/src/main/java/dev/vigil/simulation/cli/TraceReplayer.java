package dev.vigil.simulation.cli;

import dev.vigil.simulation.choice.RecordedChoices;
import dev.vigil.simulation.choice.Shrinker;
import dev.vigil.simulation.explore.ExploreLimits;
import dev.vigil.simulation.explore.Explorer;
import dev.vigil.simulation.lockstep.RunOutcome;
import dev.vigil.simulation.lockstep.Simulation;
import dev.vigil.simulation.runner.RunShrinker;
import dev.vigil.simulation.trace.Trace;
import dev.vigil.simulation.variant.EngineVariant;
import dev.vigil.simulation.variant.Variants;
import java.util.List;

/** Replays and shrinks a trace of either kind: a random run's choices, or an exploration's schedule. */
final class TraceReplayer {
    private final Trace trace;
    private final EngineVariant variant;

    TraceReplayer(Trace trace) {
        this.trace = trace;
        this.variant = trace.variantClass() != null ? Variants.byClass(trace.variantClass()) : Variants.byName(trace.variant());
    }

    EngineVariant variant() {
        return variant;
    }

    RunOutcome replay() {
        return replay(trace.choices());
    }

    RunOutcome replay(List<Integer> choices) {
        if (trace.isSchedule()) {
            return Explorer.replay(trace.scope().toScope(), variant, Math.max(ExploreLimits.DEPTH_MAX_DEFAULT, choices.size()), choices,
                    trace.storeKind());
        }
        return Simulation.run(trace.parameters().toScenarioParameters(), variant, RecordedChoices.replaying(choices), trace.storeKind());
    }

    /** The smallest choices found that still fail with the same kind of violation. */
    RunOutcome shrink(RunOutcome failing, int runsMax) {
        if (!trace.isSchedule()) {
            return new RunShrinker(trace.parameters().toScenarioParameters(), variant, runsMax, trace.storeKind()).shrink(failing);
        }
        String kind = failing.violation().orElseThrow().kind();
        List<Integer> shrunk = new Shrinker(choices -> replay(choices).violation().filter(v -> v.kind().equals(kind)).isPresent(), runsMax)
                .shrink(failing.choices());
        return replay(shrunk);
    }

    Trace traceOf(RunOutcome outcome, Integer shrunkFrom) {
        return trace.isSchedule()
                ? Trace.ofSchedule(trace.commit(), trace.variant(), trace.variantClass(), trace.scope(), outcome, shrunkFrom, trace.storeKind())
                : Trace.of(trace.commit(), trace.variant(), trace.variantClass(), trace.seed(), trace.parameters().toScenarioParameters(), outcome,
                        shrunkFrom, trace.storeKind());
    }
}
