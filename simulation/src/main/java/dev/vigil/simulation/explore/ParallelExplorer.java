package dev.vigil.simulation.explore;

import dev.vigil.model.Scope;
import dev.vigil.simulation.store.StoreKind;
import dev.vigil.simulation.variant.EngineVariant;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One shard of an exploration on several threads: the shard's subtrees (at the split depth) are
 * split again, the way {@code --shard} splits them between processes, and each part is explored
 * by an {@link Explorer} of its own on its own thread. Shard K of N on J jobs is the N·J shards
 * K, K + N, …, K + (J−1)·N: together exactly the subtrees of shard K.
 *
 * <p>The parts share one visited-state map (atomic per state), so a part prunes a state another
 * part has explored or is exploring, as one explorer prunes a state it reached before: the
 * states reached and the verdict are those of one job. Which part gets to a state first depends
 * on the threads' timing, so the schedule and pruning counts vary from run to run, and so may
 * which violating schedule is reported when there are several (it replays either way). The
 * merged result sums the parts' counts; its distinct states are the shared map's.
 */
public final class ParallelExplorer {
    private final Scope scope;
    private final EngineVariant variant;
    private final ExploreLimits limits;
    private final int shardIndex;
    private final int shardCount;
    private final int jobs;
    private final PrintStream progress;
    private final StoreKind store;

    /**
     * @param jobs     threads, 1 or more; each explores one part with at most its share of
     *                 {@link ExploreLimits#schedulesMax()}
     * @param progress where the first part prints its progress lines, or {@code null}
     */
    public ParallelExplorer(Scope scope, EngineVariant variant, ExploreLimits limits, int shardIndex, int shardCount, int jobs,
                            PrintStream progress) {
        this(scope, variant, limits, shardIndex, shardCount, jobs, progress, StoreKind.MEMORY);
    }

    /** {@link #ParallelExplorer(Scope, EngineVariant, ExploreLimits, int, int, int, PrintStream)} whose schedules run on {@code store}. */
    public ParallelExplorer(Scope scope, EngineVariant variant, ExploreLimits limits, int shardIndex, int shardCount, int jobs,
                            PrintStream progress, StoreKind store) {
        this.store = Objects.requireNonNull(store, "store");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.variant = Objects.requireNonNull(variant, "variant");
        this.limits = Objects.requireNonNull(limits, "limits");
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs = " + jobs + " must be >= 1");
        }
        this.shardIndex = shardIndex;
        this.shardCount = shardCount;
        this.jobs = jobs;
        this.progress = progress;
    }

    /** Explores every part, each on its own thread, and merges what they found. */
    public Explorer.Result explore() {
        long startedNs = System.nanoTime();
        if (jobs == 1) {
            return new Explorer(scope, variant, limits, shardIndex, shardCount, progress, store).explore();
        }
        long partSchedulesMax = Math.max(1, (limits.schedulesMax() + jobs - 1) / jobs);
        ExploreLimits partLimits = new ExploreLimits(limits.depthMax(), partSchedulesMax, limits.reduction(), limits.stateHashing(),
                limits.splitDepth(), limits.visitedStatesMax());
        Map<Object, Explorer.Visit> visited = new ConcurrentHashMap<>();
        List<Explorer> parts = new ArrayList<>();
        for (int part = 0; part < jobs; part++) {
            parts.add(new Explorer(scope, variant, partLimits, shardIndex + part * shardCount, shardCount * jobs,
                    part == 0 ? progress : null, visited, store));
        }
        ExecutorService threads = Executors.newFixedThreadPool(jobs, runnable -> {
            Thread thread = new Thread(runnable, "vigil-explore");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Explorer.Result>> running = new ArrayList<>();
            for (Explorer part : parts) {
                running.add(threads.submit(part::explore));
            }
            long schedules = 0;
            long transitions = 0;
            long prunedByHash = 0;
            long prunedByReduction = 0;
            long notRemembered = 0;
            boolean complete = true;
            Optional<Explorer.Failure> failure = Optional.empty();
            for (int part = 0; part < jobs; part++) {
                Explorer.Result result = running.get(part).get();
                schedules += result.schedules();
                transitions += result.transitions();
                prunedByHash += result.prunedByHash();
                prunedByReduction += result.prunedByReduction();
                notRemembered += result.statesNotRemembered();
                complete &= result.complete() || result.failure().isPresent();
                if (failure.isEmpty()) {
                    failure = result.failure();
                }
            }
            return new Explorer.Result(schedules, visited.size(), transitions, prunedByHash, prunedByReduction,
                    System.nanoTime() - startedNs, complete && failure.isEmpty(), failure, notRemembered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while exploring", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a part of the exploration failed: " + e.getCause(), e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }
}
