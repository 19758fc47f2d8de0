package dev.vigil.stress.support;

import dev.vigil.engine.EngineClock;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.runtime.AttemptKey;
import dev.vigil.engine.runtime.EngineRuntime;
import dev.vigil.engine.runtime.ListenerExecutor;
import dev.vigil.engine.runtime.OperationIdSource;
import dev.vigil.engine.runtime.ProbeExecutor;
import dev.vigil.engine.runtime.TimerHandle;
import dev.vigil.engine.runtime.TimerKind;
import dev.vigil.engine.runtime.TimerService;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A runtime that real threads drive by hand: time stands still, timers fire only when a caller
 * {@link #fire fires} them, and probe attempts stay open until a caller {@link #deliver delivers}
 * their result. Every method is thread-safe, so concurrent test actors can race a timer against
 * a probe return exactly as the production runtime's timer and probe threads would.
 *
 * <p>Timers are kept per (kind, monitor) for {@link TimerKind#TICK} and per (kind, operation)
 * otherwise; probe attempts per operation (the latest one). Operation ids are
 * {@code <prefix>op-1}, {@code <prefix>op-2}, … in order of issue. Events are delivered on a
 * thread of their own, in order, as in production.
 */
public final class ControlledRuntime implements EngineRuntime {
    /** The standstill monotonic time: large enough that every deadline lies in the future. */
    public static final long NOW_MS = 1_000_000;
    private static final long WALL_TIME_OFFSET_MS = 1_700_000_000_000L;

    private final String idPrefix;
    private final AtomicLong nextId = new AtomicLong();
    private final ConcurrentHashMap<String, ManualTimer> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<ProbeResult>> probes = new ConcurrentHashMap<>();
    /** Per monitor, its latest probe attempt: to see a new one start while it is still open (SPEC R4). */
    private final ConcurrentHashMap<String, CompletableFuture<ProbeResult>> latestByMonitor = new ConcurrentHashMap<>();
    private final AtomicLong probeOverlaps = new AtomicLong();
    private final ExecutorService eventThread = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("controlled-events").factory());
    private volatile boolean closed;

    public ControlledRuntime() {
        this("");
    }

    /** @param idPrefix prepended to every operation id, so that ids from several runtimes never meet */
    public ControlledRuntime(String idPrefix) {
        this.idPrefix = Objects.requireNonNull(idPrefix, "idPrefix");
    }

    /** A timer that runs its task at most once: when fired first, never after a cancel. */
    public static final class ManualTimer implements TimerHandle {
        private static final int PENDING = 0;
        private static final int FIRED = 1;
        private static final int CANCELLED = 2;

        private final TimerKind kind;
        private final Runnable task;
        private final AtomicInteger state = new AtomicInteger(PENDING);

        ManualTimer(TimerKind kind, Runnable task) {
            this.kind = kind;
            this.task = task;
        }

        @Override
        public boolean cancel() {
            return state.compareAndSet(PENDING, CANCELLED);
        }

        /** Runs the task on the caller's thread if the timer is still pending; returns whether it ran. */
        public boolean fire() {
            if (!state.compareAndSet(PENDING, FIRED)) {
                return false;
            }
            task.run();
            return true;
        }

        public boolean isPending() {
            return state.get() == PENDING;
        }

        public TimerKind kind() {
            return kind;
        }
    }

    @Override
    public EngineClock clock() {
        return new EngineClock() {
            @Override
            public long monotonicMs() {
                return NOW_MS;
            }

            @Override
            public long wallTimeMs() {
                return WALL_TIME_OFFSET_MS + NOW_MS;
            }
        };
    }

    @Override
    public TimerService timers() {
        return (TimerKind kind, String monitorId, String operationId, long delayMs, Runnable task) -> {
            ManualTimer timer = new ManualTimer(kind, task);
            if (!closed) {
                timers.put(timerKey(kind, monitorId, operationId), timer);
            }
            return timer;
        };
    }

    @Override
    public ProbeExecutor probes() {
        return (AttemptKey key, MonitorSettings settings) -> {
            CompletableFuture<ProbeResult> attempt = new CompletableFuture<>();
            probes.put(key.operationId(), attempt);
            CompletableFuture<ProbeResult> previous = latestByMonitor.put(key.monitorId(), attempt);
            if (previous != null && !previous.isDone()) {
                probeOverlaps.incrementAndGet(); // neither answered nor abandoned: two probes of one monitor at once
            }
            return attempt;
        };
    }

    @Override
    public OperationIdSource operationIds() {
        return () -> idPrefix + "op-" + nextId.incrementAndGet();
    }

    @Override
    public ListenerExecutor listeners() {
        return delivery -> {
            try {
                eventThread.execute(delivery);
            } catch (RejectedExecutionException afterClose) {
                // Published after close: nobody listens any more.
            }
        };
    }

    @Override
    public void close(long waitMs) {
        closed = true;
        eventThread.shutdown();
        timers.values().forEach(ManualTimer::cancel);
        timers.clear();
        probes.clear();
    }

    /** The timer of this kind for the operation ({@code operationId}) or, for a TICK, for the monitor. */
    public Optional<ManualTimer> timer(TimerKind kind, String monitorOrOperationId) {
        return Optional.ofNullable(timers.get(kind + "/" + monitorOrOperationId));
    }

    /** Fires the pending timer of this kind for the operation (or monitor, for TICK); returns whether it ran. */
    public boolean fire(TimerKind kind, String monitorOrOperationId) {
        return timer(kind, monitorOrOperationId).map(ManualTimer::fire).orElse(false);
    }

    /** The latest probe attempt started for the operation, answered or not. */
    public Optional<CompletableFuture<ProbeResult>> probe(String operationId) {
        return Optional.ofNullable(probes.get(operationId));
    }

    /**
     * Answers the operation's open probe attempt with {@code result}, on the caller's thread (the
     * engine's callback runs inline, as it would on a probe thread); returns whether this call
     * answered it (false: no attempt, or it was answered, abandoned or cancelled before).
     */
    public boolean deliver(String operationId, ProbeResult result) {
        return probe(operationId).map(attempt -> attempt.complete(result)).orElse(false);
    }

    /**
     * How many probe attempts started while an earlier attempt of the same monitor was still open,
     * neither answered nor abandoned (cancelled) by the engine: 0 unless SPEC R4's "one probe per
     * monitor, never overlapping" was broken.
     */
    public long probeOverlaps() {
        return probeOverlaps.get();
    }

    /** Drops what is kept for a monitor and its operations: lets a long run reuse one runtime. */
    public void forget(String monitorId, Iterable<String> operationIds) {
        timers.remove(TimerKind.TICK + "/" + monitorId);
        latestByMonitor.remove(monitorId);
        for (String operationId : operationIds) {
            for (TimerKind kind : TimerKind.values()) {
                timers.remove(kind + "/" + operationId);
            }
            probes.remove(operationId);
        }
    }

    private static String timerKey(TimerKind kind, String monitorId, String operationId) {
        return kind + "/" + (kind == TimerKind.TICK ? monitorId : operationId);
    }
}
