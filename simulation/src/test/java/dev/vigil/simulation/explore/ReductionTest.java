package dev.vigil.simulation.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Outcome;
import dev.vigil.model.Scope;
import dev.vigil.simulation.variant.EngineVariant;
import dev.vigil.simulation.variant.RealEngine;
import dev.vigil.simulation.variant.Variants;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Reduction skips schedules, never states, and never a bug: every {@link Reduction} reaches the
 * very set of abstract states that exploring without reduction reaches, in every standard scope,
 * and catches every known bug that exploring without reduction catches.
 */
class ReductionTest {

    @Test
    void everyReductionReachesTheSetOfStatesOfNoReductionInEveryStandardScope() {
        // On the model alone: the tree, and so the states reached, are the model's (see the next
        // test), and a model-only walk resumes where the last one branched instead of replaying,
        // so even the large scope takes seconds here where it takes minutes on the engine.
        for (Map.Entry<String, ScopeSpec> named : ScopeSpec.standard().entrySet()) {
            Scope scope = named.getValue().toScope();
            Explorer plain = Explorer.modelOnly(scope, ExploreLimits.standard().withReduction(Reduction.NONE), null);
            Explorer.Result without = plain.explore();
            assertThat(without.complete()).as(named.getKey()).isTrue();
            for (Reduction reduction : Reduction.values()) {
                Explorer reduced = Explorer.modelOnly(scope, ExploreLimits.standard().withReduction(reduction), null);
                Explorer.Result with = reduced.explore();

                assertThat(with.complete()).as(named.getKey() + " " + reduction).isTrue();
                assertThat(reduced.visitedStates()).as(named.getKey() + " " + reduction).isEqualTo(plain.visitedStates());
                if (reduction == Reduction.SLEEP) {
                    // Sleep sets only take schedules away. Source sets need not: a schedule stopped
                    // by hashing makes nodes explore more than its races would (SourceSets).
                    assertThat(with.schedules()).as(named.getKey() + " " + reduction).isLessThanOrEqualTo(without.schedules());
                }
            }
        }
    }

    @Test
    void theModelOnlyWalkIsTheTreeTheEngineIsExploredOn() {
        Scope twoMonitors = new ScopeSpec(2, 2, 0, 0, 0, List.of(Outcome.UP), false).toScope();
        for (Reduction reduction : Reduction.values()) {
            ExploreLimits limits = ExploreLimits.standard().withReduction(reduction);
            Explorer onEngine = new Explorer(twoMonitors, new RealEngine(), limits, 0, 1, null);
            Explorer modelOnly = Explorer.modelOnly(twoMonitors, limits, null);
            Explorer.Result engine = onEngine.explore();
            Explorer.Result model = modelOnly.explore();

            assertThat(engine.failure()).isEmpty();
            assertThat(model.schedules()).as(reduction.label()).isEqualTo(engine.schedules());
            assertThat(model.transitions()).as(reduction.label()).isEqualTo(engine.transitions());
            assertThat(model.prunedByReduction()).as(reduction.label()).isEqualTo(engine.prunedByReduction());
            assertThat(modelOnly.visitedStates()).as(reduction.label()).isEqualTo(onEngine.visitedStates());
        }
    }

    @Test
    void sourceSetShardsAndJobsReachTheStatesOfOneExplorer() {
        // Above the split depth source sets explore every awake event, so shards own disjoint
        // whole subtrees with them too.
        Scope scope = new ScopeSpec(2, 2, 0, 0, 0, List.of(Outcome.UP), false).toScope();
        ExploreLimits limits = ExploreLimits.standard().withReduction(Reduction.DPOR);
        Explorer whole = new Explorer(scope, new RealEngine(), limits, 0, 1, null);
        whole.explore();
        Set<Object> union = new HashSet<>();
        long subtrees = 0;
        for (int shard = 0; shard < 3; shard++) {
            Explorer part = new Explorer(scope, new RealEngine(), limits, shard, 3, null);
            assertThat(part.explore().failure()).isEmpty();
            union.addAll(part.visitedStates());
            subtrees += part.subtreesOwned();
        }
        assertThat(subtrees).isEqualTo(whole.subtreesOwned());
        assertThat(union).isEqualTo(whole.visitedStates());
        Explorer.Result twoJobs = new ParallelExplorer(scope, new RealEngine(), limits, 0, 1, 2, null).explore();
        assertThat(twoJobs.complete()).isTrue();
        assertThat(twoJobs.distinctStates()).isEqualTo(whole.visitedStates().size());
    }

    @Test
    void everyKnownBugCaughtWithoutReductionIsCaughtWithEveryReduction() {
        for (EngineVariant variant : Variants.buggy()) {
            Scope scope = ScopeSpec.named(variant.exploreScope()).toScope();
            for (Reduction reduction : Reduction.values()) {
                Explorer.Result result = new Explorer(scope, variant, ExploreLimits.standard().withReduction(reduction), 0, 1, null).explore();

                assertThat(result.failure()).as(variant.name() + " in " + variant.exploreScope() + ", reduction " + reduction.label())
                        .isPresent();
            }
        }
    }
}
