package dev.vigil.simulation.explore;

import dev.vigil.model.Budget;
import dev.vigil.model.EnabledEvent;
import dev.vigil.model.EnabledEvents;
import dev.vigil.model.Model;
import dev.vigil.model.ModelEvent;
import dev.vigil.model.ModelState;
import dev.vigil.model.Scope;
import dev.vigil.model.StateSpace;
import dev.vigil.simulation.lockstep.Lockstep;
import dev.vigil.simulation.lockstep.RunLimits;
import dev.vigil.simulation.lockstep.RunOutcome;
import dev.vigil.simulation.lockstep.TimelineEntry;
import dev.vigil.simulation.lockstep.Violation;
import dev.vigil.simulation.store.StoreKind;
import dev.vigil.simulation.variant.EngineVariant;
import dev.vigil.simulation.variant.RealEngine;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Exhaustive exploration of a bounded scope: depth-first over every schedule the model's
 * {@link EnabledEvents} allow, each schedule run on the real engine in lockstep with the model.
 *
 * <p>The engine cannot be copied, so every schedule is replayed from the start along its path of
 * choices (stateless model checking); the path is the schedule, and a violation's path replays it.
 * Two reductions keep the tree small. <b>State hashing</b>: a schedule stops when it reaches an
 * abstract state ({@link StateSpace#key}, with the sleep set) that was explored before at no
 * greater depth. <b>Sleep sets</b> ({@link Reduction#SLEEP}): after exploring event {@code a} at
 * a node, a sibling {@code b} {@link Independence independent} of {@code a} does not explore
 * {@code a} first in its subtree. Sleep sets skip transitions, never states, and a state is
 * pruned by hashing only when its earlier visit had no more events asleep, so they reach the set
 * of abstract states that {@link Reduction#NONE} reaches. <b>Source sets</b>
 * ({@link Reduction#DPOR}, {@link SourceSets}) explore fewer events per state, and are held to
 * the same set of states by {@code ReductionTest}.
 *
 * <p>The tree is the model's: which events are enabled, and so every schedule, pruning and
 * count, depends only on the model. {@link #modelOnly} walks the same tree without the engine,
 * checking nothing, to measure a reduction in seconds.
 *
 * <p>Shards own whole subtrees rooted at {@link ExploreLimits#splitDepth()} (by a hash of the
 * path to them); nothing is pruned by hashing above that depth, so shards are disjoint and
 * together cover the tree.
 */
public final class Explorer {
    private static final long PROGRESS_EVERY_NS = 2_000_000_000L;

    private final Scope scope;
    private final EngineVariant variant;
    private final ExploreLimits limits;
    private final int shardIndex;
    private final int shardCount;
    private final PrintStream progress;
    private final StoreKind store;
    /** Whether schedules run on the model alone, without the engine: the same tree, nothing checked. */
    private final boolean modelOnly;
    /** Shared between the parts of a {@link ParallelExplorer}, so that one part prunes with what another visited. */
    private final Map<Object, Visit> visited;
    private long schedules;
    private long transitions;
    private long prunedByHash;
    private long prunedByReduction;
    private long skippedOtherShards;
    private long subtreesOwned;
    private long statesNotRemembered;
    /**
     * The previous model-only walk, depth by depth: the model is immutable and deterministic, so
     * the next walk, which shares all its choices but the last, starts at the last one's frame.
     * The engine cannot be resumed so; its walks replay from the start.
     */
    private final List<Frame> frames = new ArrayList<>();
    private Walk lastWalk;

    /**
     * What an exploration found.
     *
     * @param statesNotRemembered states reached after the visited-state bound was full: explored,
     *                            but not remembered for pruning (0 unless the bound was reached)
     */
    public record Result(long schedules, long distinctStates, long transitions, long prunedByHash, long prunedByReduction,
            long wallNs, boolean complete, Optional<Failure> failure, long statesNotRemembered) {

        public double schedulesPerSecond() {
            return wallNs == 0 ? 0 : schedules * 1e9 / wallNs;
        }
    }

    /**
     * A schedule that failed: its run, and the schedule as indices into the enabled events at each
     * step ({@link #replay} takes it).
     */
    public record Failure(List<Integer> schedule, RunOutcome outcome) {}

    /**
     * How an abstract state was explored: from the smallest depth, with the events that were asleep
     * every time (their intersection). A later visit is covered if it is no shallower and has at
     * least those events asleep.
     */
    record Visit(int depth, Set<String> asleep) {
        boolean covers(int laterDepth, Set<String> laterAsleep) {
            return depth <= laterDepth && laterAsleep.containsAll(asleep);
        }

        Visit merge(int laterDepth, Set<String> laterAsleep) {
            Set<String> both = new HashSet<>(asleep);
            both.retainAll(laterAsleep);
            return new Visit(Math.min(depth, laterDepth), Set.copyOf(both));
        }
    }

    /** Where a model-only walk stood at one depth, so that the next walk resumes there instead of replaying. */
    private record Frame(ModelState state, Budget budget, Set<ModelEvent> sleep) {}

    /** One schedule's walk: the bound at each choice point, the choices made, and how it ended. */
    private record Walk(List<Integer> bounds, List<Integer> path, List<Integer> schedule, RunOutcome outcome) {}

    /** An explorer on the in-memory store. */
    public Explorer(Scope scope, EngineVariant variant, ExploreLimits limits, int shardIndex, int shardCount, PrintStream progress) {
        this(scope, variant, limits, shardIndex, shardCount, progress, StoreKind.MEMORY);
    }

    /** An explorer whose schedules run on {@code store}. */
    public Explorer(Scope scope, EngineVariant variant, ExploreLimits limits, int shardIndex, int shardCount, PrintStream progress,
                    StoreKind store) {
        this(scope, variant, limits, shardIndex, shardCount, progress, new HashMap<>(), store);
    }

    /** An explorer that remembers its states in {@code visited}: a concurrent map when explorers on several threads share it. */
    Explorer(Scope scope, EngineVariant variant, ExploreLimits limits, int shardIndex, int shardCount, PrintStream progress,
             Map<Object, Visit> visited, StoreKind store) {
        this(scope, variant, limits, shardIndex, shardCount, progress, visited, store, false);
    }

    private Explorer(Scope scope, EngineVariant variant, ExploreLimits limits, int shardIndex, int shardCount, PrintStream progress,
                     Map<Object, Visit> visited, StoreKind store, boolean modelOnly) {
        this.modelOnly = modelOnly;
        this.store = Objects.requireNonNull(store, "store");
        this.visited = Objects.requireNonNull(visited, "visited");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.variant = Objects.requireNonNull(variant, "variant");
        this.limits = Objects.requireNonNull(limits, "limits");
        if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) {
            throw new IllegalArgumentException("shard " + (shardIndex + 1) + "/" + shardCount + " is not a shard: K/N needs 1 ≤ K ≤ N");
        }
        this.shardIndex = shardIndex;
        this.shardCount = shardCount;
        this.progress = progress;
    }

    /**
     * An explorer that walks the model's tree of {@code scope} without the engine: the schedules,
     * distinct states and pruning counts of an exploration on the engine, in a fraction of its
     * time, and no verdict (nothing is compared, so nothing fails).
     */
    public static Explorer modelOnly(Scope scope, ExploreLimits limits, PrintStream progress) {
        return new Explorer(scope, new RealEngine(), limits, 0, 1, progress, new HashMap<>(), StoreKind.MEMORY, true);
    }

    /** Subtrees rooted at the split depth that this shard explored (all of them when unsplit). */
    public long subtreesOwned() {
        return subtreesOwned;
    }

    /** The abstract states this exploration visited (for checking that shards cover the whole). */
    public Set<Object> visitedStates() {
        return Set.copyOf(visited.keySet());
    }

    public Result explore() {
        if (limits.reduction() == Reduction.DPOR) {
            return exploreBySourceSets();
        }
        long startedNs = System.nanoTime();
        long lastProgressNs = startedNs;
        List<Integer> prefix = new ArrayList<>();
        Failure failure = null;
        boolean complete = true;
        while (true) {
            if (schedules >= limits.schedulesMax()) {
                complete = false;
                break;
            }
            Walk walk = walk(prefix);
            lastWalk = walk;
            if (walk.outcome() != null) {
                schedules++;
                if (walk.outcome().violation().isPresent()) {
                    failure = new Failure(walk.schedule(), walk.outcome());
                    break;
                }
            }
            Optional<List<Integer>> next = nextPrefix(walk);
            if (next.isEmpty()) {
                break;
            }
            prefix = next.get();
            lastProgressNs = reportProgress(startedNs, lastProgressNs);
        }
        return result(startedNs, complete, failure);
    }

    /** Prints a progress line if the last was long enough ago; returns when the last was printed. */
    private long reportProgress(long startedNs, long lastProgressNs) {
        long nowNs = System.nanoTime();
        if (progress == null || nowNs - lastProgressNs < PROGRESS_EVERY_NS) {
            return lastProgressNs;
        }
        progress.printf("  … %,d schedules, %,d states, %,d transitions, %,.0f schedules/s%n", schedules, visited.size(),
                transitions, schedules * 1e9 / (nowNs - startedNs));
        return nowNs;
    }

    private Result result(long startedNs, boolean complete, Failure failure) {
        return new Result(schedules, visited.size(), transitions, prunedByHash, prunedByReduction, System.nanoTime() - startedNs,
                complete && failure == null, Optional.ofNullable(failure), statesNotRemembered);
    }

    /** {@link #explore()} with {@link Reduction#DPOR}: the nodes of the schedule say what is left to explore. */
    private Result exploreBySourceSets() {
        long startedNs = System.nanoTime();
        long lastProgressNs = startedNs;
        SourceSets search = new SourceSets(limits.splitDepth());
        Failure failure = null;
        boolean complete = true;
        while (true) {
            if (schedules >= limits.schedulesMax()) {
                complete = false;
                break;
            }
            Walk walk = walkBySourceSets(search);
            if (walk.outcome() != null) {
                schedules++;
                if (walk.outcome().violation().isPresent()) {
                    failure = new Failure(walk.schedule(), walk.outcome());
                    break;
                }
            }
            if (!search.advance(finished -> prunedByReduction += finished.enabled.size() - finished.done.size())) {
                break;
            }
            lastProgressNs = reportProgress(startedNs, lastProgressNs);
        }
        return result(startedNs, complete, failure);
    }

    /**
     * Replays the nodes of {@code search} (the last one with its newly chosen event), then goes on
     * with the first event to explore at every new node, until a leaf, a known state or another
     * shard's subtree.
     */
    private Walk walkBySourceSets(SourceSets search) {
        List<Integer> schedule = new ArrayList<>();
        Budget budget = scope.budget();
        Set<ModelEvent> sleep = Set.of();
        int replayed = search.size();
        int startDepth = 0;
        ModelState startState = scope.initialState();
        if (modelOnly && replayed > 0) {
            // The nodes hold the model's states: resume at the node with the new choice.
            startDepth = replayed - 1;
            startState = search.node(startDepth).state;
            budget = search.node(startDepth).budget;
            for (int depth = 0; depth < startDepth; depth++) {
                SourceSets.Node node = search.node(depth);
                schedule.add(node.enabled.indexOf(node.chosen));
            }
        }
        try (ScheduleRun run = modelOnly ? new ModelRun(startState)
                : new LockstepRun(new Lockstep(variant, RunLimits.exhaustive(limits.depthMax()), scope.listeners().toJavaList(), store))) {
            for (int depth = startDepth; ; depth++) {
                ModelState state = run.model();
                SourceSets.Node node;
                if (depth < replayed) {
                    node = search.node(depth);
                    if (node.state.nowMs() != state.nowMs()) {
                        throw new IllegalStateException("replay diverged at depth " + depth + "; the engine or the model is not deterministic");
                    }
                    if (depth == replayed - 1) {
                        // The newly chosen event: counted with the schedule it starts, as the
                        // other reductions count a walk's first choice after its prefix.
                        search.racesOf(depth);
                        sleep = SourceSets.childSleep(node);
                    }
                } else {
                    List<EnabledEvent> enabled = EnabledEvents.of(state, scope, budget).toJavaList();
                    if (depth > 0) {
                        noteDisabled(search.node(depth - 1), enabled);
                    }
                    if (depth == limits.splitDepth()) {
                        if (shardCount > 1 && Math.floorMod(schedule.hashCode(), shardCount) != shardIndex) {
                            skippedOtherShards++;
                            return new Walk(List.of(), schedule, schedule, null);
                        }
                        subtreesOwned++;
                    }
                    if (enabled.isEmpty() || depth >= limits.depthMax()) {
                        return new Walk(List.of(), schedule, schedule, run.outcome(schedule));
                    }
                    if (coveredElseRemembered(StateSpace.key(state, budget), depth, describe(sleep))) {
                        prunedByHash++;
                        search.prunedByHashing();
                        return new Walk(List.of(), schedule, schedule, run.outcome(schedule));
                    }
                    node = search.push(state, budget, enabled, sleep);
                    Optional<EnabledEvent> first = node.pending();
                    if (first.isEmpty()) {
                        return new Walk(List.of(), schedule, schedule, run.outcome(schedule));
                    }
                    node.chosen = first.get();
                    search.racesOf(depth);
                    transitions++;
                    sleep = SourceSets.childSleep(node);
                }
                EnabledEvent chosen = node.chosen;
                schedule.add(node.enabled.indexOf(chosen));
                if (!run.apply(chosen.atMs(), chosen.event())) {
                    return new Walk(List.of(), schedule, schedule, run.outcome(schedule));
                }
                budget = chosen.remaining();
            }
        }
    }

    /**
     * A choice that disables an event dependent with it (a command that spends the monitor's last
     * budget, an attempt's timeout that its return would have ended) leaves no race to find it:
     * the node explores that event too.
     */
    private static void noteDisabled(SourceSets.Node parent, List<EnabledEvent> enabledNow) {
        for (EnabledEvent event : parent.enabled) {
            if (event.event().equals(parent.chosen.event()) || SourceSets.independentHere(parent.state, event, parent.chosen)) {
                continue;
            }
            if (enabledNow.stream().noneMatch(now -> now.event().equals(event.event()))) {
                SourceSets.disabled(parent, event);
            }
        }
    }

    /**
     * Looks {@code key} up among the visited states and updates it in one atomic step (explorers on
     * other threads may share the map).
     *
     * @return whether an earlier visit covers this one, so the schedule may stop here
     */
    private boolean coveredElseRemembered(Object key, int depth, Set<String> asleep) {
        boolean[] covered = {false};
        boolean[] remembered = {true};
        visited.compute(key, (stateKey, seen) -> {
            if (limits.stateHashing() && depth >= limits.splitDepth() && seen != null && seen.covers(depth, asleep)) {
                covered[0] = true;
                return seen;
            }
            if (seen != null) {
                return seen.merge(depth, asleep);
            }
            if (visited.size() < limits.visitedStatesMax()) {
                return new Visit(depth, asleep);
            }
            remembered[0] = false;
            return null;
        });
        if (!remembered[0]) {
            statesNotRemembered++;
        }
        return covered[0];
    }

    /**
     * Replays one schedule along {@code path} (a choice that no longer fits is clamped, so an
     * edited path still replays) without pruning: the trace of an exploration's violation.
     */
    public static RunOutcome replay(Scope scope, EngineVariant variant, int depthMax, List<Integer> path) {
        return replay(scope, variant, depthMax, path, StoreKind.MEMORY);
    }

    /** {@link #replay(Scope, EngineVariant, int, List)} on {@code store}. */
    public static RunOutcome replay(Scope scope, EngineVariant variant, int depthMax, List<Integer> path, StoreKind store) {
        Budget budget = scope.budget();
        List<Integer> taken = new ArrayList<>();
        try (Lockstep lockstep = new Lockstep(variant, RunLimits.exhaustive(depthMax), scope.listeners().toJavaList(), store)) {
            for (int depth = 0; depth < depthMax && depth < path.size(); depth++) {
                List<EnabledEvent> enabled = EnabledEvents.of(lockstep.model(), scope, budget).toJavaList();
                if (enabled.isEmpty()) {
                    break;
                }
                int choice = Math.min(Math.max(path.get(depth), 0), enabled.size() - 1);
                taken.add(choice);
                EnabledEvent chosen = enabled.get(choice);
                if (!lockstep.apply(chosen.atMs(), chosen.event())) {
                    break;
                }
                budget = chosen.remaining();
            }
            return lockstep.outcome(null, taken);
        }
    }

    /** Depth-first order: the deepest choice that has a next sibling, advanced. */
    private static Optional<List<Integer>> nextPrefix(Walk walk) {
        for (int depth = walk.path().size() - 1; depth >= 0; depth--) {
            if (walk.path().get(depth) + 1 < walk.bounds().get(depth)) {
                List<Integer> next = new ArrayList<>(walk.path().subList(0, depth));
                next.add(walk.path().get(depth) + 1);
                return Optional.of(next);
            }
        }
        return Optional.empty();
    }

    /** Replays {@code prefix}, then takes the first choice at every new node, until a leaf. */
    private Walk walk(List<Integer> prefix) {
        List<Integer> bounds = new ArrayList<>();
        List<Integer> path = new ArrayList<>();
        List<Integer> schedule = new ArrayList<>();
        Budget budget = scope.budget();
        Set<ModelEvent> sleep = Set.of();
        boolean sleepSets = limits.reduction() == Reduction.SLEEP;
        int startDepth = 0;
        ModelState startState = scope.initialState();
        if (modelOnly && lastWalk != null && !prefix.isEmpty() && prefix.size() - 1 < frames.size()) {
            // Every choice but the prefix's last is the previous walk's: resume at its frame.
            startDepth = prefix.size() - 1;
            Frame frame = frames.get(startDepth);
            startState = frame.state();
            budget = frame.budget();
            sleep = frame.sleep();
            bounds.addAll(lastWalk.bounds().subList(0, startDepth));
            path.addAll(lastWalk.path().subList(0, startDepth));
            schedule.addAll(lastWalk.schedule().subList(0, startDepth));
        }
        frames.subList(Math.min(startDepth, frames.size()), frames.size()).clear();
        try (ScheduleRun lockstep = modelOnly ? new ModelRun(startState)
                : new LockstepRun(new Lockstep(variant, RunLimits.exhaustive(limits.depthMax()), scope.listeners().toJavaList(), store))) {
            for (int depth = startDepth; ; depth++) {
                ModelState state = lockstep.model();
                if (modelOnly) {
                    frames.add(new Frame(state, budget, sleep));
                }
                List<EnabledEvent> enabled = EnabledEvents.of(state, scope, budget).toJavaList();
                boolean fresh = depth >= prefix.size();
                if (depth == limits.splitDepth() && fresh) {
                    if (shardCount > 1 && Math.floorMod(path.hashCode(), shardCount) != shardIndex) {
                        skippedOtherShards++;
                        return new Walk(bounds, path, schedule, null);
                    }
                    subtreesOwned++;
                }
                if (enabled.isEmpty() || depth >= limits.depthMax()) {
                    return new Walk(bounds, path, schedule, lockstep.outcome(schedule));
                }
                List<EnabledEvent> awake = new ArrayList<>();
                for (EnabledEvent event : enabled) {
                    if (!sleepSets || !sleep.contains(event.event())) {
                        awake.add(event);
                    }
                }
                if (fresh) {
                    prunedByReduction += enabled.size() - awake.size();
                    if (coveredElseRemembered(StateSpace.key(state, budget), depth, sleepSets ? describe(sleep) : Set.of())) {
                        prunedByHash++;
                        return new Walk(bounds, path, schedule, lockstep.outcome(schedule));
                    }
                }
                if (awake.isEmpty()) {
                    return new Walk(bounds, path, schedule, lockstep.outcome(schedule));
                }
                int choice = fresh ? 0 : prefix.get(depth);
                if (choice >= awake.size()) {
                    throw new IllegalStateException("replay diverged at depth " + depth + ": choice " + choice + " of " + awake.size()
                            + " events; the engine or the model is not deterministic");
                }
                EnabledEvent chosen = awake.get(choice);
                bounds.add(awake.size());
                path.add(choice);
                schedule.add(enabled.indexOf(chosen));
                if (fresh) {
                    transitions++;
                }
                Set<ModelEvent> childSleep = new HashSet<>();
                if (sleepSets) {
                    // What sleeps here, and the siblings explored before the chosen one, sleep on in
                    // its subtree while independent of it; an asleep event is enabled here, since
                    // only a dependent event can disable it, and that would have woken it.
                    List<EnabledEvent> candidates = new ArrayList<>(awake.subList(0, choice));
                    for (EnabledEvent event : enabled) {
                        if (sleep.contains(event.event())) {
                            candidates.add(event);
                        }
                    }
                    for (EnabledEvent asleep : candidates) {
                        if (Independence.independent(state, asleep, chosen)) {
                            childSleep.add(asleep.event());
                        }
                    }
                }
                if (!lockstep.apply(chosen.atMs(), chosen.event())) {
                    return new Walk(bounds, path, schedule, lockstep.outcome(schedule));
                }
                budget = chosen.remaining();
                sleep = childSleep;
            }
        }
    }

    private static Set<String> describe(Set<ModelEvent> sleep) {
        Set<String> described = new HashSet<>();
        sleep.forEach(event -> described.add(event.describe()));
        return described;
    }

    /** What one schedule runs on: the engine in lockstep with the model, or the model alone. */
    private sealed interface ScheduleRun extends AutoCloseable permits LockstepRun, ModelRun {
        ModelState model();

        /** @return whether the schedule may go on (false at a violation) */
        boolean apply(long atMs, ModelEvent event);

        RunOutcome outcome(List<Integer> schedule);

        @Override
        void close();
    }

    private record LockstepRun(Lockstep lockstep) implements ScheduleRun {
        @Override
        public ModelState model() {
            return lockstep.model();
        }

        @Override
        public boolean apply(long atMs, ModelEvent event) {
            return lockstep.apply(atMs, event);
        }

        @Override
        public RunOutcome outcome(List<Integer> schedule) {
            return lockstep.outcome(null, schedule);
        }

        @Override
        public void close() {
            lockstep.close();
        }
    }

    /** The model alone, stepped as the lockstep steps it; it cannot fail, so it reports no violation. */
    private static final class ModelRun implements ScheduleRun {
        private ModelState state;
        private int events;

        ModelRun(ModelState initial) {
            this.state = initial;
        }

        @Override
        public ModelState model() {
            return state;
        }

        @Override
        public boolean apply(long atMs, ModelEvent event) {
            state = Model.step(state, atMs, event).next();
            events++;
            return true;
        }

        @Override
        public RunOutcome outcome(List<Integer> schedule) {
            return new RunOutcome(null, schedule, events, state.nowMs(), "", Optional.empty(), List.of(), null);
        }

        @Override
        public void close() {
        }
    }

    /** The timeline of a failing schedule, for printing. */
    public static List<TimelineEntry> timelineOf(Failure failure) {
        return failure.outcome().timeline();
    }

    /** The violation of a failing schedule. */
    public static Violation violationOf(Failure failure) {
        return failure.outcome().violation().orElseThrow();
    }
}
