package dev.vigil.model.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeStateSpaceTest {
    private static final int WORLDS_MAX = 2_000_000;
    /** Two nodes, one fault (pause, crash or cut-off) and one command (stop or start) on one monitor. */
    private static final NodeScope SCOPE = NodeScope.twoNodes(1, 1);

    @Test
    void theContractHoldsInEveryWorldOfTwoNodesWithAFaultAndACommand() {
        NodeStateSpace.Result result = NodeStateSpace.explore(SCOPE, NodeFlaw.NONE, WORLDS_MAX);

        assertThat(result.violation().map(Object::toString)).as("violation").isEmpty();
        assertThat(result.complete()).as("searched to the end").isTrue();
        assertThat(result.worlds()).as("worlds").isGreaterThan(50_000);
    }

    @ParameterizedTest
    @CsvSource({
            "PROBES_AFTER_LAPSE, NI1",
            "NODE_CLOCK_EXPIRY, NI1",
            "NO_FENCING, NI2",
            "TOKEN_ONLY, NI3",
            "NO_TAKEOVER, NI4"})
    void everyFlawIsCaughtByTheInvariantItBreaks(NodeFlaw flaw, String invariant) {
        NodeStateSpace.Result result = NodeStateSpace.explore(SCOPE, flaw, WORLDS_MAX);

        assertThat(result.violation().map(NodeStateSpace.Counterexample::reason).getOrElse("not caught"))
                .as(flaw.description()).startsWith(invariant + ":");
    }

    @Test
    void aPausedHolderThatWakesIsFencedOffOnceAnotherNodeTookOver() {
        NodeRules rules = new NodeRules(SCOPE, NodeFlaw.NONE);
        Cluster world = SCOPE.initial();
        world = rules.step(world, new NodeEvent.Claim("a", "m")).next();
        world = rules.step(world, new NodeEvent.Tick("a", "m")).next();
        world = rules.step(world, new NodeEvent.Pause("a")).next();
        for (int ms = 0; ms < SCOPE.timing().leaseMs(); ms++) {
            world = rules.step(world, new NodeEvent.Elapse()).next();
        }
        world = rules.step(world, new NodeEvent.Claim("b", "m")).next();
        while (!world.node("a").running(world.nowMs())) {
            world = rules.step(world, new NodeEvent.Elapse()).next();
        }

        NodeStep late = rules.step(world, new NodeEvent.ProbeReturn("a", "m", ProbeResult.UP));

        assertThat(late.applied()).as("applied").isEmpty();
        assertThat(late.next().monitor("m").lastResult()).isEqualTo(Option.none());
        assertThat(late.next().node("a").holdings().containsKey("m")).as("a learnt it lost m").isFalse();
        assertThat(late.next().monitor("m").owner()).isEqualTo(Option.some("b"));
    }

    @Test
    void worldsThatDifferOnlyInWhatIsPastShareAKeyAndOnesThatDifferAheadDoNot() {
        NodeScope scope = new NodeScope(TreeMap.of("a", 0L), List.of("m"), new NodeTiming(4, 2, 2, 5), 1, 1, 1);
        NodeRules rules = new NodeRules(scope, NodeFlaw.NONE);
        Cluster claimed = rules.step(scope.initial(), new NodeEvent.Claim("a", "m")).next();
        Cluster later = claimed;
        for (int ms = 0; ms < 10; ms++) {
            later = rules.step(later, new NodeEvent.Elapse()).next();
        }
        Cluster laterStill = rules.step(later, new NodeEvent.Elapse()).next();
        Cluster oneMsOn = rules.step(claimed, new NodeEvent.Elapse()).next();

        assertThat(WorldKey.of(laterStill, scope.timing())).as("a lease long expired").isEqualTo(WorldKey.of(later, scope.timing()));
        assertThat(WorldKey.of(oneMsOn, scope.timing())).as("a lease 1 ms nearer its end").isNotEqualTo(WorldKey.of(claimed, scope.timing()));
    }
}
