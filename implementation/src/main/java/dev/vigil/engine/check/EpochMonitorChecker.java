package dev.vigil.engine.check;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.OperationIdExhaustedException;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.lane.MonitorLanes;
import dev.vigil.engine.operation.Operation;
import dev.vigil.engine.operation.OperationDeadlines;
import dev.vigil.engine.operation.OperationState;
import dev.vigil.engine.operation.RetryPolicy;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.AttemptKey;
import dev.vigil.engine.spi.EngineRuntime;
import dev.vigil.engine.spi.OperationIdSource;
import dev.vigil.engine.spi.TimerHandle;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.status.ApplyOutcome;
import dev.vigil.engine.status.MonitorTable;
import dev.vigil.engine.status.OperationValidity;
import dev.vigil.engine.status.ResultApplier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The fallback checker, held to the same contract as {@link EnhancedMonitorChecker} (SPEC R4–R8)
 * by a simpler means than the operation registry: each monitor has an epoch that every cancel
 * (start, stop, checkNow, update) advances, and at most one check, stamped with the epoch it began
 * in. The check is ACTIVE while the epoch is unchanged and CANCELLED once a cancel moved it on;
 * it stays until its probe is back, so probes of one monitor never overlap, and a request made
 * meanwhile waits. Everything lives in per-monitor state guarded by the monitor's lane: no
 * shared concurrent registry is needed, which is why this checker can run when the enhanced
 * services cannot be composed.
 *
 * <p>What it shares with the enhanced checker, rather than copies: the one apply path (a
 * {@link ResultApplier} built over this checker's epoch test), the begin and
 * unlist transactions ({@link OperationListing}), the R7 deadline ({@link OperationDeadlines}
 * with the contract's delay) and what an attempt's outcome is ({@link CheckOutcomes}).
 * docs/SEMANTICS.md says where the two may differ (nowhere observable).
 */
public final class EpochMonitorChecker implements MonitorChecker {
    private final EngineRuntime runtime;
    private final MonitorTable monitors;
    private final MonitorLanes lanes;
    private final OperationListing listing;
    private final OperationDeadlines deadlines;
    private final ResultApplier applier;
    private final ToLongFunction<MonitorSettings> deadlineDelayMs;
    private final CheckWaiters waiters;

    private final ConcurrentHashMap<String, MonitorCheckState> states = new ConcurrentHashMap<>();
    /** The ids of every running check: an id is issued only if it is not among them (SPEC §1). */
    private final Set<String> liveIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong skippedTicks = new AtomicLong();
    private volatile boolean shutdown;

    /**
     * A fallback checker with no monitor state yet; each monitor's epoch starts on first use.
     *
     * @param context         the engine parts (the registry is not used)
     * @param applierOver     builds the applier from this checker's epoch test: the production
     *                        composition passes it to {@code MonitorStatusUpdateService}
     * @param deadlineDelayMs the R7 deadline of a check, from its settings
     */
    public EpochMonitorChecker(CheckerContext context, Function<OperationValidity, ResultApplier> applierOver,
            ToLongFunction<MonitorSettings> deadlineDelayMs) {
        this.runtime = context.runtime();
        this.monitors = context.monitors();
        this.lanes = context.lanes();
        this.listing = new OperationListing(context.repository(), context.monitors(), context.events());
        this.deadlines = new OperationDeadlines(runtime.timers());
        this.applier = Objects.requireNonNull(applierOver.apply(this::isCurrent), "applier");
        this.deadlineDelayMs = Objects.requireNonNull(deadlineDelayMs, "deadlineDelayMs");
        this.waiters = context.waiters();
    }

    /** Per monitor; changed only with its lane held, read by the diagnostics from any thread. */
    private static final class MonitorCheckState {
        volatile long epoch;
        volatile Check running;
        volatile Boolean waiting;
    }

    /** The monitor's one check; its progress is changed only with the monitor's lane held. */
    private static final class Check {
        final Operation operation;
        final long epoch;
        final MonitorSettings settings;
        int attempt;
        long attemptStartedAt;
        CompletableFuture<ProbeResult> inFlight;
        /** The attempt timer while a probe is out, the retry timer during a back-off. */
        TimerHandle timer;

        Check(Operation operation, long epoch, MonitorSettings settings) {
            this.operation = operation;
            this.epoch = epoch;
            this.settings = settings;
        }

        /** The operation as the registry would show it: ACTIVE until a cancel advanced the epoch. */
        Operation operationIn(MonitorCheckState state) {
            return state.epoch == epoch ? operation : new Operation(operation.id(), operation.monitorId(), operation.initiatedAt(),
                    operation.deadlineAt(), operation.manual(), OperationState.CANCELLED);
        }

        /** Cancels its timer and abandons its probe. */
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

    /** The epoch test, this checker's half of SPEC R6: the monitor's running check, begun in its current epoch. */
    private boolean isCurrent(String operationId, String monitorId) {
        MonitorCheckState state = states.get(monitorId);
        Check check = state == null ? null : state.running;
        return check != null && check.operation.id().equals(operationId) && check.epoch == state.epoch;
    }

    private MonitorCheckState state(String monitorId) {
        return states.computeIfAbsent(monitorId, id -> new MonitorCheckState());
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
        MonitorCheckState state = state(monitorId);
        Check running = state.running;
        if (running == null) {
            begin(monitor.get(), state, manual);
        } else if (running.epoch == state.epoch && !manual) {
            skippedTicks.incrementAndGet();
        } else {
            // A cancelled probe is still out: starting now would overlap it (SPEC R4).
            state.waiting = manual;
        }
    }

    // One writer at a time (the monitor's lane, asserted); volatile only so diagnostics read it from other threads.
    @SuppressWarnings("NonAtomicVolatileUpdate")
    @Override
    public void cancelOperations(String monitorId) {
        assertLaneHeld(monitorId);
        MonitorCheckState state = state(monitorId);
        state.epoch++;
        Check running = state.running;
        if (running != null && running.inFlight == null) {
            // Waiting out a back-off: nothing is out.
            release(state, running);
            listing.discarded(monitorId, running.operation.id(), UnappliedExit.CANCELLED_BETWEEN_ATTEMPTS.discardReason());
            waiters.discarded(running.operation.id(), UnappliedExit.CANCELLED_BETWEEN_ATTEMPTS.discardReason());
        }
    }

    @Override
    public void dropWaitingRequest(String monitorId) {
        MonitorCheckState state = states.get(monitorId);
        if (state != null) {
            state.waiting = null;
        }
    }

    @Override
    public void forgetMonitor(String monitorId) {
        assertLaneHeld(monitorId);
        MonitorCheckState state = states.remove(monitorId);
        if (state != null && state.running != null) {
            release(state, state.running);
        }
    }

    @Override
    public Optional<Boolean> waitingRequest(String monitorId) {
        MonitorCheckState state = states.get(monitorId);
        return state == null ? Optional.empty() : Optional.ofNullable(state.waiting);
    }

    @Override
    public boolean isLive(String operationId) {
        return liveIds.contains(operationId);
    }

    @Override
    public List<Operation> liveOperations() {
        List<Operation> live = new ArrayList<>();
        states.values().forEach(state -> {
            Check running = state.running;
            if (running != null) {
                live.add(running.operationIn(state));
            }
        });
        live.sort(Comparator.comparing(Operation::monitorId).thenComparing(Operation::id));
        return live;
    }

    @Override
    public long skippedTicks() {
        return skippedTicks.get();
    }

    @Override
    public void shutdown() {
        shutdown = true;
        states.forEach((monitorId, state) -> lanes.run(monitorId, () -> {
            Check running = state.running;
            if (running != null) {
                deadlines.clear(running.operation.id());
                running.stop();
            }
        }));
    }

    /** Starts a check (SPEC R4): issue its id, persist it, schedule its deadline, run attempt 1. */
    private void begin(MonitorSnapshot monitor, MonitorCheckState state, boolean manual) {
        long nowMs = runtime.clock().monotonicMs();
        String operationId;
        try {
            operationId = issueId(monitor.id());
        } catch (OperationIdExhaustedException exhausted) {
            IdSourceExhaustion.report(monitor.id(), exhausted, waiters);
            return;
        }
        Operation operation = new Operation(operationId, monitor.id(), nowMs, nowMs + deadlineDelayMs.applyAsLong(monitor.settings()),
                manual, OperationState.ACTIVE);
        Check check = new Check(operation, state.epoch, monitor.settings());
        state.running = check;
        waiters.began(monitor.id(), operation.id());
        Optional<StoreException> failure = listing.begin(monitor, operation.id());
        if (failure.isPresent()) {
            // SPEC R12: the check goes as if discarded; the monitor keeps its state and its next tick.
            release(state, check);
            waiters.failed(operation.id(), failure.get());
            return;
        }
        // Scheduled before attempt 1, so that whatever becomes of the attempts, the monitor is freed (R7).
        deadlines.schedule(operation, nowMs, expired -> lanes.run(expired.monitorId(), () -> onDeadline(expired)));
        startAttempt(check, 1);
    }

    /** A fresh id: never blank, never one that is running; fails loudly if the source keeps repeating itself. */
    private String issueId(String monitorId) {
        String candidate = null;
        for (int tries = 0; tries < OperationIdSource.CANDIDATES_PER_OPERATION_MAX; tries++) {
            candidate = runtime.operationIds().nextId();
            if (candidate != null && !candidate.isBlank() && liveIds.add(candidate)) {
                return candidate;
            }
        }
        throw new OperationIdExhaustedException(monitorId, candidate);
    }

    private void startAttempt(Check check, int attempt) {
        String monitorId = check.operation.monitorId();
        String operationId = check.operation.id();
        CompletableFuture<ProbeResult> future = runtime.probes().start(new AttemptKey(monitorId, operationId, attempt), check.settings);
        check.attempt = attempt;
        check.attemptStartedAt = runtime.clock().monotonicMs();
        check.inFlight = future;
        check.timer = runtime.timers().schedule(TimerKind.ATTEMPT_TIMEOUT, monitorId, operationId, check.settings.timeoutMs(),
                () -> lanes.run(monitorId, () -> onAttemptTimedOut(check, future)));
        ProbeCallbacks.whenReturned(monitorId, future, (result, error) -> lanes.run(monitorId, () -> onAttemptReturned(check, future, result, error)));
    }

    // Identity is the point: is this the very future of the attempt in flight, not an equal one.
    @SuppressWarnings("ReferenceEquality")
    private void onAttemptReturned(Check check, CompletableFuture<ProbeResult> future, ProbeResult result, Throwable error) {
        if (shutdown || check.inFlight != future) {
            return; // abandoned or timed out already: a late return changes nothing (SPEC R5)
        }
        check.inFlight = null;
        check.timer.cancel();
        finishAttempt(check, AttemptReturns.STANDARD.judge(result, error, Math.max(0, runtime.clock().monotonicMs() - check.attemptStartedAt)));
    }

    // Identity is the point: is this the very future of the attempt in flight, not an equal one.
    @SuppressWarnings("ReferenceEquality")
    private void onAttemptTimedOut(Check check, CompletableFuture<ProbeResult> future) {
        if (shutdown || check.inFlight != future) {
            return;
        }
        check.inFlight = null;
        // Cleared before cancelling: cancel completes the future inline, and its callback must see it abandoned.
        future.cancel(true);
        finishAttempt(check, CheckOutcomes.timedOut(check.settings.timeoutMs()));
    }

    private void finishAttempt(Check check, ProbeResult outcome) {
        MonitorCheckState state = runningState(check);
        Operation operation = check.operationIn(state);
        // A cancelled check makes no further attempts (SPEC R5); whether its result lands is the
        // applier's decision alone (R6), so this composition is only as safe as its applier.
        if (!operation.isActive() || outcome.up() || check.attempt >= check.settings.attempts()) {
            settle(state, check, applier.apply(operation, outcome));
            return;
        }
        int next = check.attempt + 1;
        check.timer = runtime.timers().schedule(TimerKind.RETRY, operation.monitorId(), operation.id(), RetryPolicy.backoffMs(check.attempt),
                () -> lanes.run(operation.monitorId(), () -> onRetryDue(check, next)));
    }

    private void onRetryDue(Check check, int attempt) {
        MonitorCheckState state = states.get(check.operation.monitorId());
        if (shutdown || state == null || state.running != check) {
            return;
        }
        if (state.epoch != check.epoch) {
            // A cancel during the back-off releases the check at once (SPEC R5), with this timer.
            throw new IllegalStateException("check " + check.operation.id() + " was cancelled during its back-off but is still running");
        }
        check.timer = null;
        startAttempt(check, attempt);
    }

    /** SPEC R7: the safety net behind the attempt timers. */
    private void onDeadline(Operation expired) {
        MonitorCheckState state = states.get(expired.monitorId());
        Check check = state == null ? null : state.running;
        if (shutdown || check == null || !check.operation.id().equals(expired.id())) {
            return;
        }
        Operation operation = check.operationIn(state);
        if (!operation.isActive()) {
            release(state, check);
            listing.discarded(operation.monitorId(), operation.id(), UnappliedExit.DEADLINE_AFTER_CANCEL.discardReason());
            waiters.discarded(operation.id(), UnappliedExit.DEADLINE_AFTER_CANCEL.discardReason());
            startWaitingRequest(operation.monitorId());
            return;
        }
        settle(state, check, applier.apply(operation, CheckOutcomes.deadlineExceeded(runtime.clock().monotonicMs() - expired.initiatedAt())));
    }

    /** The check leaves with its timers, the store is told what the applier decided, and a waiting request may start. */
    private void settle(MonitorCheckState state, Check check, ApplyOutcome outcome) {
        release(state, check);
        listing.settled(check.operation.monitorId(), check.operation.id(), outcome);
        waiters.settled(check.operation.id(), outcome);
        startWaitingRequest(check.operation.monitorId());
    }

    /** The check leaves: no longer running, its id free, its deadline cleared, its timer cancelled and its probe abandoned. */
    private void release(MonitorCheckState state, Check check) {
        if (state.running == check) {
            state.running = null;
        }
        liveIds.remove(check.operation.id());
        deadlines.clear(check.operation.id());
        check.stop();
    }

    /** SEMANTICS: once the check has left, a waiting request starts if the monitor still exists and is monitoring, or it is manual. */
    private void startWaitingRequest(String monitorId) {
        MonitorCheckState state = states.get(monitorId);
        if (state == null || state.running != null || state.waiting == null) {
            return;
        }
        boolean manual = state.waiting;
        state.waiting = null;
        monitors.get(monitorId)
                .filter(monitor -> monitor.monitoring() || manual)
                .ifPresent(monitor -> begin(monitor, state, manual));
    }

    private MonitorCheckState runningState(Check check) {
        MonitorCheckState state = states.get(check.operation.monitorId());
        if (state == null || state.running != check) {
            throw new IllegalStateException("check " + check.operation.id() + " of monitor " + check.operation.monitorId()
                    + " has an attempt out but is not the monitor's running check");
        }
        return state;
    }

    private void assertLaneHeld(String monitorId) {
        if (!lanes.isHeldByCurrentThread(monitorId)) {
            throw new IllegalStateException("monitor " + monitorId + "'s lane must be held by the caller");
        }
    }
}
