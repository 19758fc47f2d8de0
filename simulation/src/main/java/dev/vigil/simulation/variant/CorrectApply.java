package dev.vigil.simulation.variant;

import dev.vigil.engine.check.CheckerContext;
import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.check.EnhancedMonitorChecker;
import dev.vigil.engine.operation.Operation;
import dev.vigil.engine.operation.RetryPolicy;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.status.ApplyOutcome;
import dev.vigil.engine.status.MonitorStatusUpdateService;
import dev.vigil.engine.status.ResultApplier;

/**
 * The shape of the apply-path bugs: the real checker and the real apply path, with something
 * wrong done around the apply. Keeping the rest identical makes the harness catch exactly the bug.
 */
final class CorrectApply {
    /** What a buggy composition does around the correct apply. */
    @FunctionalInterface
    interface Around {
        ApplyOutcome apply(CheckerContext context, ResultApplier correct, Operation operation, ProbeResult result);
    }

    private CorrectApply() {
    }

    static CheckerFactory around(Around around) {
        return context -> {
            ResultApplier correct = new MonitorStatusUpdateService(context.registry(), context.monitors(), context.repository(),
                    context.events(), context.runtime().clock());
            return new EnhancedMonitorChecker(context, (operation, result) -> around.apply(context, correct, operation, result),
                    RetryPolicy::deadlineDelayMs);
        };
    }
}
