package dev.vigil.simulation.explore;

import java.util.Objects;

/**
 * The bounds of an exhaustive exploration, each with its unit.
 *
 * @param depthMax      events per schedule at most
 * @param schedulesMax  schedules (complete runs) at most; the result says whether it was reached
 * @param reduction     how reorderings of independent events are skipped ({@link Reduction#SLEEP} by default)
 * @param stateHashing  prune a schedule when it reaches an abstract state already explored
 * @param splitDepth    the tree is split into subtrees at this depth: above it nothing is pruned
 *                      by hashing, so that shards (which own whole subtrees) stay exact
 * @param visitedStatesMax abstract states remembered for hashing at most: beyond it new states
 *                      are explored but not remembered (less pruning, never a missed schedule),
 *                      so memory stays bounded on a scope larger than expected
 */
public record ExploreLimits(int depthMax, long schedulesMax, Reduction reduction, boolean stateHashing, int splitDepth, int visitedStatesMax) {
    public static final int DEPTH_MAX_DEFAULT = 40;
    public static final long SCHEDULES_MAX_DEFAULT = 2_000_000;
    public static final int SPLIT_DEPTH_DEFAULT = 2;
    /** About 1 GiB of remembered states at most on the largest standard scope's key size. */
    public static final int VISITED_STATES_MAX_DEFAULT = 2_000_000;

    public ExploreLimits {
        Objects.requireNonNull(reduction, "reduction");
        if (depthMax < 1 || depthMax > 10_000) {
            throw new IllegalArgumentException("depthMax = " + depthMax + " must be within 1 … 10000");
        }
        if (schedulesMax < 1) {
            throw new IllegalArgumentException("schedulesMax = " + schedulesMax + " must be >= 1");
        }
        if (visitedStatesMax < 1) {
            throw new IllegalArgumentException("visitedStatesMax = " + visitedStatesMax + " must be >= 1");
        }
        if (splitDepth < 0 || splitDepth > depthMax) {
            throw new IllegalArgumentException("splitDepth = " + splitDepth + " must be within 0 … depthMax (" + depthMax + ")");
        }
    }

    public static ExploreLimits standard() {
        return new ExploreLimits(DEPTH_MAX_DEFAULT, SCHEDULES_MAX_DEFAULT, Reduction.SLEEP, true, SPLIT_DEPTH_DEFAULT, VISITED_STATES_MAX_DEFAULT);
    }

    public ExploreLimits withReduction(Reduction value) {
        return new ExploreLimits(depthMax, schedulesMax, value, stateHashing, splitDepth, visitedStatesMax);
    }

    public ExploreLimits withDepthMax(int value) {
        return new ExploreLimits(value, schedulesMax, reduction, stateHashing, splitDepth, visitedStatesMax);
    }

    public ExploreLimits withStateHashing(boolean value) {
        return new ExploreLimits(depthMax, schedulesMax, reduction, value, splitDepth, visitedStatesMax);
    }

    public ExploreLimits withVisitedStatesMax(int value) {
        return new ExploreLimits(depthMax, schedulesMax, reduction, stateHashing, splitDepth, value);
    }
}
