package dev.vigil.simulation.variant;

import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.check.EpochMonitorChecker;
import dev.vigil.engine.status.MonitorStatusUpdateService;
import dev.vigil.simulation.store.SimulatedStore;

/**
 * The fallback checker as it first shipped: no R7 deadline, so a check whose probe never answers
 * and whose attempt timer is late (a paused process) holds its monitor until the attempt timer
 * finally runs, and nothing bounds its life. Its deadline is set a hundred days out, which no
 * simulated run reaches.
 */
public final class FallbackNoDeadlineVariant implements EngineVariant {
    public static final String NAME = "fallback-no-deadline";
    private static final long NEVER_MS = 100L * 24 * 3_600_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "The fallback checker without its R7 deadline: a check lives as long as its attempts take, however late their timers run.";
    }

    @Override
    public String exploreScope() {
        return "pause-and-close";
    }

    @Override
    public CheckerFactory checkerFactory(SimulatedStore store) {
        return context -> new EpochMonitorChecker(context, epochTest -> new MonitorStatusUpdateService(epochTest, context.monitors(),
                context.repository(), context.events(), context.runtime().clock()), settings -> NEVER_MS);
    }
}
