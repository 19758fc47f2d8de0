package dev.vigil.simulation.variant;

import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.check.EnhancedMonitoringServiceFactory;
import dev.vigil.engine.check.MonitorChecker;
import dev.vigil.simulation.store.SimulatedStore;
import java.util.HashSet;
import java.util.Set;

/**
 * checkNow does not cancel the running operation: the manual check waits behind it, and the old
 * operation's result still lands although the user asked for a fresh one. Composed from the real
 * checker behind a decorator that holds back each cancel until it knows whether a manual request
 * (checkNow) follows it, and drops it if so.
 */
public final class ManualNoCancelVariant implements EngineVariant {
    public static final String NAME = "manual-no-cancel";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "checkNow requests a manual check without cancelling the running operation, whose (older) result then lands.";
    }

    @Override
    public CheckerFactory checkerFactory(SimulatedStore store) {
        CheckerFactory real = new EnhancedMonitoringServiceFactory();
        return context -> new ForgetfulCancels(real.create(context));
    }

    /** Cancels are deferred; a manual request right after one swallows it, anything else performs it first. */
    private static final class ForgetfulCancels extends ForwardingChecker {
        private final Set<String> pendingCancels = new HashSet<>();

        ForgetfulCancels(MonitorChecker real) {
            super(real);
        }

        private void flush(String monitorId) {
            if (pendingCancels.remove(monitorId)) {
                real.cancelOperations(monitorId);
            }
        }

        @Override
        public void requestCheck(String monitorId, boolean manual) {
            if (manual) {
                pendingCancels.remove(monitorId); // the bug: checkNow's cancel never happens
            } else {
                flush(monitorId);
            }
            real.requestCheck(monitorId, manual);
        }

        @Override
        public void cancelOperations(String monitorId) {
            flush(monitorId);
            pendingCancels.add(monitorId);
        }

        @Override
        public void dropWaitingRequest(String monitorId) {
            flush(monitorId);
            real.dropWaitingRequest(monitorId);
        }

        @Override
        public void forgetMonitor(String monitorId) {
            pendingCancels.remove(monitorId);
            real.forgetMonitor(monitorId);
        }
    }
}
