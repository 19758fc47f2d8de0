package dev.vigil.simulation.nodes;

import java.util.Objects;
import java.util.Optional;

/**
 * One seeded multi-node run's outcome.
 *
 * @param seed      the seed
 * @param settings  what ran
 * @param steps     schedule steps taken, the calm phase included
 * @param events    engine events the nodes published
 * @param violation the first broken invariant, if any
 */
public record NodeRunResult(long seed, NodeRunSettings settings, int steps, long events, Optional<NodeViolation> violation) {
    /** Checks the parts. */
    public NodeRunResult {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(violation, "violation");
    }

    /** Whether every invariant held. */
    public boolean passed() {
        return violation.isEmpty();
    }
}
