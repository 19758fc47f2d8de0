package dev.vigil.model.nodes;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Breadth-first search of every world a {@link NodeScope} can reach under {@link NodeRules},
 * judging every step by {@link NodeInvariants} and every world reached by {@link NodeLiveness}.
 * Breadth first, so a violation comes with a shortest sequence of events that leads to it.
 */
public final class NodeStateSpace {

    private NodeStateSpace() {
    }

    /**
     * What a search found.
     *
     * @param worlds      distinct worlds reached
     * @param transitions steps taken
     * @param complete    false if {@code worldsMax} stopped the search first
     * @param violation   the first violation met, if any
     */
    public record Result(long worlds, long transitions, boolean complete, Option<Counterexample> violation) {
    }

    /**
     * A violation and how to reach it.
     *
     * @param events the events from the initial world, in order
     * @param reason what the invariant says
     */
    public record Counterexample(List<String> events, String reason) {
        @Override
        public String toString() {
            return reason + "\n  after: " + String.join("\n         ", events);
        }
    }

    private record Reached(Cluster from, NodeEvent event) {
    }

    /**
     * @param scope     the bounded world
     * @param flaw      the rule to break, or {@link NodeFlaw#NONE}
     * @param worldsMax the limit on distinct worlds remembered
     * @return what the search found; it stops at the first violation
     */
    public static Result explore(NodeScope scope, NodeFlaw flaw, int worldsMax) {
        NodeRules rules = new NodeRules(scope, flaw);
        Map<Cluster, Reached> parents = new HashMap<>();
        ArrayDeque<Cluster> frontier = new ArrayDeque<>();
        Cluster initial = scope.initial();
        parents.put(WorldKey.of(initial, scope.timing()), null);
        frontier.add(initial);
        long transitions = 0;
        while (!frontier.isEmpty()) {
            Cluster world = frontier.poll();
            Option<String> stuck = NodeLiveness.check(rules, world);
            if (stuck.isDefined()) {
                return new Result(parents.size(), transitions, false, Option.some(new Counterexample(path(parents, world, scope), stuck.get())));
            }
            for (NodeEvent event : rules.enabled(world)) {
                transitions++;
                NodeStep step = rules.step(world, event);
                List<String> violations = NodeInvariants.check(world, step);
                if (!violations.isEmpty()) {
                    return new Result(parents.size(), transitions, false,
                            Option.some(new Counterexample(path(parents, world, scope).append(event.describe()), violations.head())));
                }
                Cluster key = WorldKey.of(step.next(), scope.timing());
                if (!parents.containsKey(key)) {
                    if (parents.size() >= worldsMax) {
                        return new Result(parents.size(), transitions, false, Option.none());
                    }
                    parents.put(key, new Reached(world, event));
                    frontier.add(step.next());
                }
            }
        }
        return new Result(parents.size(), transitions, true, Option.none());
    }

    /** The events that first reached {@code world}, with runs of time passing said once. */
    private static List<String> path(Map<Cluster, Reached> parents, Cluster world, NodeScope scope) {
        List<NodeEvent> events = List.empty();
        for (Reached reached = parents.get(WorldKey.of(world, scope.timing())); reached != null;
                reached = parents.get(WorldKey.of(reached.from(), scope.timing()))) {
            events = events.prepend(reached.event());
        }
        List<String> said = List.empty();
        int elapsedMs = 0;
        for (NodeEvent event : events) {
            if (event instanceof NodeEvent.Elapse) {
                elapsedMs++;
                continue;
            }
            if (elapsedMs > 0) {
                said = said.append(elapsedMs + " ms pass");
                elapsedMs = 0;
            }
            said = said.append(event.describe());
        }
        return elapsedMs > 0 ? said.append(elapsedMs + " ms pass") : said;
    }
}
