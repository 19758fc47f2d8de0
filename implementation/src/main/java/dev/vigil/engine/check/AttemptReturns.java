package dev.vigil.engine.check;

import dev.vigil.engine.probe.ProbeResult;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What a probe attempt's return counts as (SPEC R5, SEMANTICS "Probe returns"): every shape a
 * probe can return becomes one {@link ProbeResult}. A result is taken as it is; {@code null} is
 * DOWN, "probe returned no result"; a thrown exception (unwrapped from the future's wrappers) is
 * DOWN naming its class and message. The checker is composed with one of these, so that the
 * harness can reintroduce the mishandling of a shape as a known-buggy variant.
 */
@FunctionalInterface
public interface AttemptReturns {
    /** How every shape is judged in production. */
    AttemptReturns STANDARD = (result, error, elapsedMs) -> {
        if (error != null) {
            return ProbeResult.down(elapsedMs, describe(error));
        }
        return result == null ? ProbeResult.down(elapsedMs, "probe returned no result") : result;
    };

    /**
     * Judges one return of one attempt.
     *
     * @param result    what the probe returned, possibly {@code null}; ignored when {@code error} is set
     * @param error     what it threw, or {@code null}
     * @param elapsedMs how long the attempt took, for a result the probe did not time itself
     * @return the attempt's result, never {@code null}
     */
    ProbeResult judge(ProbeResult result, Throwable error, long elapsedMs);

    /**
     * "probe threw IOException: refused", looking through the future's wrappers.
     *
     * @param error what the attempt's future failed with, possibly wrapped in a
     *              {@link CompletionException} or {@link ExecutionException}
     * @return the details of the DOWN result: the cause's simple class name and message, or
     *         "probe cancelled" for a cancellation
     */
    static String describe(Throwable error) {
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
}
