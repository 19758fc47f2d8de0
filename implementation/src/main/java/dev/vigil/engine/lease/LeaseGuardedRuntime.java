package dev.vigil.engine.lease;

import dev.vigil.engine.EngineClock;
import dev.vigil.engine.spi.EngineRuntime;
import dev.vigil.engine.spi.ListenerExecutor;
import dev.vigil.engine.spi.OperationIdSource;
import dev.vigil.engine.spi.ProbeExecutor;
import dev.vigil.engine.spi.TimerService;
import java.util.Objects;

/**
 * The runtime the engine's parts see while a lease guards the store: the same seam, except that
 * every timer task first asks the {@link LeaseKeeper} whether the engine may still act. So a
 * process that wakes from a pause longer than its lease renews (and learns it lost the store)
 * before its overdue ticks, attempts and deadlines run, in whatever order they fire.
 */
public final class LeaseGuardedRuntime implements EngineRuntime {
    private final EngineRuntime delegate;
    private final LeaseKeeper keeper;

    /**
     * The view of {@code delegate} whose timer tasks run only while {@code keeper} lets the engine act.
     *
     * @param delegate the engine's runtime
     * @param keeper   the engine's lease
     */
    public LeaseGuardedRuntime(EngineRuntime delegate, LeaseKeeper keeper) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.keeper = Objects.requireNonNull(keeper, "keeper");
    }

    @Override
    public EngineClock clock() {
        return delegate.clock();
    }

    @Override
    public TimerService timers() {
        TimerService timers = delegate.timers();
        return (kind, monitorId, operationId, delayMs, task) -> timers.schedule(kind, monitorId, operationId, delayMs, () -> {
            if (keeper.mayAct()) {
                task.run();
            }
        });
    }

    @Override
    public ProbeExecutor probes() {
        return delegate.probes();
    }

    @Override
    public OperationIdSource operationIds() {
        return delegate.operationIds();
    }

    @Override
    public ListenerExecutor listeners() {
        return delegate.listeners();
    }

    /** The engine closes the runtime it was given, not this view of it. */
    @Override
    public void close(long waitMs) {
        // Nothing of its own to close.
    }
}
