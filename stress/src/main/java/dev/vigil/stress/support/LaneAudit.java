package dev.vigil.stress.support;

import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.check.EnhancedMonitorChecker;
import dev.vigil.engine.check.EnhancedMonitoringServiceFactory;
import dev.vigil.engine.lane.MonitorLanes;
import dev.vigil.engine.operation.RetryPolicy;
import dev.vigil.engine.status.MonitorStatusUpdateService;
import dev.vigil.engine.status.ResultApplier;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The direct check that a probe return is handled inside its monitor's lane. Every result a
 * checker offers its {@link ResultApplier} (applied or discarded: with one attempt per check, every
 * probe return that concludes an operation reaches it) is recorded with whether the offering thread
 * held that monitor's lane, asked of the engine's own {@link MonitorLanes}, the ones its commands
 * take. Thread-safe; one audit per engine.
 */
public final class LaneAudit {
    private final AtomicLong offered = new AtomicLong();
    private final List<String> outsideLane = new CopyOnWriteArrayList<>();

    /** An audit that has seen nothing yet. */
    public LaneAudit() {
    }

    /**
     * {@code applier}, observed: each call is recorded before it is passed on.
     *
     * @param applier     the applier the checker is composed with
     * @param engineLanes the lanes the engine's commands take (the {@code CheckerContext}'s)
     * @return the observed applier
     */
    public ResultApplier observe(ResultApplier applier, MonitorLanes engineLanes) {
        Objects.requireNonNull(applier, "applier");
        Objects.requireNonNull(engineLanes, "engineLanes");
        return (operation, result) -> {
            offered.incrementAndGet();
            if (!engineLanes.isHeldByCurrentThread(operation.monitorId())) {
                outsideLane.add(operation.id() + " of monitor " + operation.monitorId() + " on thread " + Thread.currentThread().getName());
            }
            return applier.apply(operation, result);
        };
    }

    /**
     * The production composition ({@link EnhancedMonitoringServiceFactory#composeEnhanced}: the
     * enhanced checker, {@link MonitorStatusUpdateService}, the contract's deadline) with its
     * applier observed.
     *
     * @return a factory for the engine's builder
     */
    public CheckerFactory production() {
        return context -> new EnhancedMonitorChecker(context,
                observe(new MonitorStatusUpdateService(context.registry(), context.monitors(), context.repository(), context.events(),
                        context.runtime().clock()), context.lanes()),
                RetryPolicy::deadlineDelayMs);
    }

    /** How many results were offered to the applier so far. */
    public long offered() {
        return offered.get();
    }

    /** Each result offered by a thread that did not hold its monitor's lane: operation, monitor, thread. */
    public List<String> outsideLane() {
        return List.copyOf(outsideLane);
    }
}
