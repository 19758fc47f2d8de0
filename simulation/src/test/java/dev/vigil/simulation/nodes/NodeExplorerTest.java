package dev.vigil.simulation.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.simulation.store.StoreKind;
import dev.vigil.simulation.variant.NodeVariant;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exploring the standard two-node scope ({@link NodeExploreScope#twoNodes()}) on the real engines
 * ({@link NodeExplorer}): the shipped composition keeps NI1–NI4 and the lockstep with the node
 * model in every schedule, and each known-buggy node variant breaks the invariant it is written
 * against in some schedule of the same scope.
 */
class NodeExplorerTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final Logger ROOT = Logger.getLogger("");
    private static Level rootLevel;

    /** The engines log every node's joining and every status change: a hundred thousand schedules would log millions of lines. */
    @BeforeAll
    static void quietEngineLogs() {
        rootLevel = ROOT.getLevel();
        ROOT.setLevel(Level.OFF);
    }

    @AfterAll
    static void restoreLogs() {
        ROOT.setLevel(rootLevel);
    }

    @Test
    void theRealEnginesKeepEveryNodeInvariantInEveryScheduleOfTheStandardScope() {
        NodeExplorer.Result result = new NodeExplorer(NodeExploreScope.twoNodes(), NodeVariant.REAL, StoreKind.MEMORY, true, QUIET).explore();

        assertThat(result.failure()).as("%s", result.failure().map(NodeExplorer.Failure::describe).orElse("")).isEmpty();
        assertThat(result.complete()).isTrue();
        assertThat(result.cutByStepsMax()).isZero();
        assertThat(result.distinctStates()).isGreaterThan(10_000);
        assertThat(result.lockstepSteps()).isEqualTo(result.transitions());
        // Every open point is met in this scope, and named where docs/SEMANTICS.md describes it.
        assertThat(result.openPoints()).containsOnlyKeys(NodeLockstep.STOPPED_STAYS_OWNED, NodeLockstep.HANDOVER, NodeLockstep.EARLY_RENEWAL,
                NodeLockstep.TIMEOUT_AS_DOWN, NodeLockstep.BEGIN_BEFORE_STOP_LEARNT);
    }

    @Test
    void theLockstepReadsTheEnginesWithoutChangingWhatTheyDo() {
        NodeExploreScope small = NodeExploreScope.twoNodes().with(1, 0, 1, NodeExploreScope.twoNodes().horizonMs());

        NodeExplorer.Result with = new NodeExplorer(small, NodeVariant.REAL, StoreKind.MEMORY, true, QUIET).explore();
        NodeExplorer.Result without = new NodeExplorer(small, NodeVariant.REAL, StoreKind.MEMORY, false, QUIET).explore();

        assertThat(with.schedules()).isEqualTo(without.schedules());
        assertThat(with.distinctStates()).isEqualTo(without.distinctStates());
        assertThat(without.lockstepSteps()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    // The variants whose mistakes need edits (updates, re-creations, checkNow) are caught by random runs with them (MultiNodeSimulationTest).
    @MethodSource("variantsTheScopeReaches")
    void everyNodeVariantBreaksItsInvariantInSomeScheduleOfTheStandardScope(NodeVariant variant) {
        // Without the lockstep, so that the invariant the mistake breaks is the one that catches it.
        NodeExplorer.Result result = new NodeExplorer(NodeExploreScope.twoNodes(), variant, StoreKind.MEMORY, false, QUIET).explore();

        assertThat(result.failure()).as("%s must be caught", variant.cliName()).isPresent();
        assertThat(result.failure().orElseThrow().violation().invariant()).as(result.failure().orElseThrow().describe())
                .isEqualTo(expected(variant));
    }

    @Test
    void theLockstepCatchesTheNodeClockVariantBeforeItProbesWithoutALease() {
        NodeExplorer.Result lockstep = new NodeExplorer(NodeExploreScope.twoNodes(), NodeVariant.LEASE_ON_NODE_CLOCK, StoreKind.MEMORY, true, QUIET)
                .explore();

        // The node believes a lease the model has let lapse: the comparison sees it as soon as the belief outlives the lease.
        NodeViolation violation = lockstep.failure().orElseThrow().violation();
        assertThat(violation.invariant()).isEqualTo(NodeInvariant.LOCKSTEP);
        assertThat(violation.detail()).contains("engine holds the lease").contains("model does not hold the lease");
    }

    @Test
    void theSqliteStoreExploresTheSameStatesAsTheInMemoryOneInAFaultFreeScope() {
        NodeExploreScope small = NodeExploreScope.twoNodes().with(1, 0, 0, NodeExploreScope.twoNodes().horizonMs());

        NodeExplorer.Result memory = new NodeExplorer(small, NodeVariant.REAL, StoreKind.MEMORY, true, QUIET).explore();
        NodeExplorer.Result sqlite = new NodeExplorer(small, NodeVariant.REAL, StoreKind.SQLITE, true, QUIET).explore();

        assertThat(memory.failure()).isEmpty();
        assertThat(sqlite.failure()).isEmpty();
        assertThat(sqlite.distinctStates()).isEqualTo(memory.distinctStates());
        assertThat(sqlite.schedules()).isEqualTo(memory.schedules());
    }

    static java.util.stream.Stream<NodeVariant> variantsTheScopeReaches() {
        return NodeVariant.buggyOnes().stream().filter(variant -> !variant.needsEdits());
    }

    /** The invariant each variant's mistake breaks first in this scope. */
    private static NodeInvariant expected(NodeVariant variant) {
        return switch (variant) {
            case REAL -> throw new IllegalArgumentException("the real composition breaks nothing");
            // A lapsed node's retry starts a probe without asking whether it still holds the lease.
            case TIMERS_UNGUARDED -> NodeInvariant.NI1;
            // A node that wakes at its lease's expiry writes its late result: only the fence refused it.
            case WRITES_UNFENCED -> NodeInvariant.NI2;
            // The node whose clock is behind believes an expired lease and probes under it.
            case LEASE_ON_NODE_CLOCK -> NodeInvariant.NI1;
            case CLAIM_BY_TOKEN, COMMANDS_WITHOUT_CATCH_UP, REMOVAL_FAILS_CALLERS_AS_DISCARDED, FORWARDED_CALLERS_NEVER_ASK_AGAIN,
                    STALE_REQUEST_AFTER_STOP, PAUSED_ROW_CHANGE_IGNORED -> throw new IllegalArgumentException(variant.cliName()
                    + " needs updates, re-creations or checkNow, which the scope does not have");
        };
    }
}
