package dev.vigil.simulation.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Outcome;
import dev.vigil.model.Scope;
import dev.vigil.simulation.lockstep.RunOutcome;
import dev.vigil.simulation.variant.EngineVariant;
import dev.vigil.simulation.variant.FallbackVariant;
import dev.vigil.simulation.variant.NaiveVariant;
import dev.vigil.simulation.variant.RealEngine;
import dev.vigil.simulation.variant.Variants;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExplorerTest {
    private static final Scope SMALL = new ScopeSpec(1, 3, 0, 0, 0, List.of(Outcome.UP, Outcome.DOWN), false).toScope();

    @Test
    void theRealEnginePassesEveryScheduleOfASmallScope() {
        Explorer.Result result = new Explorer(SMALL, new RealEngine(), ExploreLimits.standard(), 0, 1, null).explore();

        assertThat(result.failure()).isEmpty();
        assertThat(result.complete()).isTrue();
        assertThat(result.schedules()).isGreaterThan(10);
        assertThat(result.distinctStates()).isGreaterThan(10);
    }

    @Test
    void wallClockJumpsInEveryScheduleChangeNothingButLabels() {
        Scope jumpy = new ScopeSpec(1, 2, 1, 0, 0, List.of(Outcome.UP, Outcome.DOWN), false, 1, false, 0, 0, List.of()).toScope();
        Explorer.Result result = new Explorer(jumpy, new RealEngine(), ExploreLimits.standard(), 0, 1, null).explore();

        assertThat(result.failure()).isEmpty();
        assertThat(result.complete()).isTrue();
        Explorer.Result withoutJumps = new Explorer(new ScopeSpec(1, 2, 1, 0, 0, List.of(Outcome.UP, Outcome.DOWN), false).toScope(),
                new RealEngine(), ExploreLimits.standard(), 0, 1, null).explore();
        assertThat(result.distinctStates()).as("the jumps are really in the scope").isGreaterThan(withoutJumps.distinctStates());
    }

    @Test
    void probeFailureShapesTheSwarmNeverDrawsAreRecordedAsTheModelSays() {
        // ExecutionException-wrapped, self-cancelled ("probe cancelled"), without a message, and a
        // wrapper without a cause: outcomes only asked-for scopes draw, so that swarm seeds keep
        // their trace hashes.
        Scope shapes = new ScopeSpec(1, 2, 1, 0, 0, List.of(Outcome.UP, Outcome.THROW_EXECUTION, Outcome.CANCELLED_BY_PROBE,
                Outcome.THROW_NO_MESSAGE, Outcome.WRAPPER_WITHOUT_CAUSE), true, 0, false, 0, 0, List.of()).toScope();
        for (EngineVariant variant : List.of(new RealEngine(), new FallbackVariant())) {
            Explorer.Result result = new Explorer(shapes, variant, ExploreLimits.standard(), 0, 1, null).explore();

            assertThat(result.failure()).as(variant.name()).isEmpty();
            assertThat(result.complete()).as(variant.name()).isTrue();
        }
    }

    @Test
    void aStoreFaultMeetsACancelDuringABackOffInEverySchedule() {
        // Retries and a store fault in one scope: the unlist of an operation cancelled while it
        // waits out a back-off is the write the fault can strike, which 60 swarm seeds rarely line up.
        Scope faultsAndBackOffs = new ScopeSpec(1, 3, 1, 1, 0, List.of(Outcome.UP, Outcome.DOWN), true, 0, false, 0, 0, List.of()).toScope();
        for (EngineVariant variant : List.of(new RealEngine(), new FallbackVariant())) {
            Explorer.Result result = new Explorer(faultsAndBackOffs, variant, ExploreLimits.standard(), 0, 1, null).explore();

            assertThat(result.failure()).as(variant.name()).isEmpty();
            assertThat(result.complete()).as(variant.name()).isTrue();
        }
    }

    @Test
    void everyKnownBugIsFoundByExploringItsStatedScope() {
        for (EngineVariant variant : Variants.buggy()) {
            Scope scope = ScopeSpec.named(variant.exploreScope()).toScope();
            Explorer.Result result = new Explorer(scope, variant, ExploreLimits.standard(), 0, 1, null).explore();

            assertThat(result.failure()).as(variant.name() + " in " + variant.exploreScope()).isPresent();
        }
    }

    @Test
    void aFullVisitedSetExploresOnWithoutRememberingAndLosesNoSchedule() {
        Explorer.Result unbounded = new Explorer(SMALL, new RealEngine(), ExploreLimits.standard(), 0, 1, null).explore();
        // Not much below the states there are: without pruning, the schedules grow exponentially.
        int bound = (int) (unbounded.distinctStates() * 3 / 4);
        Explorer.Result bounded = new Explorer(SMALL, new RealEngine(), ExploreLimits.standard().withVisitedStatesMax(bound), 0, 1, null)
                .explore();

        assertThat(unbounded.statesNotRemembered()).isZero();
        assertThat(bounded.distinctStates()).isEqualTo(bound);
        assertThat(bounded.statesNotRemembered()).isPositive();
        assertThat(bounded.complete()).isTrue();
        assertThat(bounded.failure()).isEmpty();
        // Less pruning, never less exploring.
        assertThat(bounded.schedules()).isGreaterThanOrEqualTo(unbounded.schedules());
        assertThat(new Explorer(SMALL, new NaiveVariant(), ExploreLimits.standard().withVisitedStatesMax(bound), 0, 1, null).explore().failure())
                .isPresent();
    }

    @Test
    void jobsSplitTheSubtreesAndReachTheSameStatesAndVerdictAsOneJob() {
        Explorer.Result one = new Explorer(SMALL, new RealEngine(), ExploreLimits.standard(), 0, 1, null).explore();
        Explorer.Result three = new ParallelExplorer(SMALL, new RealEngine(), ExploreLimits.standard(), 0, 1, 3, null).explore();

        assertThat(three.complete()).isTrue();
        // The counts of schedules vary with the threads' timing; the states reached do not.
        assertThat(three.distinctStates()).isEqualTo(one.distinctStates());

        Explorer.Result naive = new ParallelExplorer(SMALL, new NaiveVariant(), ExploreLimits.standard(), 0, 1, 3, null).explore();
        assertThat(naive.failure()).isPresent();
        assertThat(Explorer.replay(SMALL, new NaiveVariant(), ExploreLimits.standard().depthMax(), naive.failure().get().schedule())
                .violation()).isPresent();
    }

    @Test
    void theNaiveRaceIsFoundAndItsScheduleReplays() {
        Explorer.Result result = new Explorer(SMALL, new NaiveVariant(), ExploreLimits.standard(), 0, 1, null).explore();

        assertThat(result.failure()).isPresent();
        Explorer.Failure failure = result.failure().get();
        RunOutcome replayed = Explorer.replay(SMALL, new NaiveVariant(), ExploreLimits.DEPTH_MAX_DEFAULT, failure.schedule());
        assertThat(replayed.violation()).isEqualTo(failure.outcome().violation());
        assertThat(replayed.traceHash()).isEqualTo(failure.outcome().traceHash());
        assertThat(replayed.timeline()).extracting(entry -> entry.text()).contains("stop m1");
    }

    @Test
    void shardsAreDisjointAndTogetherCoverTheWholeTree() {
        Explorer whole = new Explorer(SMALL, new RealEngine(), ExploreLimits.standard(), 0, 1, null);
        whole.explore();
        Set<Object> union = new HashSet<>();
        long subtrees = 0;
        for (int shard = 0; shard < 3; shard++) {
            Explorer part = new Explorer(SMALL, new RealEngine(), ExploreLimits.standard(), shard, 3, null);
            assertThat(part.explore().failure()).isEmpty();
            union.addAll(part.visitedStates());
            subtrees += part.subtreesOwned();
        }
        assertThat(subtrees).isEqualTo(whole.subtreesOwned());
        assertThat(union).isEqualTo(whole.visitedStates());
    }

    @Test
    void reductionAndHashingPruneWithoutLosingStates() {
        Scope twoMonitors = new ScopeSpec(2, 2, 0, 0, 0, List.of(Outcome.UP), false).toScope();
        Explorer reduced = new Explorer(twoMonitors, new RealEngine(), ExploreLimits.standard(), 0, 1, null);
        Explorer plain = new Explorer(twoMonitors, new RealEngine(), ExploreLimits.standard().withReduction(Reduction.NONE), 0, 1, null);
        Explorer.Result withReduction = reduced.explore();
        Explorer.Result without = plain.explore();

        assertThat(withReduction.prunedByReduction()).isPositive();
        assertThat(withReduction.schedules()).isLessThan(without.schedules());
        assertThat(reduced.visitedStates()).isEqualTo(plain.visitedStates());
    }
}
