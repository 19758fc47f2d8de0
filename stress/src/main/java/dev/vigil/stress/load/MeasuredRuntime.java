package dev.vigil.stress.load;

import dev.vigil.engine.EngineClock;
import dev.vigil.engine.spi.EngineRuntime;
import dev.vigil.engine.spi.ListenerExecutor;
import dev.vigil.engine.spi.OperationIdSource;
import dev.vigil.engine.spi.ProbeExecutor;
import dev.vigil.engine.spi.TimerHandle;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.spi.TimerService;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The production runtime, observed at the seam: changes nothing the engine sees, and measures
 * <b>tick lag</b> — for every check an interval tick starts, how long after the tick was due
 * its first probe attempt started (timer firing, hand-off to a thread, the monitor's lane, the
 * registry and the "begin operation" transaction all count). The seam is the cleanest place:
 * the tick's task and the engine's {@code begin} run on one thread, synchronously, so the due
 * time travels in a thread-local from the one to the other. It also tells the
 * {@link OperationAudit}, in the monitor's lane, which operation each monitor began and when a
 * start or stop committed.
 */
final class MeasuredRuntime implements EngineRuntime {
    /** The due time (nanoTime) of the tick whose task runs on this thread, if one does. */
    private static final ThreadLocal<long[]> TICK_DUE_NS = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE});

    private final EngineRuntime delegate;
    private final LagRecorder tickLag;
    private final LagRecorder warmTickLag;
    private volatile long warmFromNs = Long.MAX_VALUE;
    private final OperationAudit audit;
    private final AtomicLong ticksFired = new AtomicLong();
    private final AtomicLong checksBegun = new AtomicLong();

    /**
     * @param tickLag     every tick's lag
     * @param warmTickLag the lag of ticks due from {@link #warmFrom} on: the JIT has seen every path by then
     */
    MeasuredRuntime(EngineRuntime delegate, LagRecorder tickLag, LagRecorder warmTickLag, OperationAudit audit) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.tickLag = Objects.requireNonNull(tickLag, "tickLag");
        this.warmTickLag = Objects.requireNonNull(warmTickLag, "warmTickLag");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public EngineClock clock() {
        return delegate.clock();
    }

    @Override
    public TimerService timers() {
        TimerService timers = delegate.timers();
        return (kind, monitorId, operationId, delayMs, task) -> {
            if (kind != TimerKind.TICK) {
                return timers.schedule(kind, monitorId, operationId, delayMs, task);
            }
            // Outside a tick's own task, only a start schedules an interval timer and only a stop
            // cancels one (the load test issues no update): the lane's witness of each epoch.
            if (!inTickTask()) {
                audit.lifecycleCommitted(monitorId);
            }
            long dueNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
            TimerHandle handle = timers.schedule(kind, monitorId, operationId, delayMs, () -> {
                ticksFired.incrementAndGet();
                long[] due = TICK_DUE_NS.get();
                due[0] = dueNs;
                try {
                    task.run();
                } finally {
                    due[0] = Long.MIN_VALUE;
                }
            });
            return () -> {
                if (!inTickTask()) {
                    audit.lifecycleCommitted(monitorId);
                }
                return handle.cancel();
            };
        };
    }

    private static boolean inTickTask() {
        return TICK_DUE_NS.get()[0] != Long.MIN_VALUE;
    }

    @Override
    public ProbeExecutor probes() {
        ProbeExecutor probes = delegate.probes();
        return (key, settings) -> {
            if (key.attempt() == 1) {
                checksBegun.incrementAndGet();
                audit.begun(key.monitorId(), key.operationId());
                long dueNs = TICK_DUE_NS.get()[0];
                if (dueNs != Long.MIN_VALUE) {
                    long lagUs = Math.max(0, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - dueNs));
                    tickLag.record(lagUs);
                    if (dueNs - warmFromNs >= 0) {
                        warmTickLag.record(lagUs);
                    }
                }
            }
            return probes.start(key, settings);
        };
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

    /** Ticks due at or after {@code nanoTime} also count as warm. */
    void warmFrom(long nanoTime) {
        warmFromNs = nanoTime;
    }

    long ticksFired() {
        return ticksFired.get();
    }

    long checksBegun() {
        return checksBegun.get();
    }
}
