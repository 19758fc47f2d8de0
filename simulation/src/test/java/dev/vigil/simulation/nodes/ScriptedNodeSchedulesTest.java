package dev.vigil.simulation.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.simulation.variant.NodeVariant;
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
    @Test
    void theOwnersCallerFailsAsUnknownWhenAnotherNodeRemovesTheMonitorAndTheOwnerLearnsAtItsRenewal() {
        try (NodeScript script = new NodeScript()) {
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
        try (NodeScript script = new NodeScript(NodeVariant.REMOVAL_FAILS_CALLERS_AS_DISCARDED)) {
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
        try (NodeScript script = new NodeScript()) {
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
        try (NodeScript script = new NodeScript(NodeVariant.STALE_REQUEST_AFTER_STOP)) {
            SimulatedNode owner = script.ownerWithACheckOut();
            script.answer(owner);
            script.command(script.other(owner), NodeStep.CommandKind.CHECK_NOW);
            script.command(owner, NodeStep.CommandKind.START_OR_STOP);
            script.timersFor(NodeRunner.LEASE_MS);

            assertThat(script.verdict()).hasValueSatisfying(verdict -> assertThat(verdict).startsWith("NI5").contains("probes m1"));
        }
    }

    @Test
    void aStartAndAStopElsewhereBetweenTwoRenewalsCancelTheOwnersManualCheckOfThePausedMonitor() {
        assertThat(NodeScript.startedAndStoppedElsewhereBetweenTwoRenewals(NodeVariant.REAL)).isEmpty();
        assertThat(NodeScript.startedAndStoppedElsewhereBetweenTwoRenewals(NodeVariant.PAUSED_ROW_CHANGE_IGNORED))
                .hasValueSatisfying(verdict -> assertThat(verdict).startsWith("NI5"));
    }

    @Test
    void theOwnersCallerFailsAsUnknownWhenACommandOnTheOwnerCatchesUpWithARemovalMadeElsewhere() {
        try (NodeScript script = new NodeScript()) {
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
        try (NodeScript script = new NodeScript()) {
            SimulatedNode owner = script.ownerWithACheckOut();
            // The checkNow cancels the tick's check, whose probe is still out: its request waits for it.
            script.command(owner, NodeStep.CommandKind.CHECK_NOW);
            script.command(script.other(owner), NodeStep.CommandKind.START_OR_STOP);
            // Before the owner's renewal: the update reads the row first and acts on the stop, as
            // the stop itself would have on this node: the request is dropped and its caller fails (R3).
            script.command(owner, NodeStep.CommandKind.UPDATE);
            assertThat(script.world.callersWaiting(owner, NodeScript.MONITOR)).isZero();
            // The cancelled probe returns before the renewal, which would drop the request too: a request the update kept begins a check of the stopped monitor.
            script.answer(owner);
            script.timersFor(NodeRunner.LEASE_MS);

            assertThat(script.verdict()).isEmpty();
        }
    }

    @Test
    void aStopMadeElsewhereCancelsTheOwnersRunningCheckWhenACommandOnTheOwnerCatchesUp() {
        try (NodeScript script = new NodeScript()) {
            SimulatedNode owner = script.ownerWithACheckOut();
            script.command(script.other(owner), NodeStep.CommandKind.START_OR_STOP);
            // Before the owner's renewal: the update reads the row first and acts on the stop (R3).
            script.command(owner, NodeStep.CommandKind.UPDATE);
            // The tick's probe returns before the renewal, which would cancel the check too: a check the update kept applies.
            script.answer(owner);
            script.timersFor(NodeRunner.LEASE_MS);

            assertThat(script.verdict()).isEmpty();
        }
    }

    @Test
    void aStopMadeElsewhereEndsTheOwnersTicksWhenItLearnsAtItsRenewal() {
        try (NodeScript script = new NodeScript()) {
            SimulatedNode owner = script.ownerWithACheckOut();
            script.answer(owner);
            script.command(script.other(owner), NodeStep.CommandKind.START_OR_STOP);
            script.timersFor(NodeRunner.LEASE_MS);

            assertThat(script.verdict()).isEmpty();
        }
    }

    @Test
    void aForwardedCheckNowCancelsTheOwnersRunningCheckWhenTheOwnerLearnsOfIt() {
        try (NodeScript script = new NodeScript()) {
            SimulatedNode owner = script.ownerWithACheckOut();
            script.command(script.other(owner), NodeStep.CommandKind.CHECK_NOW);
            // No probe answers: the tick's check is still running when the owner's renewal reads the request.
            script.timersFor(NodeRunner.LEASE_MS);

            assertThat(script.verdict()).isEmpty();
        }
    }

    @Test
    void aForwardedCallerWhoAskedAfterTheNewestResultWaitsForTheNextOne() {
        try (NodeScript script = new NodeScript()) {
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
        try (NodeScript script = new NodeScript()) {
            SimulatedNode owner = script.ownerWithACheckOut();
            script.oneCallerMoreThanTheLimit(script.other(owner));

            assertThat(script.verdict()).isEmpty();
        }
    }

    @Test
    void oneCallerMoreThanTheOwnerMayKeepFailsAtOnce() {
        try (NodeScript script = new NodeScript()) {
            script.oneCallerMoreThanTheLimit(script.ownerWithACheckOut());

            assertThat(script.verdict()).isEmpty();
        }
    }

    @Test
    void closingANodeFailsItsForwardedCallersAtOnce() {
        try (NodeScript script = new NodeScript()) {
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
        try (NodeScript script = new NodeScript()) {
            SimulatedNode owner = script.ownerWithACheckOut();
            script.command(script.other(owner), NodeStep.CommandKind.CHECK_NOW);
            script.command(owner, NodeStep.CommandKind.CHECK_NOW);
            script.step(() -> script.world.close(owner));

            assertThat(script.verdict()).isEmpty();
        }
    }
}
