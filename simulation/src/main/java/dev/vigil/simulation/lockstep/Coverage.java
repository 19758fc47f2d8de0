package dev.vigil.simulation.lockstep;

import dev.vigil.model.Rule;
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
