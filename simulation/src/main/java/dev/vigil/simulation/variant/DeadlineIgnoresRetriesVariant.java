package dev.vigil.simulation.variant;

import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.check.EnhancedMonitorChecker;
import dev.vigil.engine.operation.RetryPolicy;
import dev.vigil.engine.status.MonitorStatusUpdateService;
import dev.vigil.simulation.store.SimulatedStore;

/**
 * The known upstream bug: the operation deadline is timeout + buffer, ignoring retries. With
 * retries, a hung target's second attempt is cut off by the deadline (a DOWN of "operation
 * deadline exceeded" arrives at the wrong moment), and the monitor's timers no longer match what
 * the contract says they are.
 */
public final class DeadlineIgnoresRetriesVariant implements EngineVariant {
    public static final String NAME = "deadline-ignores-retries";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Operation deadline = timeoutMs + 5000 ms buffer, not attempts × timeoutMs + back-offs + buffer: with retries the "
                + "deadline fires during a later attempt.";
    }

    @Override
    public CheckerFactory checkerFactory(SimulatedStore store) {
        return context -> new EnhancedMonitorChecker(context,
                new MonitorStatusUpdateService(context.registry(), context.monitors(), context.repository(), context.events(),
                        context.runtime().clock()),
                settings -> settings.timeoutMs() + RetryPolicy.TIMEOUT_BUFFER_MS);
    }
}
