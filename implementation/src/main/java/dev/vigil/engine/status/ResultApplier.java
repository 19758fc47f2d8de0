package dev.vigil.engine.status;

import dev.vigil.engine.operation.Operation;
import dev.vigil.engine.probe.ProbeResult;

/**
 * Decides whether an operation's result lands (SPEC R6) and lands it. The production
 * implementation is {@link MonitorStatusUpdateService}; the harness composes deliberately broken
 * ones to prove it would catch them. Called with the monitor's lane held.
 */
public interface ResultApplier {
    /**
     * Offers a result.
     *
     * @param operation the operation the result belongs to
     * @param result    what the deciding attempt found
     * @return what became of it
     */
    ApplyOutcome apply(Operation operation, ProbeResult result);
}
