package dev.vigil.simulation.nodes;

import java.util.List;
import java.util.Random;

/**
 * Draws a multi-node run's schedule from its seed: each node's clock skew at the start, then one
 * step at a time — pauses past the lease (4 %), one crash per run (1 %; with edits, half of them a
 * graceful close instead), commands from any node
 * (4 %: start or stop; with edits, a third start or stop, a sixth each update, remove and add
 * again, checkNow, and remove, half of them on the monitor the command before touched; a command
 * on a removed monitor adds it back), probe answers
 * (26 %), and otherwise the earliest due timer.
 */
final class NodeSchedule {
    /** The largest skew of a node's wall clock from the database's, either way: twice the lease, so that it matters. */
    static final long CLOCK_SKEW_MS_MAX = 2 * NodeRunner.LEASE_MS;

    private final Random random;
    private final boolean edits;
    private boolean crashed;
    private String lastCommanded;

    /**
     * @param seed  the run's seed
     * @param edits whether commands include updates, re-creations, checkNow and removals (else only starts and stops,
     *              drawn as before these existed, so that those runs keep their schedules)
     */
    NodeSchedule(long seed, boolean edits) {
        this.random = new Random(seed);
        this.edits = edits;
    }

    /** Each node's wall-clock skew, drawn once before the run. */
    long clockSkewMs() {
        return random.nextLong(-CLOCK_SKEW_MS_MAX, CLOCK_SKEW_MS_MAX + 1);
    }

    /** The next step, given the nodes as they are at {@code nowMs}. */
    NodeStep next(List<SimulatedNode> nodes, long nowMs, List<String> monitorIds) {
        int dice = random.nextInt(100);
        int index = random.nextInt(nodes.size());
        SimulatedNode node = nodes.get(index);
        if (dice < 4 && node.running(nowMs)) {
            return new NodeStep.Pause(index, nowMs + NodeRunner.LEASE_MS + random.nextInt((int) NodeRunner.LEASE_MS));
        }
        if (dice < 5 && !crashed && node.running(nowMs)) {
            crashed = true;
            // With edits, the node's end is as often an application closing it gracefully, whose
            // waiting callers must fail at once, as a crash.
            return edits && random.nextBoolean() ? new NodeStep.Close(index) : new NodeStep.Crash(index);
        }
        if (dice < 9 && node.running(nowMs)) {
            if (!edits) {
                return new NodeStep.Command(index, monitorIds.get(random.nextInt(monitorIds.size())), NodeStep.CommandKind.START_OR_STOP);
            }
            // Users act in bursts: half the commands go to the monitor the last one touched (a stop,
            // then an edit of the same monitor on another node before its owner polled).
            String monitorId = lastCommanded != null && random.nextBoolean() ? lastCommanded : monitorIds.get(random.nextInt(monitorIds.size()));
            lastCommanded = monitorId;
            NodeStep.CommandKind kind = switch (random.nextInt(6)) {
                case 0, 1 -> NodeStep.CommandKind.START_OR_STOP;
                case 2 -> NodeStep.CommandKind.UPDATE;
                case 3 -> NodeStep.CommandKind.RECREATE;
                case 4 -> NodeStep.CommandKind.CHECK_NOW;
                default -> NodeStep.CommandKind.REMOVE;
            };
            return new NodeStep.Command(index, monitorId, kind);
        }
        if (dice < 35 && node.running(nowMs)) {
            int open = node.openAttempts().size();
            if (open > 0) {
                return new NodeStep.Answer(index, random.nextInt(open), random.nextBoolean());
            }
        }
        return new NodeStep.FireEarliest();
    }

    /** Breaks a tie between two timers due at once. */
    boolean tieGoesToLater() {
        return random.nextBoolean();
    }
}
