package dev.vigil.simulation.variant;

import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.check.EnhancedMonitoringServiceFactory;
import dev.vigil.engine.check.MonitorChecker;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.simulation.store.SimulatedStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recovery trusts the operations persisted before the crash (SPEC R13 says to clear them): each
 * monitor's listed ids are taken as still outstanding and written back, so the monitor waits for
 * results that no probe will ever deliver — the process that ran those probes is gone, and so are
 * their deadline timers. To a user: after a restart, monitors that were being checked at the moment
 * of the crash stay frozen on their old status and are never checked again.
 */
public final class StaleAfterRestartVariant implements EngineVariant {
    public static final String NAME = "stale-after-restart";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Persisted operations are not cleared on restart: the ids listed before the crash are kept and treated as "
                + "outstanding, so a monitor that was mid-check when the process died is never checked again.";
    }

    @Override
    public String exploreScope() {
        return "crash-and-store-failure";
    }

    @Override
    public CheckerFactory checkerFactory(SimulatedStore store) {
        CheckerFactory real = new EnhancedMonitoringServiceFactory();
        return context -> {
            // Composed before recovery runs, so the store still lists what the crashed process left.
            Map<String, List<String>> persisted = new HashMap<>();
            for (MonitorSnapshot monitor : context.repository().findAll()) {
                if (!monitor.activeOperations().isEmpty()) {
                    persisted.put(monitor.id(), monitor.activeOperations());
                }
            }
            return new TrustsPersistedOperations(real.create(context), context.repository(), persisted);
        };
    }

    /** Holds back every request of a monitor that had persisted operations, and keeps them listed. */
    private static final class TrustsPersistedOperations extends ForwardingChecker {
        private final MonitorRepository repository;
        private final Map<String, List<String>> stale;

        TrustsPersistedOperations(MonitorChecker real, MonitorRepository repository, Map<String, List<String>> stale) {
            super(real);
            this.repository = repository;
            this.stale = stale;
        }

        @Override
        public void requestCheck(String monitorId, boolean manual) {
            List<String> ids = stale.get(monitorId);
            if (ids == null) {
                real.requestCheck(monitorId, manual);
                return;
            }
            try {
                repository.setActiveOperations(monitorId, ids); // the bug: recovery's clearing is undone
            } catch (StoreException failure) {
                // The buggy recovery ignores its own failures too.
            }
        }

        @Override
        public boolean isLive(String operationId) {
            return stale.values().stream().anyMatch(ids -> ids.contains(operationId)) || real.isLive(operationId);
        }

        @Override
        public void forgetMonitor(String monitorId) {
            stale.remove(monitorId);
            real.forgetMonitor(monitorId);
        }
    }
}
