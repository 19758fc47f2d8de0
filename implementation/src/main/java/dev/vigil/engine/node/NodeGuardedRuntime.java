package dev.vigil.engine.node;

import dev.vigil.engine.EngineClock;
import dev.vigil.engine.spi.EngineRuntime;
import dev.vigil.engine.spi.ListenerExecutor;
import dev.vigil.engine.spi.OperationIdSource;
import dev.vigil.engine.spi.ProbeExecutor;
import dev.vigil.engine.spi.TimerService;
import java.util.Objects;

/**
 * The runtime a node's parts see (SPEC §6, N4): the same seam, except that a monitor's timer task
 * (tick, attempt timeout, back-off, deadline) runs only while the {@link NodeKeeper} says this node
 * still holds that monitor's lease, renewing first if its last renewal is a lease old. So a node
 * woken from a pause learns which monitors it lost before any overdue timer of theirs acts.
 */
final class NodeGuardedRuntime implements EngineRuntime {
    private final EngineRuntime delegate;
    private final NodeKeeper keeper;

    NodeGuardedRuntime(EngineRuntime delegate, NodeKeeper keeper) {
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
            if (keeper.mayAct(monitorId)) {
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
