package dev.vigil.engine.check;

import dev.vigil.engine.probe.ProbeResult;

/**
 * The results the engine makes up itself when a probe did not answer in time, in one place for
 * both checkers so that they record the same thing: an attempt that timed out (R5) and an
 * operation whose deadline passed (R7). What a probe's own return counts as is {@link AttemptReturns}.
 */
final class CheckOutcomes {
    private CheckOutcomes() {
    }

    /** An attempt whose timer fired before its probe returned: DOWN after the whole timeout. */
    static ProbeResult timedOut(long timeoutMs) {
        return ProbeResult.down(timeoutMs, "timed out after " + timeoutMs + " ms");
    }

    /** R7: DOWN, with the time since the operation began. */
    static ProbeResult deadlineExceeded(long elapsedMs) {
        return ProbeResult.down(Math.max(0, elapsedMs), "operation deadline exceeded");
    }
}
