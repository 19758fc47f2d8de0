package dev.vigil.model;

import io.vavr.collection.List;
import java.util.Objects;

/**
 * The result of {@link Model#step}: the next state, what was emitted (compared events,
 * diagnostics and the {@link Observation.CommandFailed} marker, in order), and a note that
 * says what happened, or why nothing did.
 */
public record Step(ModelState next, List<Observation> observations, String note) {

    /** Rejects nulls. */
    public Step {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(observations, "observations");
        Objects.requireNonNull(note, "note");
    }

    /** @return true if the engine's command must have thrown */
    public boolean commandFailed() {
        return observations.exists(o -> o instanceof Observation.CommandFailed);
    }
}
