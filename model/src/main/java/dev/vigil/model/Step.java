package dev.vigil.model;

import io.vavr.collection.List;
import java.util.Objects;

/**
 * The result of {@link Model#step}: the next state, what was emitted (compared events,
 * diagnostics and the {@link Observation.CommandFailed} marker, in order), what each command of
 * the step returned (the step's own command first, then the commands its listeners called, in
 * order), and a note that says what happened, or why nothing did.
 */
public record Step(ModelState next, List<Observation> observations, List<CommandResult> results, String note) {

    /** Rejects nulls. */
    public Step {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(observations, "observations");
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(note, "note");
    }

    /** @return true if the step's own command must have thrown */
    public boolean commandFailed() {
        return results.headOption().exists(result -> result instanceof CommandResult.Failed);
    }
}
