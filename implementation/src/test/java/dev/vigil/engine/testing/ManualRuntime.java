package dev.vigil.engine.testing;

import dev.vigil.engine.EngineClock;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.AttemptKey;
import dev.vigil.engine.spi.EngineRuntime;
import dev.vigil.engine.spi.ListenerExecutor;
import dev.vigil.engine.spi.OperationIdSource;
import dev.vigil.engine.spi.ProbeExecutor;
import dev.vigil.engine.spi.TimerHandle;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.spi.TimerService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one hand-driven runtime of the engine's tests, the stress tests and the jcstress tests: time
 * moves only when a caller says so, timers fire only when time reaches them or a caller {@link
 * #fire fires} them, and probe attempts stay open until a caller answers them. Every method is
 * thread-safe, so concurrent test actors can race a timer against a probe return exactly as the
 * production runtime's timer and probe threads would; no lock is held while a timer's task or a
 * delivery runs.
 *
 * <ul>
 *   <li>{@link #ManualRuntime()}: virtual time from 0, moved by {@link #advanceBy}, which fires
 *       due timers in (due, scheduling) order on the caller's thread; event deliveries wait until
 *       the test runs them with {@link #deliverEvents()}, as the event thread would later. For
 *       single-threaded engine tests.</li>
 *   <li>{@link #standstill(String)}: time stands still at {@link #STANDSTILL_MS}; events are
 *       delivered on a thread of their own, in order, as in production. For tests whose real
 *       threads drive timers ({@link #fire}) and probes ({@link #deliver}).</li>
 * </ul>
 *
 * <p>Operation ids are {@code <prefix>op-1}, {@code <prefix>op-2}, … in order of issue. A timer is
 * found by (kind, monitor) for {@link TimerKind#TICK} and by (kind, operation) otherwise: the
 * latest one scheduled; a probe attempt by its operation: the latest one started.
 */
public final class ManualRuntime implements EngineRuntime {
    /** The monotonic time of a standstill runtime: large enough that every deadline lies in the future. */
    public static final long STANDSTILL_MS = 1_000_000;
    private static final long WALL_TIME_OFFSET_MS = 1_700_000_000_000L;

    private final String idPrefix;
    private final AtomicLong nextId = new AtomicLong();
    /** Blank candidates the id source gives before its next fresh id. */
    private final java.util.concurrent.atomic.AtomicInteger blankIdsToGive = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong probeOverlaps = new AtomicLong();
    private volatile long nowMs;
    private volatile boolean closed;
    /** Guards the collections below; never held while a task or delivery runs. */
    private final Object lock = new Object();
    private final List<ManualTimer> pending = new ArrayList<>();
    private final Map<String, ManualTimer> latestTimers = new HashMap<>();
    private final Map<AttemptKey, CompletableFuture<ProbeResult>> attempts = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<ProbeResult>> latestByOperation = new HashMap<>();
    /** Per monitor, its latest probe attempt: to see a new one start while it is still open (SPEC R4). */
    private final Map<String, CompletableFuture<ProbeResult>> latestByMonitor = new HashMap<>();
    private final ConcurrentLinkedQueue<Runnable> deliveries = new ConcurrentLinkedQueue<>();
    /** Empty when deliveries wait for {@link #deliverEvents()}. */
    private final Optional<ExecutorService> eventThread;

    /** Virtual time from 0; deliveries wait for {@link #deliverEvents()}; ids {@code op-1}, {@code op-2}, …. */
    public ManualRuntime() {
        this("", 0, false);
    }

    private ManualRuntime(String idPrefix, long startMs, boolean ownEventThread) {
        this.idPrefix = Objects.requireNonNull(idPrefix, "idPrefix");
        this.nowMs = startMs;
        this.eventThread = ownEventThread
                ? Optional.of(Executors.newSingleThreadExecutor(Thread.ofVirtual().name("manual-runtime-events").factory()))
                : Optional.empty();
    }

    /**
     * Virtual time from 0, as {@link #ManualRuntime()}, with operation ids {@code <prefix>op-1}, …:
     * for several engines on one store, whose ids must never meet.
     *
     * @param idPrefix prepended to every operation id
     * @return the runtime
     */
    public static ManualRuntime withIdPrefix(String idPrefix) {
        return new ManualRuntime(idPrefix, 0, false);
    }

    /**
     * A runtime whose time stands still at {@link #STANDSTILL_MS} and whose events are delivered
     * on a thread of its own.
     *
     * @param idPrefix prepended to every operation id, so that ids from several runtimes never meet
     * @return the runtime
     */
    public static ManualRuntime standstill(String idPrefix) {
        return new ManualRuntime(idPrefix, STANDSTILL_MS, true);
    }

    /** A timer that runs its task at most once: when fired first, never after a cancel. */
    public final class ManualTimer implements TimerHandle {
        private static final int PENDING = 0;
        private static final int FIRED = 1;
        private static final int CANCELLED = 2;
        private static final int LOST = 3;

        private final TimerKind kind;
        private final String monitorId;
        private final String operationId;
        private final long dueAtMs;
        private final long scheduled;
        private final Runnable task;
        private final AtomicInteger state = new AtomicInteger(PENDING);

        private ManualTimer(TimerKind kind, String monitorId, String operationId, long dueAtMs, Runnable task) {
            this.kind = kind;
            this.monitorId = monitorId;
            this.operationId = operationId;
            this.dueAtMs = dueAtMs;
            this.scheduled = sequence.getAndIncrement();
            this.task = task;
        }

        @Override
        public boolean cancel() {
            if (!state.compareAndSet(PENDING, CANCELLED)) {
                return false;
            }
            synchronized (lock) {
                pending.remove(this);
            }
            return true;
        }

        /**
         * Runs the task on the caller's thread if the timer is still pending, whatever its due time.
         *
         * @return whether it ran
         */
        public boolean fire() {
            if (!state.compareAndSet(PENDING, FIRED)) {
                return false;
            }
            synchronized (lock) {
                pending.remove(this);
            }
            task.run();
            return true;
        }

        /**
         * A timer thread takes the task now and runs it later: the timer counts as fired, so a
         * cancel after this stops nothing, and the task runs whenever the returned runnable is
         * run, as a task that was handed to a thread and then waited for the monitor's lane
         * would (SEMANTICS "Stale timers").
         *
         * @return the task, to be run after the command that cancels the timer
         * @throws AssertionError if the timer is no longer pending
         */
        public Runnable handOver() {
            if (!state.compareAndSet(PENDING, FIRED)) {
                throw new AssertionError("the " + kind + " timer is not pending, nothing to hand over");
            }
            synchronized (lock) {
                pending.remove(this);
            }
            return task;
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
                return nowMs;
            }

            @Override
            public long wallTimeMs() {
                return WALL_TIME_OFFSET_MS + nowMs;
            }
        };
    }

    @Override
    public TimerService timers() {
        return (TimerKind kind, String monitorId, String operationId, long delayMs, Runnable task) -> {
            ManualTimer timer = new ManualTimer(kind, monitorId, operationId, nowMs + delayMs, task);
            synchronized (lock) {
                if (!closed) {
                    pending.add(timer);
                    latestTimers.put(timerKey(kind, monitorId, operationId), timer);
                }
            }
            return timer;
        };
    }

    @Override
    public ProbeExecutor probes() {
        return (AttemptKey key, MonitorSettings settings) -> {
            CompletableFuture<ProbeResult> attempt = new CompletableFuture<>();
            synchronized (lock) {
                attempts.put(key, attempt);
                latestByOperation.put(key.operationId(), attempt);
                CompletableFuture<ProbeResult> previous = latestByMonitor.put(key.monitorId(), attempt);
                if (previous != null && !previous.isDone()) {
                    probeOverlaps.incrementAndGet(); // neither answered nor abandoned: two probes of one monitor at once
                }
            }
            return attempt;
        };
    }

    @Override
    public OperationIdSource operationIds() {
        return () -> blankIdsToGive.getAndUpdate(left -> Math.max(0, left - 1)) > 0 ? " " : idPrefix + "op-" + nextId.incrementAndGet();
    }

    /**
     * The id source's next {@code count} candidates are blank, which the engine refuses: with
     * {@link OperationIdSource#CANDIDATES_PER_OPERATION_MAX} of them, the next check finds no id.
     *
     * @param count blank candidates to give before the next fresh id
     */
    public void blankIds(int count) {
        blankIdsToGive.set(count);
    }

    @Override
    public ListenerExecutor listeners() {
        return delivery -> {
            if (eventThread.isEmpty()) {
                deliveries.add(delivery);
                return;
            }
            try {
                eventThread.get().execute(delivery);
            } catch (RejectedExecutionException afterClose) {
                // Published after close: nobody listens any more.
            }
        };
    }

    @Override
    public void close(long waitMs) {
        closed = true;
        List<ManualTimer> left;
        synchronized (lock) {
            left = List.copyOf(pending);
        }
        left.forEach(ManualTimer::cancel);
        eventThread.ifPresentOrElse(ExecutorService::shutdown, this::deliverEvents);
    }

    /** Runs the queued event deliveries, and those they queue in turn, in order, on the caller's thread. */
    public void deliverEvents() {
        for (Runnable delivery = deliveries.poll(); delivery != null; delivery = deliveries.poll()) {
            delivery.run();
        }
    }

    public long nowMs() {
        return nowMs;
    }

    /** Moves time forward, firing every timer that falls due on the way, in order. */
    public void advanceBy(long deltaMs) {
        long targetMs = nowMs + deltaMs;
        while (true) {
            ManualTimer next;
            synchronized (lock) {
                next = pending.stream()
                        .filter(timer -> timer.dueAtMs <= targetMs)
                        .min(Comparator.<ManualTimer>comparingLong(timer -> timer.dueAtMs).thenComparingLong(timer -> timer.scheduled))
                        .orElse(null);
            }
            if (next == null) {
                break;
            }
            nowMs = next.dueAtMs;
            next.fire();
        }
        nowMs = targetMs;
    }

    /**
     * A process that was frozen for {@code pausedMs} wakes up: its monotonic clock moved on
     * meanwhile, so time jumps first, and then every timer that fell due fires, in due order, all
     * seeing the new time (unlike {@link #advanceBy}, which shows each timer its own due time).
     */
    public void wakeAfter(long pausedMs) {
        long targetMs = nowMs + pausedMs;
        nowMs = targetMs;
        while (true) {
            ManualTimer next;
            synchronized (lock) {
                next = pending.stream()
                        .filter(timer -> timer.dueAtMs <= targetMs)
                        .min(Comparator.<ManualTimer>comparingLong(timer -> timer.dueAtMs).thenComparingLong(timer -> timer.scheduled))
                        .orElse(null);
            }
            if (next == null) {
                break;
            }
            next.fire();
        }
    }

    /** Pending timers of a kind, for assertions. */
    public long pendingTimers(TimerKind kind) {
        synchronized (lock) {
            return pending.stream().filter(timer -> timer.kind == kind).count();
        }
    }

    public int pendingTimerCount() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /** Pending timers of the monitors, leaving out the engine-wide store lease renewal. */
    public long pendingMonitorTimerCount() {
        synchronized (lock) {
            return pending.stream().filter(timer -> timer.kind != TimerKind.LEASE_RENEWAL).count();
        }
    }

    /**
     * Loses every pending timer of {@code kind} without running it, as a stalled or shut-down
     * scheduler would: what the engine's safety nets are for.
     */
    public void loseTimers(TimerKind kind) {
        synchronized (lock) {
            pending.removeIf(timer -> timer.kind == kind && timer.state.compareAndSet(ManualTimer.PENDING, ManualTimer.LOST));
        }
    }

    /** The latest timer of this kind for the operation ({@code operationId}) or, for a TICK, for the monitor. */
    public Optional<ManualTimer> timer(TimerKind kind, String monitorOrOperationId) {
        synchronized (lock) {
            return Optional.ofNullable(latestTimers.get(kind + "/" + monitorOrOperationId));
        }
    }

    /** Fires the pending timer of this kind for the operation (or monitor, for TICK); returns whether it ran. */
    public boolean fire(TimerKind kind, String monitorOrOperationId) {
        return timer(kind, monitorOrOperationId).map(ManualTimer::fire).orElse(false);
    }

    /** Answers the latest unanswered attempt of operation {@code operationId}. */
    public void answer(String operationId, ProbeResult result) {
        attemptOf(operationId).complete(result);
    }

    /** Fails the latest unanswered attempt of operation {@code operationId}: the probe threw. */
    public void fail(String operationId, Throwable error) {
        attemptOf(operationId).completeExceptionally(error);
    }

    /** The unanswered attempts, in the order they started. */
    public List<AttemptKey> openAttempts() {
        synchronized (lock) {
            return attempts.entrySet().stream().filter(entry -> !entry.getValue().isDone()).map(Map.Entry::getKey).toList();
        }
    }

    /** The latest probe attempt started for the operation, answered or not. */
    public Optional<CompletableFuture<ProbeResult>> probe(String operationId) {
        synchronized (lock) {
            return Optional.ofNullable(latestByOperation.get(operationId));
        }
    }

    /**
     * Answers the operation's latest probe attempt with {@code result}, on the caller's thread (the
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
        Set<String> operations = new HashSet<>();
        operationIds.forEach(operations::add);
        synchronized (lock) {
            latestTimers.remove(TimerKind.TICK + "/" + monitorId);
            latestByMonitor.remove(monitorId);
            for (String operationId : operations) {
                for (TimerKind kind : TimerKind.values()) {
                    latestTimers.remove(kind + "/" + operationId);
                }
                latestByOperation.remove(operationId);
            }
            pending.removeIf(timer -> (timer.kind == TimerKind.TICK && timer.monitorId.equals(monitorId))
                    || operations.contains(timer.operationId));
            attempts.keySet().removeIf(key -> operations.contains(key.operationId()));
        }
    }

    private CompletableFuture<ProbeResult> attemptOf(String operationId) {
        synchronized (lock) {
            return attempts.entrySet().stream()
                    .filter(entry -> entry.getKey().operationId().equals(operationId) && !entry.getValue().isDone())
                    .reduce((first, second) -> second)
                    .map(Map.Entry::getValue)
                    .orElseThrow(() -> new AssertionError("no open attempt of " + operationId + "; open: " + openAttempts()));
        }
    }

    private static String timerKey(TimerKind kind, String monitorId, String operationId) {
        return kind + "/" + (kind == TimerKind.TICK ? monitorId : operationId);
    }
}
