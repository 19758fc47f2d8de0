package dev.vigil.simulation.variant;

import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.check.EnhancedMonitoringServiceFactory;
import dev.vigil.engine.check.MonitorChecker;
import dev.vigil.engine.operation.MonitorOperationRegistry;
import dev.vigil.engine.operation.Operation;
import dev.vigil.simulation.store.SimulatedStore;
import java.util.List;

/**
 * A request starts a new check while a cancelled probe is still out: the composition treats a
 * cancelled operation as finished and drops it from the registry when the next tick (or start or
 * update) asks for a check, instead of letting that request wait for the probe to return (SPEC R4).
 * Two probes of one monitor then run at once, and the older one's return finds no operation. To a
 * user: after stop and start, or an update, a slow target is probed twice in parallel, and the
 * bookkeeping of the first probe is lost.
 */
public final class OverlappingProbesVariant implements EngineVariant {
    public static final String NAME = "overlapping-probes";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "A tick (or start or update) starts a check while a cancelled probe is still out: cancelled operations are dropped "
                + "from the registry instead of being waited for, so two probes of one monitor overlap.";
    }

    @Override
    public CheckerFactory checkerFactory(SimulatedStore store) {
        CheckerFactory real = new EnhancedMonitoringServiceFactory();
        return context -> new ImpatientRequests(real.create(context), context.registry());
    }

    /** Drops the monitor's cancelled operations before every non-manual request. */
    private static final class ImpatientRequests extends ForwardingChecker {
        private final MonitorOperationRegistry registry;

        ImpatientRequests(MonitorChecker real, MonitorOperationRegistry registry) {
            super(real);
            this.registry = registry;
        }

        @Override
        public void requestCheck(String monitorId, boolean manual) {
            List<Operation> live = registry.operationsOf(monitorId);
            if (!manual && !live.isEmpty() && live.stream().noneMatch(Operation::isActive)) {
                live.forEach(operation -> registry.completeOperation(operation.id())); // the bug: "cancelled means done"
            }
            real.requestCheck(monitorId, manual);
        }
    }
}
