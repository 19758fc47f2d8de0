package dev.vigil.stress.variants;

import dev.vigil.engine.check.CheckerContext;
import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.check.EnhancedMonitorChecker;
import dev.vigil.engine.check.MonitorChecker;
import dev.vigil.engine.lane.MonitorLanes;
import dev.vigil.engine.operation.Operation;
import dev.vigil.engine.operation.RetryPolicy;
import dev.vigil.engine.status.MonitorStatusUpdateService;
import dev.vigil.stress.support.LaneAudit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * NEGATIVE CONTROL, deliberately broken: probe returns handled without the monitor's lane. The
 * production checker and applier, composed on a {@link MonitorLanes} of their own instead of the
 * engine's: a wiring slip of one argument. The engine's commands hold the engine's lane for the
 * whole command; the checker's calls and its probe callbacks take the other one. So a probe return
 * is handled while a command (stop, checkNow, update) holds the monitor's lane, between the
 * command's store transaction and its checker calls, which the engine's lane exists to prevent.
 *
 * <p>What a user sees of it is rare: the store's compare-and-set still refuses a result after a
 * committed stop, and the checker's own state stays serialized on its lanes; what is left is the
 * in-memory view racing the store (a result's snapshot written over a stop's). The direct check,
 * {@link LaneAudit} on the engine's lanes, sees every return this composition handles. The
 * probe-return tests must keep catching it; never use it for anything else.
 */
public final class ForeignLaneReturns implements CheckerFactory {
    private final LaneAudit audit;

    /**
     * The broken composition, with its applier observed by {@code audit} against the engine's lanes.
     *
     * @param audit records whether each result was offered inside the engine's lane
     */
    public ForeignLaneReturns(LaneAudit audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public MonitorChecker create(CheckerContext context) {
        MonitorLanes own = new MonitorLanes(); // the bug: not context.lanes()
        CheckerContext onOwnLanes = new CheckerContext(context.runtime(), context.repository(), context.monitors(), context.events(),
                own, context.registry(), context.waiters());
        MonitorStatusUpdateService production = new MonitorStatusUpdateService(context.registry(), context.monitors(),
                context.repository(), context.events(), context.runtime().clock());
        EnhancedMonitorChecker checker = new EnhancedMonitorChecker(onOwnLanes, audit.observe(production, context.lanes()),
                RetryPolicy::deadlineDelayMs);
        return new OnOwnLanes(checker, own);
    }

    /** Enters the checker's own lane for the calls that require it, as the commands enter the engine's. */
    private static final class OnOwnLanes implements MonitorChecker {
        private final MonitorChecker checker;
        private final MonitorLanes own;

        OnOwnLanes(MonitorChecker checker, MonitorLanes own) {
            this.checker = checker;
            this.own = own;
        }

        @Override
        public void requestCheck(String monitorId, boolean manual) {
            own.run(monitorId, () -> checker.requestCheck(monitorId, manual));
        }

        @Override
        public void cancelOperations(String monitorId) {
            own.run(monitorId, () -> checker.cancelOperations(monitorId));
        }

        @Override
        public void dropWaitingRequest(String monitorId) {
            own.run(monitorId, () -> checker.dropWaitingRequest(monitorId));
        }

        @Override
        public void forgetMonitor(String monitorId) {
            own.run(monitorId, () -> checker.forgetMonitor(monitorId));
        }

        @Override
        public Optional<Boolean> waitingRequest(String monitorId) {
            return checker.waitingRequest(monitorId);
        }

        @Override
        public boolean isLive(String operationId) {
            return checker.isLive(operationId);
        }

        @Override
        public List<Operation> liveOperations() {
            return checker.liveOperations();
        }

        @Override
        public long skippedTicks() {
            return checker.skippedTicks();
        }

        @Override
        public void shutdown() {
            checker.shutdown();
        }
    }
}
