package dev.vigil.engine.check;

import dev.vigil.engine.probe.ProbeResult;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What an attempt's outcome is, in one place for both checkers so that they record the same
 * thing: a probe's return as it came, or thrown (SPEC R5), and the results the engine makes up
 * itself when a probe did not answer in time: an attempt that timed out (R5) and an operation
 * whose deadline passed (R7).
 */
final class CheckOutcomes {
    private CheckOutcomes() {
    }

    /** A probe's return: its result, or DOWN with what it threw and how long it took. */
    static ProbeResult returned(ProbeResult result, Throwable error, long elapsedMs) {
        return error == null ? result : ProbeResult.down(elapsedMs, describe(error));
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CancellationException) {
            return "probe cancelled";
        }
        String message = cause.getMessage();
        return "probe threw " + cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
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
