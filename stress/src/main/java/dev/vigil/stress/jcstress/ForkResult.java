package dev.vigil.stress.jcstress;

import java.util.List;
import java.util.Objects;
import org.openjdk.jcstress.annotations.Expect;

/**
 * What one jcstress fork (one JVM configuration) of one test reported: the gate's input, free of
 * jcstress's internal types so that {@link GateGrading} can be tested on hand-written values.
 *
 * @param test         the test's class name
 * @param completed    whether the fork ran normally (false: the test threw, timed out or its VM failed)
 * @param observations every observed state with its grade and sample count
 */
record ForkResult(String test, boolean completed, List<Observation> observations) {
    ForkResult {
        Objects.requireNonNull(test, "test");
        observations = List.copyOf(observations);
    }

    /** One observed state, graded by the test's {@code @Outcome}s. */
    record Observation(String state, Expect expect, long samples) {
        Observation {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(expect, "expect");
            if (samples < 0) {
                throw new IllegalArgumentException("samples = " + samples + " must be >= 0");
            }
        }
    }

    long samples() {
        return observations.stream().mapToLong(Observation::samples).sum();
    }

    long samplesGraded(Expect expect) {
        return observations.stream().filter(observation -> observation.expect() == expect).mapToLong(Observation::samples).sum();
    }
}
