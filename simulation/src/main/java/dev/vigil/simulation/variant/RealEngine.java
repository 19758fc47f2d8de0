package dev.vigil.simulation.variant;

import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.check.EnhancedMonitoringServiceFactory;
import dev.vigil.simulation.store.SimulatedStore;

/** The engine as shipped: the composition every run checks unless told otherwise. */
public final class RealEngine implements EngineVariant {
    public static final String NAME = "real";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "The engine as shipped: operation correlation, compare-and-set status updates, deadlines covering every attempt.";
    }

    @Override
    public boolean buggy() {
        return false;
    }

    @Override
    public CheckerFactory checkerFactory(SimulatedStore store) {
        return new EnhancedMonitoringServiceFactory();
    }
}
