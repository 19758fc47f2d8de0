package dev.vigil.engine.check;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.OperationIdExhaustedException;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.lane.MonitorLanes;
import dev.vigil.engine.operation.MonitorOperationRegistry;
import dev.vigil.engine.operation.Operation;
import dev.vigil.engine.operation.OperationDeadlines;
import dev.vigil.engine.operation.RetryPolicy;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.AttemptKey;
import dev.vigil.engine.spi.EngineRuntime;
import dev.vigil.engine.spi.TimerHandle;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.status.ApplyOutcome;
import dev.vigil.engine.status.MonitorTable;
import dev.vigil.engine.status.ResultApplier;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * Correlated checks (SPEC R4–R8): every check is an operation in the
 * {@link MonitorOperationRegistry}; a result lands only through the {@link ResultApplier}, which
 * refuses any operation that is no longer ACTIVE and listed. Stop, start, checkNow and update
 * cancel operations; a cancelled operation's late return is discarded, and a request made while
 * it is still out waits for it, so probes of one monitor never overlap.
 *
 * <p>Every method runs with the monitor's lane held: callers hold it, and asynchronous callbacks
 * (probe returns, timers) take it before touching anything.
 */
public final class EnhancedMonitorChecker implements MonitorChecker {
    private final EngineRuntime runtime;
    private final MonitorTable monitors;
    private final OperationListing listing;
    private final MonitorLanes lanes;
    private final MonitorOperationRegistry registry;
    private final OperationDeadlines deadlines;
    private final ResultApplier applier;
    private final ToLongFunction<MonitorSettings> deadlineDelayMs;
    private final AttemptReturns returns;
    private final CheckWaiters waiters;

    /** Per live operation: what it is doing now. Guarded by the operation's monitor lane. */
    private final ConcurrentHashMap<String, Progress> progress = new ConcurrentHashMap<>();
    /** One waiting request per monitor (SPEC R4): {@code true} when manual. */
    private final ConcurrentHashMap<String, Boolean> waiting = new ConcurrentHashMap<>();
    private final AtomicLong skippedTicks = new AtomicLong();
    private volatile boolean shutdown;

    /**
     * The production checker: attempt returns judged by {@link AttemptReturns#STANDARD}.
     *
     * @param context         the engine parts
     * @param applier         lands results (SPEC R6): the {@code MonitorStatusUpdateService} in
     *                        production
     * @param deadlineDelayMs the R7 deadline of an operation, in ms after it starts, from its
     *                        monitor's settings
     */
    public EnhancedMonitorChecker(CheckerContext context, ResultApplier applier, ToLongFunction<MonitorSettings> deadlineDelayMs) {
        this(context, applier, deadlineDelayMs, AttemptReturns.STANDARD);
    }

    /**
     * A checker that judges attempt returns with {@code returns}: the harness passes known-buggy
     * judgements to prove it catches them.
     *
     * @param context         the engine parts
     * @param applier         lands results (SPEC R6)
     * @param deadlineDelayMs the R7 deadline of an operation, in ms after it starts, from its
     *                        monitor's settings
     * @param returns         what each shape of probe return counts as
     */
    public EnhancedMonitorChecker(CheckerContext context, ResultApplier applier, ToLongFunction<MonitorSettings> deadlineDelayMs,
            AttemptReturns returns) {
        this.runtime = context.runtime();
        this.monitors = context.monitors();
        this.listing = new OperationListing(context.repository(), context.monitors(), context.events());
        this.lanes = context.lanes();
        this.registry = context.registry();
        this.deadlines = new OperationDeadlines(runtime.timers());
        this.applier = Objects.requireNonNull(applier, "applier");
        this.deadlineDelayMs = Objects.requireNonNull(deadlineDelayMs, "deadlineDelayMs");
        this.returns = Objects.requireNonNull(returns, "returns");
        this.waiters = context.waiters();
    }

    @Override
    public void requestCheck(String monitorId, boolean manual) {
        assertLaneHeld(monitorId);
        if (shutdown) {
            return;
        }
        Optional<MonitorSnapshot> monitor = monitors.get(monitorId);
        if (monitor.isEmpty() || !(monitor.get().monitoring() || manual)) {
            return;
        }
        List<Operation> live = registry.operationsOf(monitorId);
        if (live.isEmpty()) {
            begin(monitor.get(), manual);
        } else if (live.stream().anyMatch(Operation::isActive) && !manual) {
            skippedTicks.incrementAndGet();
        } else {
            // A cancelled probe is still out: starting now would overlap it (SPEC R4).
            waiting.put(monitorId, manual);
        }
    }

    @Override
    public void cancelOperations(String monitorId) {
        assertLaneHeld(monitorId);
        for (Operation operation : registry.cancelOperations(monitorId)) {
            Progress current = progress.get(operation.id());
            if (current == null || current.inFlight == null) {
                // Waiting out a back-off (or not started): nothing is out.
                leave(operation, UnappliedExit.CANCELLED_BETWEEN_ATTEMPTS);
            }
        }
    }

    @Override
    public void dropWaitingRequest(String monitorId) {
        waiting.remove(monitorId);
    }

    @Override
    public void forgetMonitor(String monitorId) {
        assertLaneHeld(monitorId);
        waiting.remove(monitorId);
        for (Operation operation : registry.dropMonitor(monitorId)) {
            deadlines.clear(operation.id());
            Progress dropped = progress.remove(operation.id());
            if (dropped != null) {
                dropped.stop();
            }
        }
    }

    @Override
    public Optional<Boolean> waitingRequest(String monitorId) {
        return Optional.ofNullable(waiting.get(monitorId));
    }

    @Override
    public boolean isLive(String operationId) {
        return registry.getOperation(operationId).isPresent();
    }

    @Override
    public List<Operation> liveOperations() {
        return registry.snapshot();
    }

    @Override
    public long liveOperationsDigest(dev.vigil.engine.spi.OperationIdSource ids) {
        // The registry digests by the source it draws its ids from: the engine's, the same one.
        return registry.digest();
    }

    @Override
    public long skippedTicks() {
        return skippedTicks.get();
    }

    @Override
    public void shutdown() {
        shutdown = true;
        for (Operation operation : registry.snapshot()) {
            lanes.run(operation.monitorId(), () -> {
                deadlines.clear(operation.id());
                Progress dropped = progress.remove(operation.id());
                if (dropped != null) {
                    dropped.stop();
                }
            });
        }
    }

    /** Starts an operation (SPEC R4): register it, persist its id, schedule its deadline, run attempt 1. */
    private void begin(MonitorSnapshot monitor, boolean manual) {
        long nowMs = runtime.clock().monotonicMs();
        Operation operation;
        try {
            operation = registry.initiateCheck(monitor.id(), nowMs, nowMs + deadlineDelayMs.applyAsLong(monitor.settings()), manual);
        } catch (OperationIdExhaustedException exhausted) {
            IdSourceExhaustion.report(monitor.id(), exhausted, waiters);
            return;
        }
        waiters.began(monitor.id(), operation.id());
        Optional<StoreException> failure = listing.begin(monitor, operation.id());
        if (failure.isPresent()) {
            // SPEC R12: the operation goes as if discarded; the monitor keeps its state and its next tick.
            registry.completeOperation(operation.id());
            waiters.failed(operation.id(), failure.get());
            return;
        }
        progress.put(operation.id(), new Progress(monitor.settings()));
        deadlines.schedule(operation, nowMs, expired -> lanes.run(expired.monitorId(), () -> onDeadline(expired)));
        startAttempt(operation, 1);
    }

    private void startAttempt(Operation operation, int attempt) {
        Progress current = progress.get(operation.id());
        String monitorId = operation.monitorId();
        CompletableFuture<ProbeResult> future = runtime.probes().start(new AttemptKey(monitorId, operation.id(), attempt), current.settings);
        current.attempt = attempt;
        current.attemptStartedAt = runtime.clock().monotonicMs();
        current.inFlight = future;
        current.attemptTimer = runtime.timers().schedule(TimerKind.ATTEMPT_TIMEOUT, monitorId, operation.id(), current.settings.timeoutMs(),
                () -> lanes.run(monitorId, () -> onAttemptTimedOut(operation.id(), future)));
        ProbeCallbacks.whenReturned(monitorId, future, (result, error) -> lanes.run(monitorId, () -> onAttemptReturned(operation.id(), future, result, error)));
    }

    // Identity is the point: is this the very future of the attempt in flight, not an equal one.
    @SuppressWarnings("ReferenceEquality")
    private void onAttemptReturned(String operationId, CompletableFuture<ProbeResult> future, ProbeResult result, Throwable error) {
        Progress current = progress.get(operationId);
        if (shutdown || current == null || current.inFlight != future) {
            return; // abandoned or timed out already: a late return changes nothing (SPEC R5)
        }
        current.inFlight = null;
        current.attemptTimer.cancel();
        finishAttempt(operationId, current, returns.judge(result, error, elapsedMs(current)));
    }

    // Identity is the point: is this the very future of the attempt in flight, not an equal one.
    @SuppressWarnings("ReferenceEquality")
    private void onAttemptTimedOut(String operationId, CompletableFuture<ProbeResult> future) {
        Progress current = progress.get(operationId);
        if (shutdown || current == null || current.inFlight != future) {
            return;
        }
        current.inFlight = null;
        // Cleared before cancelling: cancel completes the future inline, and its callback must see it abandoned.
        future.cancel(true);
        finishAttempt(operationId, current, CheckOutcomes.timedOut(current.settings.timeoutMs()));
    }

    private void finishAttempt(String operationId, Progress current, ProbeResult outcome) {
        Operation operation = registry.getOperation(operationId).orElseThrow(() ->
                new IllegalStateException("operation " + operationId + " has progress but is not in the registry"));
        int attempt = current.attempt;
        // A cancelled operation makes no further attempts (SPEC R5); whether its result lands is
        // the applier's decision alone (R6), so a composition can only be as safe as its applier.
        if (!operation.isActive() || outcome.up() || attempt >= current.settings.attempts()) {
            conclude(operation, outcome);
            return;
        }
        current.retryTimer = runtime.timers().schedule(TimerKind.RETRY, operation.monitorId(), operationId, RetryPolicy.backoffMs(attempt),
                () -> lanes.run(operation.monitorId(), () -> onRetryDue(operationId, attempt + 1)));
    }

    private void onRetryDue(String operationId, int attempt) {
        Progress current = progress.get(operationId);
        Optional<Operation> operation = registry.getOperation(operationId);
        if (shutdown || current == null || operation.isEmpty() || !operation.get().isActive()) {
            return;
        }
        current.retryTimer = null;
        startAttempt(operation.get(), attempt);
    }

    /** SPEC R7: the safety net behind the attempt timers. */
    private void onDeadline(Operation expired) {
        if (shutdown) {
            return;
        }
        Optional<Operation> operation = registry.getOperation(expired.id());
        if (operation.isEmpty()) {
            return;
        }
        if (!operation.get().isActive()) {
            leave(operation.get(), UnappliedExit.DEADLINE_AFTER_CANCEL);
            return;
        }
        Progress current = progress.get(expired.id());
        ApplyOutcome outcome = applier.apply(operation.get(), CheckOutcomes.deadlineExceeded(runtime.clock().monotonicMs() - expired.initiatedAt()));
        if (current != null) {
            current.stop();
        }
        settle(operation.get(), outcome);
    }

    private void conclude(Operation operation, ProbeResult outcome) {
        settle(operation, applier.apply(operation, outcome));
    }

    private void settle(Operation operation, ApplyOutcome outcome) {
        forget(operation);
        listing.settled(operation.monitorId(), operation.id(), outcome);
        waiters.settled(operation.id(), outcome);
        startWaitingRequest(operation.monitorId());
    }

    /** An operation leaves unapplied: out of the registry with its timers, and unlisted from the store. */
    private void leave(Operation operation, UnappliedExit exit) {
        forget(operation);
        listing.discarded(operation.monitorId(), operation.id(), exit.discardReason());
        waiters.discarded(operation.id(), exit.discardReason());
        if (exit.startsWaitingRequest()) {
            startWaitingRequest(operation.monitorId());
        }
    }

    /** The operation leaves the registry with its timers (SPEC §1), and its probe is abandoned. */
    private void forget(Operation operation) {
        registry.completeOperation(operation.id());
        deadlines.clear(operation.id());
        Progress dropped = progress.remove(operation.id());
        if (dropped != null) {
            dropped.stop();
        }
    }

    private void startWaitingRequest(String monitorId) {
        if (registry.hasOutstandingOperation(monitorId)) {
            return;
        }
        Boolean manual = waiting.remove(monitorId);
        if (manual == null) {
            return;
        }
        monitors.get(monitorId)
                .filter(monitor -> monitor.monitoring() || manual)
                .ifPresent(monitor -> begin(monitor, manual));
    }

    private long elapsedMs(Progress current) {
        return Math.max(0, runtime.clock().monotonicMs() - current.attemptStartedAt);
    }

    private void assertLaneHeld(String monitorId) {
        if (!lanes.isHeldByCurrentThread(monitorId)) {
            throw new IllegalStateException("monitor " + monitorId + "'s lane must be held by the caller");
        }
    }

    /** What one live operation is doing; mutated only with its monitor's lane held. */
    private static final class Progress {
        final MonitorSettings settings;
        int attempt;
        long attemptStartedAt;
        CompletableFuture<ProbeResult> inFlight;
        TimerHandle attemptTimer;
        TimerHandle retryTimer;

        Progress(MonitorSettings settings) {
            this.settings = settings;
        }

        /** Cancels its timers and abandons its probe. */
        void stop() {
            if (attemptTimer != null) {
                attemptTimer.cancel();
            }
            if (retryTimer != null) {
                retryTimer.cancel();
            }
            CompletableFuture<ProbeResult> abandoned = inFlight;
            inFlight = null;
            if (abandoned != null) {
                abandoned.cancel(true);
            }
        }
    }
}
