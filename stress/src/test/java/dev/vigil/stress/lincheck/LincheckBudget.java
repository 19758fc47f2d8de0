package dev.vigil.stress.lincheck;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * Every Lincheck budget in one place, stated explicitly: Lincheck's defaults (100 iterations of
 * scenarios up to 2 × 5 actors, 10 000 invocations each) took 17 minutes on a 2-core machine.
 * {@code -Dstress.lincheck.budget=long} (the {@code -Plong} profile) multiplies iterations and
 * invocations; the scenario shape (threads, actors) stays the same so that a long run explores
 * the same space more deeply.
 *
 * @param iterations              scenarios generated per test
 * @param invocationsPerIteration interleavings (model checking) or runs (stress) per scenario
 * @param threads                 parallel threads per scenario
 * @param actorsPerThread         operations per thread
 */
record LincheckBudget(int iterations, int invocationsPerIteration, int threads, int actorsPerThread) {
    static final String PROPERTY = "stress.lincheck.budget";

    static boolean isLong() {
        return "long".equals(System.getProperty(PROPERTY, "ci"));
    }

    /** Registry: 3 threads × 3 actors: three-way races on one operation are the interesting ones. */
    static LincheckBudget registryModelChecking() {
        return isLong() ? new LincheckBudget(50, 2_000, 3, 3) : new LincheckBudget(20, 1_000, 3, 3);
    }

    static LincheckBudget registryStress() {
        return isLong() ? new LincheckBudget(50, 5_000, 3, 3) : new LincheckBudget(20, 2_000, 3, 3);
    }

    /** The monitor lane runs the whole engine over SQLite per invocation: fewer, costlier runs. */
    static LincheckBudget laneStress() {
        return isLong() ? new LincheckBudget(40, 1_000, 2, 3) : new LincheckBudget(12, 200, 2, 3);
    }

    /** The read-then-write control: small, and it must be caught within it. */
    static LincheckBudget statusControlModelChecking() {
        return isLong() ? new LincheckBudget(30, 500, 2, 2) : new LincheckBudget(6, 100, 2, 2);
    }

    /**
     * Probe returns against the lane's commands: the whole engine per invocation like the lane
     * test, with one more command (update), so a little fewer scenarios in CI.
     */
    static LincheckBudget probeReturnStress() {
        return isLong() ? new LincheckBudget(30, 500, 2, 3) : new LincheckBudget(8, 150, 2, 3);
    }

    /**
     * The foreign-lane control: every return it handles is seen by the lane audit, so the first
     * scenario that answers an open probe catches it; a few scenarios are plenty.
     */
    static LincheckBudget probeReturnControlStress() {
        return isLong() ? new LincheckBudget(20, 100, 2, 3) : new LincheckBudget(10, 20, 2, 3);
    }

    static LincheckBudget statusControlStress() {
        return laneStress();
    }

    ModelCheckingOptions modelChecking() {
        return new ModelCheckingOptions()
                .iterations(iterations)
                .invocationsPerIteration(invocationsPerIteration)
                .threads(threads)
                .actorsPerThread(actorsPerThread)
                .actorsBefore(1)
                .actorsAfter(1);
    }

    StressOptions stress() {
        return new StressOptions()
                .iterations(iterations)
                .invocationsPerIteration(invocationsPerIteration)
                .threads(threads)
                .actorsPerThread(actorsPerThread)
                .actorsBefore(1)
                .actorsAfter(1);
    }
}
