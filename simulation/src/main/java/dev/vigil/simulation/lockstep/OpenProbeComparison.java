package dev.vigil.simulation.lockstep;

import dev.vigil.model.InFlightAttempt;
import dev.vigil.model.ModelState;
import dev.vigil.model.ViewDigest;
import dev.vigil.simulation.runtime.PendingAttempt;
import dev.vigil.simulation.runtime.SimulatedRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The probes the engine holds open against the attempts the model has in flight. A probe is open
 * while its future is neither returned nor cancelled; once the engine abandons an attempt (its
 * timeout, the deadline, remove, close) it must cancel the probe, so that a slow target stops
 * costing a connection; a probe whose operation was only cancelled (stop, update, checkNow)
 * stays out, and the model keeps that attempt in flight until it returns or times out. A late
 * return changes nothing either way, so without this comparison an uncancelled probe is invisible.
 */
final class OpenProbeComparison {
    private OpenProbeComparison() {
    }

    /**
     * @param runtime the open engine's runtime
     * @return the differences, empty when the open probes are exactly the model's attempts in flight
     */
    static List<String> problems(ModelState model, SimulatedRuntime runtime, SimulatedRuntime.IdGenerator ids) {
        if (sameDigest(model, runtime, ids)) {
            return List.of(); // the usual case, after every event: no sets of descriptions to build
        }
        SortedSet<String> open = new TreeSet<>();
        for (PendingAttempt attempt : runtime.pendingAttempts()) {
            if (!attempt.future().isDone()) {
                open.add(describe(attempt.key().monitorId(), number(ids, attempt.key().operationId()), attempt.key().attempt()));
            }
        }
        SortedSet<String> inFlight = new TreeSet<>();
        for (InFlightAttempt attempt : model.inFlight()) {
            inFlight.add(describe(attempt.monitorId(), "op#" + attempt.operation(), attempt.attempt()));
        }
        List<String> problems = new ArrayList<>();
        if (!open.equals(inFlight)) {
            SortedSet<String> notCancelled = new TreeSet<>(open);
            notCancelled.removeAll(inFlight);
            SortedSet<String> missing = new TreeSet<>(inFlight);
            missing.removeAll(open);
            problems.add("open probes: the model has " + inFlight + " in flight, the engine holds " + open + " open"
                    + (notCancelled.isEmpty() ? "" : "; abandoned and not cancelled: " + notCancelled)
                    + (missing.isEmpty() ? "" : "; cancelled or never started: " + missing));
        }
        return problems;
    }

    /**
     * Whether the open probes are the attempts in flight, told by the sums of their digests: equal
     * sets give equal sums, so a difference here only sends the comparison to build both sets.
     * An operation id never issued sends it there too, to be described.
     */
    private static boolean sameDigest(ModelState model, SimulatedRuntime runtime, SimulatedRuntime.IdGenerator ids) {
        long open = 0;
        for (PendingAttempt attempt : runtime.pendingAttempts()) {
            if (!attempt.future().isDone()) {
                int number = ids.numberIfIssued(attempt.key().operationId());
                if (number == 0) {
                    return false;
                }
                open += ViewDigest.ofAttempt(attempt.key().monitorId(), number, attempt.key().attempt());
            }
        }
        return open == model.inFlightDigest();
    }

    private static String number(SimulatedRuntime.IdGenerator ids, String operationId) {
        try {
            return "op#" + ids.numberOf(operationId);
        } catch (IllegalStateException neverIssued) {
            return "op '" + operationId + "'";
        }
    }

    private static String describe(String monitorId, String operation, int attempt) {
        return monitorId + " " + operation + " attempt " + attempt;
    }
}
