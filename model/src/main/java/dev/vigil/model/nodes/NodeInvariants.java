package dev.vigil.model.nodes;

import io.vavr.collection.List;

/**
 * SPEC §6's safety invariants as predicates over one step (liveness, NI4, is {@link NodeLiveness}):
 *
 * <ul>
 *   <li><b>NI1 one holder</b>, in the form a target sees: every probe attempt starts while its
 *       node holds the monitor's valid lease with the token of its check, so no two nodes probe one
 *       monitor under valid leases, and no node probes as a ghost after its lease ran out;</li>
 *   <li><b>NI2 only the holder applies</b>: a result is applied only by the lease holder with
 *       the current fencing token, at database time;</li>
 *   <li><b>NI3 paused stays paused</b>: while a monitor is not monitoring, no node's result
 *       changes it.</li>
 * </ul>
 */
public final class NodeInvariants {

    private NodeInvariants() {
    }

    /** @return the violations of {@code step}, taken from {@code before}; empty if none */
    public static List<String> check(Cluster before, NodeStep step) {
        List<String> violations = List.empty();
        Cluster after = step.next();
        long now = after.nowMs();
        for (NodeStep.Attempt attempt : step.attempt()) {
            StoredMonitor row = after.monitor(attempt.monitor());
            if (!row.heldBy(attempt.node(), attempt.token(), now)) {
                violations = violations.append("NI1: " + attempt.node() + " probes " + attempt.monitor() + " under token " + attempt.token()
                        + " at " + now + " ms, but the lease is " + lease(row));
            }
        }
        for (NodeStep.Applied applied : step.applied()) {
            StoredMonitor row = before.monitor(applied.monitor());
            OperationRef operation = applied.operation();
            if (!row.heldBy(operation.node(), operation.token(), now)) {
                violations = violations.append("NI2: " + operation.node() + "'s result of " + applied.monitor() + " (token " + operation.token()
                        + ") applied at " + now + " ms, but the lease is " + lease(row));
            }
        }
        for (var stored : before.monitors()) {
            StoredMonitor then = stored._2;
            StoredMonitor later = after.monitor(stored._1);
            if (!then.monitoring() && !later.monitoring() && !then.lastResult().equals(later.lastResult())) {
                violations = violations.append("NI3: " + stored._1 + " is stopped, yet its result changed from " + then.lastResult().getOrNull()
                        + " to " + later.lastResult().getOrNull());
            }
        }
        return violations;
    }

    private static String lease(StoredMonitor row) {
        return row.owner().map(owner -> owner + "'s, token " + row.token() + ", valid until " + row.expiresAtMs() + " ms").getOrElse("free");
    }
}
