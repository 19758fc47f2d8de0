package dev.vigil.simulation.lockstep;

import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.AttemptKey;
import dev.vigil.model.Outcome;
import dev.vigil.simulation.runtime.SimulatedRuntime;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How a simulated probe returns each {@link Outcome}: the result, exception or {@code null} a real
 * probe (or a buggy custom one) would hand the engine, with exactly the details, class and
 * message the model expects in the record.
 */
final class ProbeAnswers {
    private ProbeAnswers() {
    }

    /** Answers {@code key} on {@code runtime} the way {@code outcome} says. */
    static void answer(SimulatedRuntime runtime, AttemptKey key, Outcome outcome, long latencyMs) {
        switch (outcome.kind()) {
            case RESULT, NO_RESULT -> runtime.complete(key, result(outcome, latencyMs));
            case THROWN -> runtime.fail(key, thrown(outcome));
        }
    }

    /** The result a probe of {@code outcome} returns; {@code null} for {@link Outcome#NULL}; thrown outcomes have none. */
    static ProbeResult result(Outcome outcome, long latencyMs) {
        return switch (outcome.kind()) {
            case RESULT -> new ProbeResult(outcome.up(), latencyMs, outcome.probeDetails());
            case NO_RESULT -> null;
            case THROWN -> throw new IllegalArgumentException(outcome + " throws, it returns no result");
        };
    }

    private static Throwable thrown(Outcome outcome) {
        String message = outcome.exceptionMessage();
        return switch (outcome) {
            case THROW -> new IOException(message);
            case THROW_RUNTIME -> new IllegalStateException(message);
            case THROW_WRAPPED -> new CompletionException(new IOException(message));
            case THROW_ERROR -> new AssertionError(message);
            case THROW_EXECUTION -> new ExecutionException(new IOException(message));
            case CANCELLED_BY_PROBE -> new CancellationException(message);
            case THROW_NO_MESSAGE -> new IOException();
            case WRAPPER_WITHOUT_CAUSE -> new CompletionException(message, null);
            default -> throw new IllegalArgumentException(outcome + " does not throw");
        };
    }
}
