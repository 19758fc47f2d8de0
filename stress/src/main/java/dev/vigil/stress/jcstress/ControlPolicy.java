package dev.vigil.stress.jcstress;

import java.util.Objects;
import java.util.Set;

/**
 * Which negative controls must be caught for the gate to pass. A control is required only in a
 * mode where it shows reliably; elsewhere an uncaught control is reported, not failed, because a
 * short run simply may not hit the race (a flaky build teaches people to ignore it).
 *
 * @param all              every control is required
 * @param requiredControls simple names of the controls required when {@code all} is false
 */
record ControlPolicy(boolean all, Set<String> requiredControls) {
    /**
     * Controls that show in sanity mode's few samples every time we measured (README, "jcstress"):
     * CheckThenActCompleteTwiceControl caught in 10 of 10 runs, 8 to 165 FORBIDDEN samples of 56 to
     * 229. ReadThenWriteStopVsResultControl (caught 10 of 10, but as few as 2 samples) and
     * CheckThenActCompleteVsCancelControl (0 to 5 samples, missed twice in 10) are too close to zero
     * to fail a build on; quick mode catches each of them hundreds of thousands of times.
     */
    static final Set<String> RELIABLE_IN_SANITY = Set.of("CheckThenActCompleteTwiceControl");

    ControlPolicy {
        requiredControls = Set.copyOf(Objects.requireNonNull(requiredControls, "requiredControls"));
    }

    static ControlPolicy allRequired() {
        return new ControlPolicy(true, Set.of());
    }

    static ControlPolicy informational() {
        return new ControlPolicy(false, Set.of());
    }

    /** Sanity mode requires the reliable controls only; every longer mode requires them all. */
    static ControlPolicy forMode(String mode) {
        return mode.equals("sanity") ? new ControlPolicy(false, RELIABLE_IN_SANITY) : allRequired();
    }

    boolean requires(String test) {
        return all || requiredControls.contains(test.substring(test.lastIndexOf('.') + 1));
    }
}
