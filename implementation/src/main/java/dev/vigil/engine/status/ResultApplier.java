package dev.vigil.engine.status;

import dev.vigil.engine.operation.Operation;
import dev.vigil.engine.probe.ProbeResult;

/**
 * Decides whether an operation's result lands (SPEC R6) and lands it. The production
 * implementation is {@link MonitorStatusUpdateService}; the harness composes deliberately broken
 * ones to prove it would catch them. Called with the monitor's lane held.
 */
public interface ResultApplier {
    ApplyOutcome apply(Operation operation, ProbeResult result);
}
