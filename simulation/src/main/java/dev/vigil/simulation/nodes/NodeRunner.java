package dev.vigil.simulation.nodes;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.store.NodeLeases;
import dev.vigil.simulation.runtime.PendingAttempt;
import dev.vigil.simulation.runtime.SimulatedRuntime;
import dev.vigil.simulation.runtime.VirtualClock;
import dev.vigil.simulation.store.SimulatedStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs two or three multi-node engines (SPEC §6, N4–N7) on one simulated store whose database
 * clock is the virtual clock, in a schedule {@link NodeSchedule} draws from the seed: timers fire in
 * due order across the nodes, probes answer UP or DOWN at random moments, nodes pause past their
 * lease (their clock moves on, their timers wait) or crash, monitors are stopped and started (and,
 * with edits, updated, removed and added again, and asked for a check now) from any node, and each node's wall clock is
 * skewed from the database's. After every step the store and the probes are held to the node
 * model's safety invariants NI1–NI3 and NI5–NI7 and, without edits, compared with the node model run
 * beside it ({@link NodeLockstep}); once the faults stop, to NI4 and NI6's liveness. The run stops at the first
 * violation.
 */
public final class NodeRunner {
    /** The nodes' lease, ms of the database's clock. */
    static final long LEASE_MS = 3_000;
    /** Every monitor's interval. */
    static final long INTERVAL_MS = 1_000;
    /** Steps of the faulty phase. */
    static final int STEPS = 600;
    static final List<String> MONITORS = List.of("m1", "m2", "m3", "m4");
    /** With retries: a retry after a back-off starts a probe without a new begin, so only the timer guard stops a lapsed node's. */
    static final MonitorSettings SETTINGS = MonitorSettings.http("http://target.test/").withIntervalMs(INTERVAL_MS).withTimeoutMs(1_000)
            .withRetryAttempts(2);

    private final NodeRunSettings settings;

    /**
     * A runner of {@code settings}.
     *
     * @param settings nodes, store and variant
     */
    public NodeRunner(NodeRunSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Runs one seed.
     *
     * @param seed the seed: the same seed gives the same run
     * @return the outcome
     * @throws IllegalStateException if an engine callback threw: a harness or engine error, not a broken invariant
     */
    public NodeRunResult run(long seed) {
        NodeSchedule schedule = new NodeSchedule(seed, settings.edits());
        VirtualClock clock = new VirtualClock();
        SimulatedRuntime.IdGenerator ids = new SimulatedRuntime.IdGenerator(seed);
        try (SimulatedStore store = new SimulatedStore(settings.store(), clock::monotonicMs)) {
            List<SimulatedNode> nodes = new ArrayList<>();
            try {
                for (int i = 0; i < settings.nodeCount(); i++) {
                    nodes.add(new SimulatedNode(String.valueOf((char) ('a' + i)), schedule.clockSkewMs(), new SimulatedRuntime(clock, ids), store,
                            settings.variant()));
                }
                java.util.SortedMap<String, Long> skewsMs = new java.util.TreeMap<>();
                nodes.forEach(node -> skewsMs.put(node.id, node.clockSkewMs));
                // The node model has neither settings nor removal: runs with edits go without it.
                Optional<NodeLockstep> lockstep = settings.edits() ? Optional.empty()
                        : Optional.of(new NodeLockstep(skewsMs, MONITORS, SETTINGS.retryAttempts()));
                return new Run(seed, schedule, clock, store, nodes, lockstep).play();
            } finally {
                nodes.forEach(node -> node.engine.close());
            }
        }
    }

    /** One run: the schedule's steps on a {@link NodeWorld}. */
    private final class Run {
        private final long seed;
        private final NodeSchedule schedule;
        private final NodeWorld world;
        private final Optional<NodeLockstep> lockstep;

        Run(long seed, NodeSchedule schedule, VirtualClock clock, SimulatedStore store, List<SimulatedNode> nodes, Optional<NodeLockstep> lockstep) {
            this.seed = seed;
            this.schedule = schedule;
            this.world = new NodeWorld(clock, store, nodes);
            this.lockstep = lockstep;
        }

        NodeRunResult play() {
            world.begin(MONITORS, SETTINGS);
            lockstep.ifPresent(following -> following.begin(world));
            for (; world.step < STEPS; world.step++) {
                NodeStep next = schedule.next(world.nodes, world.clock.monotonicMs(), MONITORS);
                NodeChoice taken = take(next);
                Optional<NodeViolation> broken = world.endStep();
                if (broken.isEmpty() && lockstep.isPresent()) {
                    broken = lockstep.get().step(world, taken);
                }
                if (broken.isPresent()) {
                    return result(broken);
                }
            }
            Optional<NodeViolation> stuck = world.calm(schedule::tieGoesToLater);
            if (stuck.isPresent()) {
                return result(stuck);
            }
            world.requireNoCallbackFailures("seed " + seed);
            return result(Optional.empty());
        }

        private NodeRunResult result(Optional<NodeViolation> violation) {
            return new NodeRunResult(seed, settings, world.step, world.events(), violation);
        }

        /** Takes {@code next}; returns it as the lockstep reads it. */
        private NodeChoice take(NodeStep next) {
            return switch (next) {
                case NodeStep.Pause pause -> {
                    world.nodes.get(pause.node()).wakesAtMs = pause.untilMs();
                    yield new NodeChoice.Pause(pause.node(), pause.untilMs());
                }
                case NodeStep.Crash crash -> {
                    world.nodes.get(crash.node()).wakesAtMs = SimulatedNode.CRASHED;
                    yield new NodeChoice.Crash(crash.node());
                }
                case NodeStep.Close close -> {
                    world.close(world.nodes.get(close.node()));
                    yield new NodeChoice.Close(close.node());
                }
                case NodeStep.Command command -> {
                    boolean started = world.command(world.nodes.get(command.node()), command.monitorId(), command.kind());
                    yield new NodeChoice.Command(command.node(), command.monitorId(), started);
                }
                case NodeStep.Answer answer -> {
                    SimulatedNode node = world.nodes.get(answer.node());
                    PendingAttempt attempt = node.openAttempts().get(answer.attempt());
                    node.runtime.complete(attempt.key(), answer.up() ? ProbeResult.up(5, "ok") : ProbeResult.down(5, "no"));
                    yield new NodeChoice.Answer(answer.node(), attempt.key(), answer.up());
                }
                case NodeStep.FireEarliest ignored -> world.fireEarliest(schedule::tieGoesToLater);
            };
        }
    }
}
