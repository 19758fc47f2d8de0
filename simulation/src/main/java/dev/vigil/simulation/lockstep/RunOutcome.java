package dev.vigil.simulation.lockstep;

import dev.vigil.simulation.scenario.Scenario;
import java.util.List;
import java.util.Optional;

/**
 * What one run did.
 *
 * @param scenario  the scenario it drew
 * @param choices   every choice drawn: with the configuration, the run's complete trace
 * @param events    events executed
 * @param simulatedMs virtual time at the end
 * @param traceHash SHA-256 of the run's timeline and final views: the determinism fingerprint
 * @param violation the first violation, if any
 * @param timeline  every event, in order
 * @param coverage  how often each (status, event) pair and each rule was exercised
 */
public record RunOutcome(
        Scenario scenario,
        List<Integer> choices,
        int events,
        long simulatedMs,
        String traceHash,
        Optional<Violation> violation,
        List<TimelineEntry> timeline,
        Coverage coverage) {

    public RunOutcome {
        choices = List.copyOf(choices);
        timeline = List.copyOf(timeline);
    }

    public boolean failed() {
        return violation.isPresent();
    }
}
