package dev.vigil.simulation.nodes;

import dev.vigil.engine.EngineClock;
import dev.vigil.engine.spi.EngineRuntime;
import dev.vigil.engine.spi.ListenerExecutor;
import dev.vigil.engine.spi.OperationIdSource;
import dev.vigil.engine.spi.ProbeExecutor;
import dev.vigil.engine.spi.TimerService;
import java.util.Objects;

/**
 * A node's runtime whose wall clock is off the database's by a fixed skew; its monotonic clock,
 * timers and probes are the simulated runtime's. The database's clock is the virtual one, so a
 * node whose lease believes its wall clock is caught when the skew is negative.
 */
final class SkewedClockRuntime implements EngineRuntime {
    private final EngineRuntime delegate;
    private final EngineClock clock;

    SkewedClockRuntime(EngineRuntime delegate, long skewMs) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        EngineClock base = delegate.clock();
        this.clock = new EngineClock() {
            @Override
            public long monotonicMs() {
                return base.monotonicMs();
            }

            @Override
            public long wallTimeMs() {
                return base.wallTimeMs() + skewMs;
            }
        };
    }

    @Override
    public EngineClock clock() {
        return clock;
    }

    @Override
    public TimerService timers() {
        return delegate.timers();
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

    @Override
    public void close(long waitMs) {
        delegate.close(waitMs);
    }
}
