package dev.vigil.simulation.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.model.AwaitedChecks;
import dev.vigil.simulation.runtime.SimulatedRuntime;
import dev.vigil.simulation.runtime.VirtualClock;
import dev.vigil.simulation.store.SimulatedStore;
import dev.vigil.simulation.store.StoreKind;
import dev.vigil.simulation.variant.NodeVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Multi-node schedules written out step by step, for the moments seeded runs rarely line up: a
 * caller waiting on the owner while another node removes or stops its monitor, a node's callers at
 * their limit, a node closed with callers waiting. The steps are those of the random runs (a
 * command on a node, a timer, the calm phase), and the verdict is theirs: NI1–NI7 after every
 * step, NI4 and NI6's liveness once the faults stop. No probe answers unless a step says so, so a
 * check stays out across the owner's renewals.
 */
class ScriptedNodeSchedulesTest {
    private static final String MONITOR = "m1";

    @Test
    void theOwnersCallerFailsAsUnknownWhenAnotherNodeRemovesTheMonitorAndTheOwnerLearnsAtItsRenewal() {
        try (Script script = new Script()) {
            SimulatedNode owner = script.ownerWithACheckOut();
            script.answer(owner);
            // No check is live: the manual one begins at once, and its probe stays out past the owner's renewal.
            script.command(owner, NodeStep.CommandKind.CHECK_NOW);
            script.command(script.other(owner), NodeStep.CommandKind.REMOVE);
            script.timersFor(NodeRunner.LEASE_MS);

            assertThat(script.verdict()).isEmpty();
        }
    }

    @Test
    void theScriptedRemovalCatchesANodeThatFailsTheOwnersCallerAsDiscarded() {
        try (Script script = new Script(NodeVariant.REMOVAL_FAILS_CALLERS_AS_DISCARDED)) {
            SimulatedNode owner = script.ownerWithACheckOut();
            script.answer(owner);
            script.command(owner, NodeStep.CommandKind.CHECK_NOW);
            script.command(script.other(owner), NodeStep.CommandKind.REMOVE);
            script.timersFor(NodeRunner.LEASE_MS);

            assertThat(script.verdict()).hasValueSatisfying(verdict -> assertThat(verdict).startsWith("NI6").contains("unknown monitor"));
        }
    }

    @Test
    void aRequestForwardedBeforeTheOwnerStopsTheMonitorDoesNotCheckItAfterTheStop() {
        try (Script script = new Script()) {
            SimulatedNode owner = script.ownerWithACheckOut();
            script.answer(owner);
            script.command(script.other(owner), NodeStep.CommandKind.CHECK_NOW);
            // The owner stops the monitor before its renewal reads the request.
            script.command(owner, NodeStep.CommandKind.START_OR_STOP);
            script.timersFor(NodeRunner.LEASE_MS);

            assertThat(script.verdict()).isEmpty();
        }
    }

    @Test
    void theScriptedStopCatchesANodeThatRunsARequestMadeBeforeIt() {
        try (Script script = new Script(NodeVariant.STALE_REQUEST_AFTER_STOP)) {
            SimulatedNode owner = script.ownerWithACheckOut();
            script.answer(owner);
            script.command(script.other(owner), NodeStep.CommandKind.CHECK_NOW);
            script.command(owner, NodeStep.CommandKind.START_OR_STOP);
            script.timersFor(NodeRunner.LEASE_MS);

            assertThat(script.verdict()).hasValueSatisfying(verdict -> assertThat(verdict).startsWith("NI5").contains("probes m1"));
        }
    }

    @Test
    void theOwnersCallerFailsAsUnknownWhenACommandOnTheOwnerCatchesUpWithARemovalMadeElsewhere() {
        try (Script script = new Script()) {
            SimulatedNode owner = script.ownerWithACheckOut();
            script.command(owner, NodeStep.CommandKind.CHECK_NOW);
            script.command(script.other(owner), NodeStep.CommandKind.REMOVE);
            // Before the owner's renewal: the command (it adds the monitor back) reads the row first.
            script.command(owner, NodeStep.CommandKind.START_OR_STOP);

            assertThat(script.verdict()).isEmpty();
        }
    }

    @Test
    void aStopMadeElsewhereFailsTheOwnersCallerWaitingForACancelledProbeWhenACommandOnTheOwnerCatchesUp() {
        try (Script script = new Script()) {
            SimulatedNode owner = script.ownerWithACheckOut();
            // The checkNow cancels the tick's check, whose probe is still out: its request waits for it.
            script.command(owner, NodeStep.CommandKind.CHECK_NOW);
            script.command(script.other(owner), NodeStep.CommandKind.START_OR_STOP);
            // Before the owner's renewal: the update reads the row first and acts on the stop.
            script.command(owner, NodeStep.CommandKind.UPDATE);
            script.timersFor(NodeRunner.LEASE_MS);

            assertThat(script.verdict()).isEmpty();
        }
    }

    @Test
    void aStopMadeElsewhereEndsTheOwnersTicksWhenItLearnsAtItsRenewal() {
        try (Script script = new Script()) {
            SimulatedNode owner = script.ownerWithACheckOut();
            script.answer(owner);
            script.command(script.other(owner), NodeStep.CommandKind.START_OR_STOP);
            script.timersFor(NodeRunner.LEASE_MS);

            assertThat(script.verdict()).isEmpty();
        }
    }

    @Test
    void aForwardedCheckNowCancelsTheOwnersRunningCheckWhenTheOwnerLearnsOfIt() {
        try (Script script = new Script()) {
            SimulatedNode owner = script.ownerWithACheckOut();
            script.command(script.other(owner), NodeStep.CommandKind.CHECK_NOW);
            // No probe answers: the tick's check is still running when the owner's renewal reads the request.
            script.timersFor(NodeRunner.LEASE_MS);

            assertThat(script.verdict()).isEmpty();
        }
    }

    @Test
    void aForwardedCallerWhoAskedAfterTheNewestResultWaitsForTheNextOne() {
        try (Script script = new Script()) {
            SimulatedNode owner = script.ownerWithACheckOut();
            SimulatedNode other = script.other(owner);
            script.command(other, NodeStep.CommandKind.CHECK_NOW);
            // A result lands after the first caller asked; the second asks after it, having read it.
            script.answer(owner);
            script.command(other, NodeStep.CommandKind.CHECK_NOW);
            // The other node's renewal sees the result: it answers the first caller, and the second waits for a newer one.
            script.timersFor(NodeRunner.LEASE_MS);

            assertThat(script.verdict()).isEmpty();
        }
    }

    @Test
    void oneForwardedCallerMoreThanANodeMayKeepFailsAtOnce() {
        try (Script script = new Script()) {
            SimulatedNode owner = script.ownerWithACheckOut();
            script.oneCallerMoreThanTheLimit(script.other(owner));

            assertThat(script.verdict()).isEmpty();
        }
    }

    @Test
    void oneCallerMoreThanTheOwnerMayKeepFailsAtOnce() {
        try (Script script = new Script()) {
            script.oneCallerMoreThanTheLimit(script.ownerWithACheckOut());

            assertThat(script.verdict()).isEmpty();
        }
    }

    @Test
    void closingANodeFailsItsForwardedCallersAtOnce() {
        try (Script script = new Script()) {
            SimulatedNode owner = script.ownerWithACheckOut();
            SimulatedNode other = script.other(owner);
            script.command(other, NodeStep.CommandKind.CHECK_NOW);
            script.command(owner, NodeStep.CommandKind.CHECK_NOW);
            script.step(() -> script.world.close(other));

            assertThat(script.verdict()).isEmpty();
        }
    }

    @Test
    void closingTheOwnerFailsItsCallersAtOnceAndTheOtherNodeTakesTheMonitorOver() {
        try (Script script = new Script()) {
            SimulatedNode owner = script.ownerWithACheckOut();
            script.command(script.other(owner), NodeStep.CommandKind.CHECK_NOW);
            script.command(owner, NodeStep.CommandKind.CHECK_NOW);
            script.step(() -> script.world.close(owner));

            assertThat(script.verdict()).isEmpty();
        }
    }

    /**
     * Two nodes of one composition on one in-memory store, the run's monitors added and started on the first, every
     * step judged as the random runs judge theirs. The first broken invariant is kept; steps after
     * it are not taken.
     */
    private static final class Script implements AutoCloseable {
        /** Enough steps for anything these scripts wait for; a script that needs more is wrong. */
        private static final int STEPS_MAX = 2_000;

        final NodeWorld world;
        private final SimulatedStore store;
        private final List<SimulatedNode> nodes = new ArrayList<>();
        private Optional<NodeViolation> broken = Optional.empty();

        Script() {
            this(NodeVariant.REAL);
        }

        Script(NodeVariant variant) {
            VirtualClock clock = new VirtualClock();
            SimulatedRuntime.IdGenerator ids = new SimulatedRuntime.IdGenerator(0);
            store = new SimulatedStore(StoreKind.MEMORY, clock::monotonicMs);
            nodes.add(new SimulatedNode("a", 0, new SimulatedRuntime(clock, ids), store, variant));
            nodes.add(new SimulatedNode("b", 0, new SimulatedRuntime(clock, ids), store, variant));
            world = new NodeWorld(clock, store, nodes);
            world.begin(List.of(MONITOR), NodeRunner.SETTINGS);
        }

        /** Fires timers until a node holds the monitor and its check's probe is out; that node. */
        SimulatedNode ownerWithACheckOut() {
            timersUntil(() -> owner().filter(node -> !node.openAttempts().isEmpty()).isPresent());
            return owner().orElseThrow();
        }

        SimulatedNode other(SimulatedNode node) {
            return nodes.get(1 - nodes.indexOf(node));
        }

        /** The node's oldest open probe attempt answers UP. */
        void answer(SimulatedNode node) {
            step(() -> world.as(node, () -> node.runtime.complete(node.openAttempts().getFirst().key(), ProbeResult.up(5, "ok"))));
        }

        /** The limit's worth of checkNow calls on {@code node}, each a step, then one more. */
        void oneCallerMoreThanTheLimit(SimulatedNode node) {
            for (int i = 0; i <= AwaitedChecks.WAITING_PER_MONITOR_MAX; i++) {
                command(node, NodeStep.CommandKind.CHECK_NOW);
            }
        }

        void command(SimulatedNode node, NodeStep.CommandKind kind) {
            step(() -> world.command(node, MONITOR, kind));
        }

        /** Fires the earliest timer, step by step, for {@code durationMs} of virtual time; no probe answers. */
        void timersFor(long durationMs) {
            long untilMs = world.clock.monotonicMs() + durationMs;
            timersUntil(() -> world.clock.monotonicMs() >= untilMs);
        }

        void timersUntil(BooleanSupplier done) {
            for (int steps = 0; !done.getAsBoolean() && broken.isEmpty(); steps++) {
                assertThat(steps).as("steps the script waited").isLessThan(STEPS_MAX);
                step(() -> world.fireEarliest(() -> false));
            }
        }

        /** Takes one step, unless an earlier one broke an invariant, and judges it. */
        void step(Runnable action) {
            if (broken.isPresent()) {
                return;
            }
            action.run();
            broken = world.endStep();
            world.step++;
        }

        /** The faults stop (there were none) and the calm phase judges what waits: the first broken invariant. */
        Optional<String> verdict() {
            if (broken.isEmpty()) {
                broken = world.calm(() -> false);
            }
            world.requireNoCallbackFailures("the script");
            return broken.map(NodeViolation::headline);
        }

        private Optional<SimulatedNode> owner() {
            return nodes.stream().filter(node -> node.running(world.clock.monotonicMs()) && node.engine.owns(MONITOR)).findFirst();
        }

        @Override
        public void close() {
            nodes.forEach(node -> node.engine.close());
            store.close();
        }
    }
}
