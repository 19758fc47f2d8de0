package dev.vigil.engine.lease;

import dev.vigil.engine.EngineClock;
import dev.vigil.engine.spi.EngineRuntime;
import dev.vigil.engine.spi.ListenerExecutor;
import dev.vigil.engine.spi.OperationIdSource;
import dev.vigil.engine.spi.ProbeExecutor;
import dev.vigil.engine.spi.TimerService;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The runtime the engine's parts see while a lease guards what they may do: the same seam, except
 * that every timer task (tick, attempt timeout, back-off, deadline) first asks whether the engine
 * may still act on its monitor — the store's lease for one engine ({@link LeaseKeeper#mayAct}),
 * the monitor's own lease for a node of several ({@code NodeKeeper#mayAct}, SPEC §6 N4). Each
 * asks renews first if its last renewal is a lease old, so a process that wakes from a pause longer
 * than its lease learns what it lost before its overdue timers run, in whatever order they fire.
 */
public final class LeaseGuardedRuntime implements EngineRuntime {
    private final EngineRuntime delegate;
    private final Predicate<String> mayAct;

    /**
     * The view of {@code delegate} whose timer tasks run only while {@code mayAct} accepts their
     * monitor's id ({@code ""} for the engine's own timers).
     *
     * @param delegate the engine's runtime
     * @param mayAct   whether the engine may still act on a monitor, asked before each timer task
     */
    public LeaseGuardedRuntime(EngineRuntime delegate, Predicate<String> mayAct) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.mayAct = Objects.requireNonNull(mayAct, "mayAct");
    }

    @Override
    public EngineClock clock() {
        return delegate.clock();
    }

    @Override
    public TimerService timers() {
        TimerService timers = delegate.timers();
        return (kind, monitorId, operationId, delayMs, task) -> timers.schedule(kind, monitorId, operationId, delayMs, () -> {
            if (mayAct.test(monitorId)) {
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
