package dev.vigil.simulation.variant;

import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.check.EnhancedMonitoringServiceFactory;
import dev.vigil.simulation.store.SimulatedStore;

/**
 * The fallback as shipped: what the engine runs when composing the enhanced checker fails. The
 * epoch checker, applying through the same status update service, with the contract's deadline.
 * Not a bug: it must pass everything the real engine passes, against the same model.
 */
public final class FallbackVariant implements EngineVariant {
    public static final String NAME = "fallback";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "The fallback checker as shipped: per-monitor epochs instead of the operation registry, the same apply path and deadlines.";
    }

    @Override
    public boolean buggy() {
        return false;
    }

    @Override
    public CheckerFactory checkerFactory(SimulatedStore store) {
        return EnhancedMonitoringServiceFactory::composeFallback;
    }
}
