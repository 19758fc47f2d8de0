package dev.vigil.simulation.lockstep;

import java.util.List;

/**
 * Why a run failed: the engine differed from the model, broke an invariant, or threw where it
 * must not.
 *
 * @param eventIndex the event after which it was seen
 * @param event      that event's description
 * @param kind       {@code lockstep}, an invariant name such as {@code I2}, {@code engine-threw} or {@code model}
 * @param details    the readable difference, one line each
 */
public record Violation(int eventIndex, String event, String kind, List<String> details) {
    public Violation {
        details = List.copyOf(details);
    }

    public String headline() {
        return kind + " after event " + eventIndex + " (" + event + "): " + (details.isEmpty() ? "" : details.getFirst());
    }
}
