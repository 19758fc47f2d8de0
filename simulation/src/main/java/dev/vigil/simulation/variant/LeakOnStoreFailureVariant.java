package dev.vigil.simulation.variant;

import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.status.ApplyOutcome;
import dev.vigil.simulation.store.SimulatedStore;

/**
 * The apply transaction's failure escapes the result handler instead of being returned: the
 * cleanup after it — the operation leaving the registry with its timers (SPEC R12) — never runs.
 * In production the exception vanishes into the probe's completion callback (or is logged by the
 * timer thread), and the operation stays ACTIVE in the registry for good: the monitor's later
 * ticks are skipped as if a check were running. To a user: after one database hiccup, a monitor
 * silently stops being checked.
 */
public final class LeakOnStoreFailureVariant implements EngineVariant {
    public static final String NAME = "leak-on-store-failure";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "A failed apply transaction throws out of the result handler, so the operation is never removed from the registry: "
                + "after one store failure the monitor's ticks are skipped forever.";
    }

    @Override
    public String exploreScope() {
        return "crash-and-store-failure";
    }

    @Override
    public CheckerFactory checkerFactory(SimulatedStore store) {
        return CorrectApply.around((context, correct, operation, result) -> {
            ApplyOutcome outcome = correct.apply(operation, result);
            if (outcome instanceof ApplyOutcome.Failed failed) {
                throw failed.failure(); // the bug: thrown, not returned, so nothing cleans up
            }
            return outcome;
        });
    }
}
