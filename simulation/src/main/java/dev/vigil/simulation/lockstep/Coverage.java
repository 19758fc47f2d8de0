package dev.vigil.simulation.lockstep;

import dev.vigil.model.CommandResult;
import dev.vigil.model.ModelEvent;
import dev.vigil.model.Observation;
import dev.vigil.model.Outcome;
import dev.vigil.model.Rule;
import dev.vigil.model.Step;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which parts of the contract a run exercised: events by the status of their monitor when they
 * happened ({@code "UP|attemptCompleted"}), and rules by how often a step invoked them. Sorted
 * maps, so two equal runs print equal coverage.
 */
public final class Coverage {
    private final TreeMap<String, Long> statusEvents = new TreeMap<>();
    private final TreeMap<String, Long> rules = new TreeMap<>();

    /**
     * Counts one step: {@code event} on a monitor that was {@code statusBefore} ({@code "NONE"}
     * if it had none), its rule, and the rules its outcome invoked: R16 when a command met a
     * closed engine, R15 for a probe return that was not a result, R6 per applied check, R12 per
     * failed transaction.
     */
    public void countStep(String statusBefore, ModelEvent event, Step step) {
        countStatusEvent(statusBefore, eventName(event));
        countRule(event.rule());
        if (step.results().exists(result -> result instanceof CommandResult.Failed failed
                && failed.kind() == CommandResult.Failure.CLOSED)) {
            countRule(Rule.R16);
        }
        if (event instanceof ModelEvent.AttemptCompleted completed && completed.outcome().kind() != Outcome.Kind.RESULT) {
            countRule(Rule.R15);
        }
        for (Observation observation : step.observations()) {
            if (observation instanceof Observation.CheckCompleted) {
                countRule(Rule.R6);
            } else if (observation instanceof Observation.StoreFailed) {
                countRule(Rule.R12);
            }
        }
    }

    /** The event's name as coverage counts it, e.g. {@code attemptCompleted}. */
    static String eventName(ModelEvent event) {
        String simple = event.getClass().getSimpleName();
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    public void countStatusEvent(String status, String event) {
        statusEvents.merge(status + "|" + event, 1L, Long::sum);
    }

    public void countRule(Rule rule) {
        rules.merge(rule.name(), 1L, Long::sum);
    }

    public void addAll(Coverage other) {
        other.statusEvents.forEach((key, count) -> statusEvents.merge(key, count, Long::sum));
        other.rules.forEach((key, count) -> rules.merge(key, count, Long::sum));
    }

    public Map<String, Long> statusEvents() {
        return java.util.Collections.unmodifiableMap(statusEvents);
    }

    public Map<String, Long> rules() {
        return java.util.Collections.unmodifiableMap(rules);
    }
}
