package dev.vigil.simulation.variant;

import dev.vigil.engine.check.AttemptReturns;
import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.check.EnhancedMonitorChecker;
import dev.vigil.engine.operation.RetryPolicy;
import dev.vigil.engine.status.MonitorStatusUpdateService;
import dev.vigil.simulation.store.SimulatedStore;

/**
 * A probe that returns {@code null} is taken at its word: the attempt's timer is cancelled, then
 * judging the missing result throws inside the future's callback, where it vanishes. The attempt
 * never ends: no retry, ticks skipped until the operation's deadline (up to about 55 minutes with
 * ten retries of 300 s), and nothing in the log. To a user: a custom probe with one missing
 * {@code return} silently stalls its monitor.
 */
public final class NullResultUnhandledVariant implements EngineVariant {
    public static final String NAME = "null-result-unhandled";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "A probe's null result is passed on as a result: judging it throws inside the probe's callback, the attempt never "
                + "ends and the monitor's ticks are skipped until the operation's deadline.";
    }

    @Override
    public String exploreScope() {
        return "probe-shapes";
    }

    @Override
    public CheckerFactory checkerFactory(SimulatedStore store) {
        // The bug: a null result is not a failed attempt, it is just passed on.
        AttemptReturns unguarded = (result, error, elapsedMs) -> error != null ? AttemptReturns.STANDARD.judge(null, error, elapsedMs) : result;
        return context -> new EnhancedMonitorChecker(context,
                new MonitorStatusUpdateService(context.registry(), context.monitors(), context.repository(), context.events(),
                        context.runtime().clock()),
                RetryPolicy::deadlineDelayMs, unguarded);
    }
}
