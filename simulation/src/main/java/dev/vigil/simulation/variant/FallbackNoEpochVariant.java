package dev.vigil.simulation.variant;

import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.check.EpochMonitorChecker;
import dev.vigil.engine.operation.RetryPolicy;
import dev.vigil.engine.status.MonitorStatusUpdateService;
import dev.vigil.simulation.store.SimulatedStore;

/**
 * The fallback checker composed without its epoch test: its applier takes every check for ACTIVE,
 * so only the monitor's half of SPEC R6 (exists, lists the check, monitoring or manual) guards a
 * result. A stop or start rewrites the list and still keeps stale results out, but checkNow and
 * update do not: the superseded check's late result lands. The negative control that shows the
 * harness watches the fallback as closely as the real engine.
 */
public final class FallbackNoEpochVariant implements EngineVariant {
    public static final String NAME = "fallback-no-epoch";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "The fallback checker without its epoch test: the result of a check superseded by checkNow or update still lands, "
                + "because the monitor still lists it.";
    }

    @Override
    public CheckerFactory checkerFactory(SimulatedStore store) {
        return context -> new EpochMonitorChecker(context,
                epochTest -> new MonitorStatusUpdateService((operationId, monitorId) -> true, context.monitors(), context.repository(),
                        context.events(), context.runtime().clock()),
                RetryPolicy::deadlineDelayMs);
    }
}
