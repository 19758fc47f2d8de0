package dev.vigil.engine.check;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.operation.RetryPolicy;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.runtime.AttemptKey;
import dev.vigil.engine.runtime.TimerHandle;
import dev.vigil.engine.runtime.TimerKind;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fallback checker: race-safe by a simpler means than the registry. Each monitor has an
 * epoch that every cancel (start, stop, checkNow, update, remove) advances; a check remembers the
 * epoch it started in, and its result is applied only if the epoch is unchanged, through the same
 * compare-and-set store transaction as the enhanced checker. It keeps one check per monitor and
 * has no separate deadline: each attempt's timer bounds it. It does not populate the operation
 * registry, so the registry-level diagnostics are empty while it runs.
 */
public final class EpochMonitorChecker implements MonitorChecker {
    private static final System.Logger LOG = System.getLogger(EpochMonitorChecker.class.getName());

    private final CheckerContext context;
    private final ConcurrentHashMap<String, MonitorCheckState> states = new ConcurrentHashMap<>();
    private final AtomicLong skippedTicks = new AtomicLong();
    private volatile boolean shutdown;

    /** Per monitor; guarded by its lane. */
    private static final class MonitorCheckState {
        long epoch;
        Check running;
        Boolean waiting;
    }

    /** One check in progress; guarded by its monitor's lane. */
    private static final class Check {
        final String id;
        final long epoch;
        final boolean manual;
        final MonitorSettings settings;
        int attempt;
        CompletableFuture<ProbeResult> inFlight;
        TimerHandle timer;

        Check(String id, long epoch, boolean manual, MonitorSettings settings) {
            this.id = id;
            this.epoch = epoch;
            this.manual = manual;
            this.settings = settings;
        }

        void stop() {
            if (timer != null) {
                timer.cancel();
            }
            CompletableFuture<ProbeResult> abandoned = inFlight;
            inFlight = null;
            if (abandoned != null) {
                abandoned.cancel(true);
            }
        }
    }

    /**
     * A fallback checker on the context's parts.
     *
     * @param context the engine parts
     */
    public EpochMonitorChecker(CheckerContext context) {
        this.context = context;
    }

    private MonitorCheckState state(String monitorId) {
        return states.computeIfAbsent(monitorId, id -> new MonitorCheckState());
    }

    @Override
    public void requestCheck(String monitorId, boolean manual) {
        if (shutdown) {
            return;
        }
        Optional<MonitorSnapshot> monitor = context.monitors().get(monitorId);
        if (monitor.isEmpty() || !(monitor.get().monitoring() || manual)) {
            return;
        }
        MonitorCheckState state = state(monitorId);
        if (state.running == null) {
            begin(monitor.get(), state, manual);
        } else if (state.running.epoch == state.epoch && !manual) {
            skippedTicks.incrementAndGet();
        } else {
            state.waiting = manual;
        }
    }

    @Override
    public void cancelOperations(String monitorId) {
        MonitorCheckState state = state(monitorId);
        state.epoch++;
        if (state.running != null && state.running.inFlight == null) {
            state.running.stop();
            state.running = null;
        }
    }

    @Override
    public void dropWaitingRequest(String monitorId) {
        state(monitorId).waiting = null;
    }

    @Override
    public void forgetMonitor(String monitorId) {
        MonitorCheckState state = states.remove(monitorId);
        if (state != null && state.running != null) {
            state.running.stop();
        }
    }

    @Override
    public Optional<Boolean> waitingRequest(String monitorId) {
        MonitorCheckState state = states.get(monitorId);
        return state == null ? Optional.empty() : Optional.ofNullable(state.waiting);
    }

    @Override
    public boolean isLive(String operationId) {
        return states.values().stream().anyMatch(state -> state.running != null && state.running.id.equals(operationId));
    }

    @Override
    public long skippedTicks() {
        return skippedTicks.get();
    }

    @Override
    public void shutdown() {
        shutdown = true;
        states.forEach((monitorId, state) -> context.lanes().run(monitorId, () -> {
            if (state.running != null) {
                state.running.stop();
            }
        }));
    }

    private void begin(MonitorSnapshot monitor, MonitorCheckState state, boolean manual) {
        Check check = new Check(context.runtime().operationIds().nextId(), state.epoch, manual, monitor.settings());
        try {
            context.repository().setActiveOperations(monitor.id(), List.of(check.id));
        } catch (StoreException failure) {
            report(monitor.id(), "begin operation", failure);
            return;
        }
        context.monitors().put(monitor.withActiveOperations(List.of(check.id)));
        state.running = check;
        startAttempt(monitor.id(), check, 1);
    }

    // Identity is the point: is this the very future of the attempt in flight, not an equal one.
    @SuppressWarnings("ReferenceEquality")
    private void startAttempt(String monitorId, Check check, int attempt) {
        CompletableFuture<ProbeResult> future = context.runtime().probes().start(new AttemptKey(monitorId, check.id, attempt), check.settings);
        check.attempt = attempt;
        check.inFlight = future;
        long timeoutMs = check.settings.timeoutMs();
        check.timer = context.runtime().timers().schedule(TimerKind.ATTEMPT_TIMEOUT, monitorId, check.id, timeoutMs,
                () -> context.lanes().run(monitorId, () -> {
                    if (check.inFlight == future) {
                        check.inFlight = null;
                        future.cancel(true);
                        finish(monitorId, check, ProbeResult.down(timeoutMs, "timed out after " + timeoutMs + " ms"));
                    }
                }));
        EnhancedMonitorChecker.whenReturned(monitorId, future, (result, error) -> context.lanes().run(monitorId, () -> {
            if (check.inFlight == future) {
                check.inFlight = null;
                check.timer.cancel();
                finish(monitorId, check, error == null ? result : ProbeResult.down(0, EnhancedMonitorChecker.describe(error)));
            }
        }));
    }

    private void finish(String monitorId, Check check, ProbeResult outcome) {
        MonitorCheckState state = states.get(monitorId);
        if (shutdown || state == null || state.running != check) {
            return;
        }
        boolean current = state.epoch == check.epoch;
        if (current && !outcome.up() && check.attempt < check.settings.attempts()) {
            int next = check.attempt + 1;
            check.timer = context.runtime().timers().schedule(TimerKind.RETRY, monitorId, check.id, RetryPolicy.backoffMs(check.attempt),
                    () -> context.lanes().run(monitorId, () -> {
                        if (state.running == check && state.epoch == check.epoch) {
                            startAttempt(monitorId, check, next);
                        }
                    }));
            return;
        }
        state.running = null;
        if (current) {
            apply(monitorId, check, outcome);
        }
        Boolean waiting = state.waiting;
        state.waiting = null;
        if (waiting != null) {
            requestCheck(monitorId, waiting);
        }
    }

    private void apply(String monitorId, Check check, ProbeResult outcome) {
        Optional<MonitorSnapshot> before = context.monitors().get(monitorId);
        if (before.isEmpty() || !(before.get().monitoring() || check.manual)) {
            return;
        }
        CheckRecord record = new CheckRecord(check.id, context.runtime().clock().wallTimeMs(),
                outcome.up() ? MonitorStatus.UP : MonitorStatus.DOWN, outcome.responseTimeMs(), outcome.details());
        boolean committed;
        try {
            committed = context.repository().applyResult(monitorId, check.id, check.manual, record);
        } catch (StoreException failure) {
            report(monitorId, "apply", failure);
            return;
        }
        if (!committed) {
            return;
        }
        MonitorSnapshot after = before.get().withApplied(record);
        context.monitors().put(after);
        context.events().publish(new EngineEvent.CheckCompleted(monitorId, check.id, record.status(), record.responseTimeMs(),
                record.details(), check.manual));
        if (after.status() != before.get().status()) {
            context.events().publish(new EngineEvent.StatusChanged(monitorId, before.get().status(), after.status()));
        }
    }

    private void report(String monitorId, String transaction, StoreException failure) {
        LOG.log(System.Logger.Level.WARNING, transaction + " of monitor " + monitorId + " failed", failure);
        context.events().publish(new EngineEvent.StoreFailed(monitorId, transaction, failure.getMessage()));
    }
}
