package dev.vigil.simulation.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.simulation.store.StoreKind;
import dev.vigil.simulation.variant.NodeVariant;
import java.io.PrintStream;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two (and three) multi-node engines on one simulated store in seeded random schedules
 * ({@link NodeRunner}): the real composition keeps NI1–NI7, and every known-buggy node variant
 * breaks one within 1000 seeds.
 */
class MultiNodeSimulationTest {
    private static final int VARIANT_SEEDS_MAX = 1_000;
    private static final int THREE_NODE_EDIT_SEEDS = 300;

    static IntStream seeds() {
        return IntStream.rangeClosed(1, 40);
    }

    static IntStream fewSeeds() {
        return IntStream.rangeClosed(1, 10);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void twoNodesKeepTheNodeInvariantsUnderPausesCrashesAndCommands(int seed) {
        assertPasses(seed, new NodeRunSettings(2, StoreKind.MEMORY, NodeVariant.REAL));
    }

    @ParameterizedTest(name = "seed {0}, with updates and re-creations")
    @MethodSource("seeds")
    void twoNodesKeepTheNodeInvariantsWhenUsersAlsoUpdateAndRecreateMonitors(int seed) {
        assertPasses(seed, new NodeRunSettings(2, StoreKind.MEMORY, NodeVariant.REAL, true));
    }

    @ParameterizedTest(name = "seed {0}, three nodes")
    @MethodSource("fewSeeds")
    void threeNodesToo(int seed) {
        assertPasses(seed, new NodeRunSettings(3, StoreKind.MEMORY, NodeVariant.REAL));
    }

    @Test
    void threeNodesKeepTheNodeInvariantsWhenUsersAlsoEditOnAnyNode() {
        // With a third node, a removal or stop made on one node meets callers waiting on the
        // owner far more often than with two; a few hundred seeds take seconds.
        NodeSeedRuns.Summary summary = new NodeSeedRuns(new NodeRunSettings(3, StoreKind.MEMORY, NodeVariant.REAL, true),
                new PrintStream(PrintStream.nullOutputStream())).run(1, THREE_NODE_EDIT_SEEDS);
        assertThat(summary.failure()).as("three nodes with edits, seeds 1 … %d", THREE_NODE_EDIT_SEEDS).isEmpty();
    }

    @ParameterizedTest(name = "seed {0}, SQLite")
    @MethodSource("fewSeeds")
    void onSqliteToo(int seed) {
        assertPasses(seed, new NodeRunSettings(2, StoreKind.SQLITE, NodeVariant.REAL));
    }

    static java.util.stream.Stream<NodeVariant> variantsRandomRunsCatch() {
        return NodeVariant.buggyOnes().stream().filter(NodeVariant::randomRunsCatch);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variantsRandomRunsCatch")
    void everyBuggyNodeVariantRandomRunsReachIsCaughtWithinAThousandSeeds(NodeVariant variant) {
        NodeSeedRuns.Summary summary = new NodeSeedRuns(new NodeRunSettings(2, StoreKind.MEMORY, variant, variant.needsEdits()),
                new PrintStream(PrintStream.nullOutputStream())).run(1, VARIANT_SEEDS_MAX);
        assertThat(summary.failure()).as("%s caught within %d seeds", variant.cliName(), VARIANT_SEEDS_MAX).isPresent();
        NodeRunResult failing = summary.failure().orElseThrow();
        System.out.println(variant.cliName() + ": first failing seed " + failing.seed() + ": " + failing.violation().orElseThrow().headline());
    }

    @Test
    void theLockstepCatchesANodeThatBelievesALeaseTheModelHasLetLapse() {
        // Seed 1 breaks NI1 later; the lockstep sees the node's wrong belief first, side by side with the model's.
        NodeRunResult result = new NodeRunner(new NodeRunSettings(2, StoreKind.MEMORY, NodeVariant.LEASE_ON_NODE_CLOCK)).run(1);

        NodeViolation violation = result.violation().orElseThrow();
        assertThat(violation.invariant()).isEqualTo(NodeInvariant.LOCKSTEP);
        assertThat(violation.detail()).contains("engine holds the lease").contains("model does not hold the lease");
    }

    @Test
    void aSeedGivesTheSameRunTwice() {
        NodeRunner runner = new NodeRunner(new NodeRunSettings(3, StoreKind.MEMORY, NodeVariant.REAL));
        NodeRunResult first = runner.run(7);
        NodeRunResult second = runner.run(7);
        assertThat(second.steps()).isEqualTo(first.steps());
        assertThat(second.events()).isEqualTo(first.events());
        assertThat(second.violation()).isEqualTo(first.violation());
    }

    @Test
    void theBuggyListLeavesTheRealCompositionOut() {
        assertThat(NodeVariant.buggyOnes()).doesNotContain(NodeVariant.REAL).hasSize(NodeVariant.values().length - 1);
        assertThat(NodeVariant.named("node-writes-unfenced")).isEqualTo(NodeVariant.WRITES_UNFENCED);
    }

    private static void assertPasses(int seed, NodeRunSettings settings) {
        NodeRunResult result = new NodeRunner(settings).run(seed);
        assertThat(result.violation()).as("seed %d, %s", seed, settings.describe()).isEmpty();
    }
}
