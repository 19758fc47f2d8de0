package dev.vigil.simulation.nodes;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.store.NodeLeases;
import dev.vigil.simulation.runtime.PendingAttempt;
import dev.vigil.simulation.runtime.SimulatedRuntime;
import dev.vigil.simulation.runtime.SimulatedTimer;
import dev.vigil.simulation.runtime.VirtualClock;
import dev.vigil.simulation.store.SimulatedStore;
import dev.vigil.simulation.store.StoreKind;
import dev.vigil.simulation.variant.NodeVariant;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Exhaustive exploration of a bounded two-node world ({@link NodeExploreScope}) on the real
 * multi-node engines: depth-first over every schedule of the simulator's choice points (the second
 * node's clock skew; which node's timer fires when both are due at once; every probe answer, UP or
 * DOWN, at every point it may come; a pause past the lease, a crash, a cut-off from the store or a
 * failed renewal of either node; a start or stop from either node), each step held to NI1–NI3 and
 * to the node model's lockstep ({@link NodeLockstep}), each schedule's end to NI4 once the faults
 * stop.
 *
 * <p>Engines cannot be copied, so every schedule is replayed from the start along its choices on
 * fresh engines (stateless model checking); the choices are the schedule, and a violation's are
 * printed. A schedule stops early when it reaches a state visited before: the state is what the
 * harness can read of the engines and the store ({@link #stateOf}): virtual time, budgets left,
 * each node's health, pending timers, open attempts and view of each monitor, and every lease row.
 * It is an abstraction: what a node keeps to itself beyond that (when its belief in its leases
 * ends, the change counters it saw) is assumed to follow from its pending timers, so the hashing
 * is a reduction that may, in principle, merge two states that differ there.
 */
public final class NodeExplorer {
    private static final long PROGRESS_EVERY_NS = 5_000_000_000L;
    /** One retry: a retry after a back-off starts a probe without a new begin, the case only the timer guard stops. */
    static final MonitorSettings SETTINGS = NodeRunner.SETTINGS.withRetryAttempts(1);

    private final NodeExploreScope scope;
    private final NodeVariant variant;
    private final StoreKind store;
    private final PrintStream progress;
    private final boolean lockstep;
    private final Set<Object> visited = new HashSet<>();
    /** The schedule being run, so that its lockstep's open points are counted however it ends. */
    private Schedule current;
    private long schedules;
    private long transitions;
    private long prunedByHash;
    private long cutByStepsMax;
    private long statesNotRemembered;
    private long lockstepSteps;
    private final java.util.Map<String, Long> openPoints = new java.util.TreeMap<>();

    /**
     * An explorer of {@code scope}.
     *
     * @param scope    the bounded world
     * @param variant  the node composition
     * @param store    the simulated store's tables
     * @param lockstep whether each step is also compared with the node model
     * @param progress where progress lines go
     */
    public NodeExplorer(NodeExploreScope scope, NodeVariant variant, StoreKind store, boolean lockstep, PrintStream progress) {
        this.scope = Objects.requireNonNull(scope, "scope");
        this.variant = Objects.requireNonNull(variant, "variant");
        this.store = Objects.requireNonNull(store, "store");
        this.lockstep = lockstep;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * What an exploration found.
     *
     * @param schedules          schedules run to their end or to a visited state
     * @param distinctStates     states remembered
     * @param transitions        choices taken, replays included
     * @param prunedByHash       schedules stopped at a visited state
     * @param cutByStepsMax      schedules cut by the scope's step bound (0 in a complete exploration of a good scope)
     * @param wallNs             wall time
     * @param complete           false if the schedule bound stopped it first
     * @param failure            the first violation, if any
     * @param statesNotRemembered states reached after the visited-state bound was full
     * @param lockstepSteps      steps compared with the node model
     * @param openPoints         where the engines did what SPEC §6 leaves open and the model does otherwise (docs/SEMANTICS.md), with
     *                           how many steps met each
     */
    public record Result(long schedules, long distinctStates, long transitions, long prunedByHash, long cutByStepsMax, long wallNs,
            boolean complete, Optional<Failure> failure, long statesNotRemembered, long lockstepSteps, java.util.SortedMap<String, Long> openPoints) {
        /** Schedules per second of wall time. */
        public double schedulesPerSecond() {
            return wallNs == 0 ? 0 : schedules * 1e9 / wallNs;
        }
    }

    /**
     * A schedule that broke an invariant.
     *
     * @param choices   the schedule, in words, from the start
     * @param violation what broke
     */
    public record Failure(List<String> choices, NodeViolation violation) {
        /** The violation and the schedule that led to it, several lines. */
        public String describe() {
            return violation.headline() + "\n  after: " + String.join("\n         ", choices);
        }
    }

    /** A choice point on the current path: how many choices it had and which one the path takes. */
    private static final class Frame {
        final int count;
        int index;

        Frame(int count) {
            this.count = count;
        }
    }

    /**
     * Explores every schedule of the scope, or up to its schedule bound.
     *
     * @return what it found; it stops at the first violation
     */
    public Result explore() {
        long startNs = System.nanoTime();
        long lastProgressNs = startNs;
        List<Frame> path = new ArrayList<>();
        while (true) {
            Optional<Failure> failure = runSchedule(path);
            schedules++;
            if (failure.isPresent()) {
                return result(startNs, false, failure);
            }
            // Backtrack: the deepest choice point with a choice left takes its next one.
            while (!path.isEmpty() && path.getLast().index + 1 >= path.getLast().count) {
                path.removeLast();
            }
            if (path.isEmpty()) {
                return result(startNs, true, Optional.empty());
            }
            path.getLast().index++;
            if (schedules >= scope.schedulesMax()) {
                return result(startNs, false, Optional.empty());
            }
            long nowNs = System.nanoTime();
            if (nowNs - lastProgressNs >= PROGRESS_EVERY_NS) {
                lastProgressNs = nowNs;
                progress.printf("  … %,d schedules, %,d states, %.0f s (%s, %s)%n", schedules, visited.size(), (nowNs - startNs) / 1e9,
                        scope.name(), variant.cliName());
            }
        }
    }

    private Result result(long startNs, boolean complete, Optional<Failure> failure) {
        return new Result(schedules, visited.size(), transitions, prunedByHash, cutByStepsMax, System.nanoTime() - startNs, complete, failure,
                statesNotRemembered, lockstepSteps, java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(openPoints)));
    }

    /**
     * Replays {@code path} on fresh engines, then extends it with each choice point's first choice
     * until the schedule ends, reaches a visited state, or breaks an invariant.
     */
    private Optional<Failure> runSchedule(List<Frame> path) {
        List<String> said = new ArrayList<>();
        long skewMs = scope.skewsMs().get(path.isEmpty() ? 0 : path.getFirst().index);
        if (path.isEmpty()) {
            path.add(new Frame(scope.skewsMs().size()));
        }
        said.add(new NodeChoice.Skew(skewMs).describe());
        VirtualClock clock = new VirtualClock();
        SimulatedRuntime.IdGenerator ids = new SimulatedRuntime.IdGenerator(0);
        try (SimulatedStore simulated = new SimulatedStore(store, clock::monotonicMs)) {
            List<SimulatedNode> nodes = new ArrayList<>();
            try {
                nodes.add(new SimulatedNode("a", 0, new SimulatedRuntime(clock, ids), simulated, variant));
                nodes.add(new SimulatedNode("b", skewMs, new SimulatedRuntime(clock, ids), simulated, variant));
                Schedule schedule = new Schedule(new NodeWorld(clock, simulated, nodes), lockstep
                        ? Optional.of(new NodeLockstep(new java.util.TreeMap<>(java.util.Map.of("a", 0L, "b", skewMs)), scope.monitorIds(),
                                SETTINGS.retryAttempts()))
                        : Optional.empty());
                current = schedule;
                schedule.begin();
                for (int depth = 1; ; depth++) {
                    List<NodeChoice> enabled = schedule.enabled();
                    if (enabled.isEmpty()) {
                        Optional<NodeViolation> stuck = schedule.world.calm(() -> false);
                        schedule.world.requireNoCallbackFailures("schedule " + said);
                        return stuck.map(violation -> new Failure(said, violation));
                    }
                    if (depth > scope.stepsMax()) {
                        cutByStepsMax++;
                        return Optional.empty();
                    }
                    boolean replaying = depth < path.size();
                    if (!replaying) {
                        path.add(new Frame(enabled.size()));
                    }
                    Frame frame = path.get(depth);
                    if (frame.count != enabled.size()) {
                        throw new IllegalStateException("replay diverged at choice " + depth + ": " + frame.count + " choices then, "
                                + enabled.size() + " now (" + enabled + "); the engines are not deterministic under the simulator");
                    }
                    NodeChoice choice = enabled.get(frame.index);
                    said.add(choice.describe());
                    transitions++;
                    Optional<NodeViolation> broken = schedule.take(choice);
                    if (broken.isPresent()) {
                        return Optional.of(new Failure(said, broken.get()));
                    }
                    // A replayed prefix's states were judged when first reached; only the path's new part is pruned.
                    if (depth == path.size() - 1) {
                        Object state = schedule.state();
                        if (visited.contains(state)) {
                            // Nothing below a visited state is new: the path ends here.
                            prunedByHash++;
                            return Optional.empty();
                        }
                        if (visited.size() < scope.visitedStatesMax()) {
                            visited.add(state);
                        } else {
                            statesNotRemembered++;
                        }
                    }
                }
            } finally {
                if (current != null) {
                    current.model.ifPresent(model -> model.openPoints().forEach((name, count) -> openPoints.merge(name, count, Long::sum)));
                    current = null;
                }
                nodes.forEach(node -> node.engine.close());
            }
        }
    }

    /** A node's letter, as its id. */
    static String name(int node) {
        return String.valueOf((char) ('a' + node));
    }

    /** One schedule's engines and what is left of the scope's budgets. */
    private final class Schedule {
        final NodeWorld world;
        final Optional<NodeLockstep> model;
        int faultsLeft = scope.faults();
        int commandsLeft = scope.commands();
        final boolean[] renewalFails = new boolean[2];

        Schedule(NodeWorld world, Optional<NodeLockstep> model) {
            this.world = world;
            this.model = model;
        }

        void begin() {
            world.begin(scope.monitorIds(), SETTINGS);
            world.deliverAll();
            model.ifPresent(lockstep -> lockstep.begin(world));
        }

        /** Every choice now, in a fixed order (faults first, then commands, so that the search meets them early); empty past the horizon. */
        List<NodeChoice> enabled() {
            long nowMs = world.clock.monotonicMs();
            List<NodeChoice> choices = new ArrayList<>();
            if (nowMs >= scope.horizonMs()) {
                return choices;
            }
            List<SimulatedNode> nodes = world.nodes;
            if (faultsLeft > 0) {
                boolean anyCrashed = nodes.stream().anyMatch(SimulatedNode::crashed);
                for (int i = 0; i < nodes.size(); i++) {
                    SimulatedNode node = nodes.get(i);
                    if (!node.running(nowMs)) {
                        continue;
                    }
                    for (long pauseMs : scope.pausesMs()) {
                        choices.add(new NodeChoice.Pause(i, nowMs + pauseMs));
                    }
                    if (!anyCrashed) {
                        choices.add(new NodeChoice.Crash(i));
                    }
                    if (!node.cutOff(nowMs)) {
                        choices.add(new NodeChoice.CutOff(i, nowMs + scope.cutOffMs()));
                        if (!renewalFails[i]) {
                            choices.add(new NodeChoice.RenewalFails(i));
                        }
                    }
                }
            }
            if (commandsLeft > 0) {
                for (int i = 0; i < nodes.size(); i++) {
                    SimulatedNode node = nodes.get(i);
                    if (node.running(nowMs) && !node.cutOff(nowMs)) {
                        for (String monitorId : scope.monitorIds()) {
                            choices.add(new NodeChoice.Command(i, monitorId, !world.rowsNow().get(monitorId).monitoring()));
                        }
                    }
                }
            }
            for (int i = 0; i < nodes.size(); i++) {
                SimulatedNode node = nodes.get(i);
                if (node.running(nowMs)) {
                    for (PendingAttempt attempt : node.openAttempts()) {
                        choices.add(new NodeChoice.Answer(i, attempt.key(), true));
                        choices.add(new NodeChoice.Answer(i, attempt.key(), false));
                    }
                }
            }
            long earliestMs = Long.MAX_VALUE;
            for (SimulatedNode node : nodes) {
                if (node.running(nowMs)) {
                    earliestMs = Math.min(earliestMs, node.runtime.nextTimer().map(SimulatedTimer::dueAtMs).orElse(Long.MAX_VALUE));
                }
            }
            long wakeMs = world.nextWakeMs(nowMs);
            // A paused node waking when a timer is due is a tie too: it may act before the timer fires.
            if (earliestMs == Long.MAX_VALUE || earliestMs >= wakeMs) {
                choices.add(new NodeChoice.Advance(Math.min(wakeMs, nowMs + NodeRunner.INTERVAL_MS)));
            }
            if (earliestMs != Long.MAX_VALUE && earliestMs <= wakeMs) {
                for (int i = 0; i < nodes.size(); i++) {
                    SimulatedNode node = nodes.get(i);
                    Optional<SimulatedTimer> next = node.running(nowMs) ? node.runtime.nextTimer() : Optional.empty();
                    if (next.isPresent() && next.get().dueAtMs() == earliestMs) {
                        choices.add(new NodeChoice.Fire(i, next.get().kind(), next.get().monitorId(), next.get().describe()));
                    }
                }
            }
            return choices;
        }

        /** Takes {@code choice} as one step, then checks NI1–NI3 and the lockstep. */
        Optional<NodeViolation> take(NodeChoice choice) {
            switch (choice) {
                case NodeChoice.Skew ignored -> throw new IllegalArgumentException("the skew is chosen before the engines are built");
                case NodeChoice.Close close -> throw new IllegalArgumentException("the explorer follows the node model, which has no close: "
                        + close.describe());
                case NodeChoice.Fire fire -> {
                    SimulatedNode node = world.nodes.get(fire.node());
                    SimulatedTimer timer = node.runtime.nextTimer().orElseThrow();
                    boolean failRenewal = renewalFails[fire.node()] && timer.kind() == TimerKind.LEASE_RENEWAL;
                    if (failRenewal) {
                        renewalFails[fire.node()] = false;
                        world.store.failNextTransaction(SimulatedStore.FailurePoint.BEGIN);
                    }
                    try {
                        world.fire(node, timer);
                    } finally {
                        if (failRenewal) {
                            world.store.failNextTransaction(null);
                        }
                    }
                }
                case NodeChoice.Advance advance -> world.clock.advanceTo(advance.toMs());
                case NodeChoice.Answer answer -> {
                    SimulatedNode node = world.nodes.get(answer.node());
                    world.as(node, () -> node.runtime.complete(answer.attempt(), answer.up() ? ProbeResult.up(5, "ok") : ProbeResult.down(5, "no")));
                }
                case NodeChoice.Command command -> {
                    commandsLeft--;
                    world.command(world.nodes.get(command.node()), command.monitorId(), NodeStep.CommandKind.START_OR_STOP);
                }
                case NodeChoice.Pause pause -> {
                    faultsLeft--;
                    world.nodes.get(pause.node()).wakesAtMs = pause.untilMs();
                }
                case NodeChoice.Crash crash -> {
                    faultsLeft--;
                    world.nodes.get(crash.node()).wakesAtMs = SimulatedNode.CRASHED;
                }
                case NodeChoice.CutOff cut -> {
                    faultsLeft--;
                    world.nodes.get(cut.node()).cutOffUntilMs = cut.untilMs();
                }
                case NodeChoice.RenewalFails fails -> {
                    faultsLeft--;
                    renewalFails[fails.node()] = true;
                }
            }
            Optional<NodeViolation> broken = world.endStep();
            world.step++;
            if (broken.isPresent() || model.isEmpty()) {
                return broken;
            }
            lockstepSteps++;
            return model.get().step(world, choice);
        }

        /** The state for hashing: what the harness reads of the engines and the store, and the budgets left (see the class). */
        Object state() {
            long nowMs = world.clock.monotonicMs();
            List<Object> parts = new ArrayList<>();
            parts.add(nowMs);
            parts.add(faultsLeft);
            parts.add(commandsLeft);
            for (int i = 0; i < world.nodes.size(); i++) {
                SimulatedNode node = world.nodes.get(i);
                parts.add(List.of(node.clockSkewMs, node.wakesAtMs, Math.max(node.cutOffUntilMs, nowMs), renewalFails[i]));
                List<Object> timers = new ArrayList<>();
                for (SimulatedTimer timer : node.runtime.pendingTimers()) {
                    timers.add(List.of(timer.kind(), timer.monitorId(), timer.dueAtMs()));
                }
                parts.add(timers);
                List<Object> attempts = new ArrayList<>();
                for (PendingAttempt attempt : node.openAttempts()) {
                    attempts.add(List.of(attempt.key().monitorId(), attempt.key().attempt(), attempt.startedAtMs()));
                }
                parts.add(attempts);
                if (!node.crashed()) {
                    for (String monitorId : scope.monitorIds()) {
                        Optional<MonitorSnapshot> view = node.engine.monitor(monitorId);
                        parts.add(List.of(node.engine.owns(monitorId), view.map(MonitorSnapshot::monitoring).orElse(false),
                                view.map(snapshot -> snapshot.status().name()).orElse("-"),
                                view.map(snapshot -> snapshot.activeOperations().size()).orElse(0)));
                    }
                }
            }
            for (NodeLeases.MonitorRow row : world.rowsNow().values()) {
                parts.add(row);
            }
            return parts;
        }
    }
}
