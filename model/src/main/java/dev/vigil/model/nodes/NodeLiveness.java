package dev.vigil.model.nodes;

import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;

/**
 * NI4 as a bounded check: from a world, let failures stop (no more faults or commands; pauses
 * end, cut-off nodes stay cut off) and let every node do its duties as soon as they are due,
 * with every probe answering UP at once. Then every monitoring monitor must have a result applied
 * within {@code leaseMs} + its interval after the first node that reaches the store is running
 * again. A world where no node reaches the store promises nothing.
 */
public final class NodeLiveness {
    /** Steps at one instant before the check gives up: far more than any world of a scope needs. */
    private static final int STEPS_PER_INSTANT_MAX = 1_000;

    private NodeLiveness() {
    }

    /** @return why {@code world} is not live under {@code rules}, or none if it is */
    public static Option<String> check(NodeRules rules, Cluster world) {
        List<Node> reaching = world.nodes().values().filter(node -> !node.crashed() && node.connected()).toList();
        if (reaching.isEmpty()) {
            return Option.none();
        }
        long wakeMs = reaching.map(node -> Math.max(world.nowMs(), node.pausedUntilMs())).min().get();
        NodeTiming timing = rules.scope().timing();
        long deadlineMs = wakeMs + timing.leaseMs() + timing.intervalMs();
        Set<String> unchecked = TreeSet.ofAll(world.monitors().filter(stored -> stored._2.monitoring()).keySet());
        Cluster at = world.calm();
        while (!unchecked.isEmpty() && at.nowMs() <= deadlineMs) {
            for (int steps = 0; ; steps++) {
                if (steps == STEPS_PER_INSTANT_MAX) {
                    return Option.some("NI4: the nodes never settle at " + at.nowMs() + " ms");
                }
                Option<NodeEvent> duty = rules.enabled(at).find(NodeLiveness::isDuty);
                if (duty.isEmpty()) {
                    break;
                }
                NodeStep step = rules.step(at, duty.get());
                for (NodeStep.Applied applied : step.applied()) {
                    unchecked = unchecked.remove(applied.monitor());
                }
                at = step.next();
            }
            at = at.at(at.nowMs() + 1);
        }
        return unchecked.isEmpty()
                ? Option.none()
                : Option.some("NI4: " + String.join(", ", unchecked) + " not checked by " + deadlineMs + " ms (failures stopped at "
                        + world.nowMs() + " ms)");
    }

    private static boolean isDuty(NodeEvent event) {
        return switch (event) {
            case NodeEvent.Lapse ignored -> true;
            case NodeEvent.LearnStopped ignored -> true;
            case NodeEvent.Renew ignored -> true;
            case NodeEvent.ProbeReturn returned -> returned.result() == ProbeResult.UP;
            case NodeEvent.Retry ignored -> true;
            case NodeEvent.Claim ignored -> true;
            case NodeEvent.Tick ignored -> true;
            default -> false;
        };
    }
}
