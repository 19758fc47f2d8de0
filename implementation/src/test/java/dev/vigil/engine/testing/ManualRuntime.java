package dev.vigil.engine.testing;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A hand-driven runtime for engine unit tests: time moves only through {@link #advanceBy}, which
 * fires due timers in (due, scheduling) order on the test's thread; probe attempts wait until the
 * test answers them. Ids are {@code op-1}, {@code op-2}, … in order of issue. Event deliveries
 * wait until the test runs them with {@link #deliverEvents()}, as the event thread would later.
 */
public final class ManualRuntime implements EngineRuntime {
    private long nowMs;
    private long sequence;
    private int nextId;
    private final List<Timer> timers = new ArrayList<>();
    private final Map<AttemptKey, CompletableFuture<ProbeResult>> attempts = new LinkedHashMap<>();
    private final List<Runnable> deliveries = new ArrayList<>();

    private record Timer(long dueAtMs, long sequence, TimerKind kind, String monitorId, Runnable task) {}

    @Override
    public EngineClock clock() {
        return new EngineClock() {
            @Override
            public long monotonicMs() {
                return nowMs;
            }

            @Override
            public long wallTimeMs() {
                return 1_700_000_000_000L + nowMs;
            }
        };
    }

    @Override
    public TimerService timers() {
        return (TimerKind kind, String monitorId, String operationId, long delayMs, Runnable task) -> {
            Timer timer = new Timer(nowMs + delayMs, sequence++, kind, monitorId, task);
            timers.add(timer);
            return (TimerHandle) () -> timers.remove(timer);
        };
    }

    @Override
    public ProbeExecutor probes() {
        return (AttemptKey key, MonitorSettings settings) -> {
            CompletableFuture<ProbeResult> future = new CompletableFuture<>();
            attempts.put(key, future);
            return future;
        };
    }

    @Override
    public OperationIdSource operationIds() {
        return () -> {
            nextId++;
            return "op-" + nextId;
        };
    }

    @Override
    public ListenerExecutor listeners() {
        return deliveries::add;
    }

    @Override
    public void close(long waitMs) {
        timers.clear();
        deliverEvents();
    }

    /** Runs the queued event deliveries, and those they queue in turn, in order. */
    public void deliverEvents() {
        while (!deliveries.isEmpty()) {
            deliveries.removeFirst().run();
        }
    }

    public long nowMs() {
        return nowMs;
    }

    /** Moves time forward, firing every timer that falls due on the way, in order. */
    public void advanceBy(long deltaMs) {
        long targetMs = nowMs + deltaMs;
        while (true) {
            Timer next = timers.stream()
                    .filter(timer -> timer.dueAtMs() <= targetMs)
                    .min((a, b) -> a.dueAtMs() != b.dueAtMs() ? Long.compare(a.dueAtMs(), b.dueAtMs()) : Long.compare(a.sequence(), b.sequence()))
                    .orElse(null);
            if (next == null) {
                break;
            }
            timers.remove(next);
            nowMs = next.dueAtMs();
            next.task().run();
        }
        nowMs = targetMs;
    }

    /** Pending timers of a kind, for assertions. */
    public long pendingTimers(TimerKind kind) {
        return timers.stream().filter(timer -> timer.kind() == kind).count();
    }

    public int pendingTimerCount() {
        return timers.size();
    }

    /** Pending timers of the monitors, leaving out the engine-wide store lease renewal. */
    public long pendingMonitorTimerCount() {
        return timers.stream().filter(timer -> timer.kind() != TimerKind.LEASE_RENEWAL).count();
    }

    /** Answers the latest unanswered attempt of operation {@code operationId}. */
    public void answer(String operationId, ProbeResult result) {
        attemptOf(operationId).complete(result);
    }

    /** Fails the latest unanswered attempt of operation {@code operationId}: the probe threw. */
    public void fail(String operationId, Throwable error) {
        attemptOf(operationId).completeExceptionally(error);
    }

    /**
     * Loses every pending timer of {@code kind} without running it, as a stalled or shut-down
     * scheduler would: what the engine's safety nets are for.
     */
    public void loseTimers(TimerKind kind) {
        timers.removeIf(timer -> timer.kind() == kind);
    }

    /** The unanswered attempts, in the order they started. */
    public List<AttemptKey> openAttempts() {
        return attempts.entrySet().stream().filter(entry -> !entry.getValue().isDone()).map(Map.Entry::getKey).toList();
    }

    private CompletableFuture<ProbeResult> attemptOf(String operationId) {
        return attempts.entrySet().stream()
                .filter(entry -> entry.getKey().operationId().equals(operationId) && !entry.getValue().isDone())
                .reduce((first, second) -> second)
                .map(Map.Entry::getValue)
                .orElseThrow(() -> new AssertionError("no open attempt of " + operationId + "; open: " + openAttempts()));
    }
}
