package dev.vigil.simulation.nodes;

import java.util.Objects;

/**
 * The first broken node invariant of a run.
 *
 * @param invariant which one
 * @param step      the schedule's step after which it was seen (the steps count on into the calm phase)
 * @param atMs      the virtual monotonic time then
 * @param detail    what was seen
 */
public record NodeViolation(NodeInvariant invariant, int step, long atMs, String detail) {
    /** Checks the parts. */
    public NodeViolation {
        Objects.requireNonNull(invariant, "invariant");
        Objects.requireNonNull(detail, "detail");
    }

    /** One line for a report. */
    public String headline() {
        return invariant + " (" + invariant.rule() + ") broken at step " + step + ", " + atMs + " ms: " + detail;
    }
}
