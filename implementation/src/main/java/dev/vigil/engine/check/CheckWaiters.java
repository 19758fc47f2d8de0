package dev.vigil.engine.check;

import dev.vigil.engine.CheckDiscardedException;
import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.OperationIdExhaustedException;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.outbox.EventPublisher;
import dev.vigil.engine.status.ApplyOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The callers waiting for a {@code checkNow} (SPEC R8): each waits for the first check of its
 * monitor that begins after its request, and learns that check's fate once the event reporting
 * it has been delivered to the listeners. A waiter is completed on the listener thread, after the
 * listeners, never with a lane held, so that whatever the caller chained to it may call the
 * engine; the two fates with no event of their own (the monitor removed, the engine closed) are
 * completed by the command, once its lane is released.
 *
 * <p>Registered, bound and resolved with the monitor's lane held; the monitor's and the engine's
 * end detach them from any thread. Every method is synchronized: its work is a few map
 * operations, and no completion runs inside it.
 */
public final class CheckWaiters {
    /** Waiters of one monitor at most, bound or not; a {@code checkNow} beyond it fails at once. */
    public static final int PER_MONITOR_MAX = 1_000;

    private final EventPublisher events;
    /** Waiters whose check has not begun yet, by monitor, oldest first. */
    private final Map<String, List<CompletableFuture<CheckRecord>>> unbound = new HashMap<>();
    /** Waiters whose check has begun, by operation id. */
    private final Map<String, Bound> bound = new HashMap<>();

    private record Bound(String monitorId, List<CompletableFuture<CheckRecord>> waiters) {}

    /**
     * No waiter yet.
     *
     * @param events the outbox whose deliveries the completions follow
     */
    public CheckWaiters(EventPublisher events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * A new waiter for the next check of {@code monitorId} to begin: call it after the request's
     * cancellations and before the request itself, so that a check begun by it is the one awaited.
     *
     * @param monitorId the monitor, whose lane the caller holds
     * @return what the caller of {@code checkNow} gets; it cannot be completed through it
     */
    public synchronized CompletionStage<CheckRecord> await(String monitorId) {
        CompletableFuture<CheckRecord> waiter = new CompletableFuture<>();
        if (count(monitorId) >= PER_MONITOR_MAX) {
            waiter.completeExceptionally(new IllegalStateException(PER_MONITOR_MAX + " checkNow calls of monitor " + monitorId
                    + " are already waiting for their check"));
        } else {
            unbound.computeIfAbsent(monitorId, id -> new ArrayList<>()).add(waiter);
        }
        return waiter.minimalCompletionStage();
    }

    /**
     * A check of {@code monitorId} began: every waiter of the monitor not yet bound waits for this one.
     *
     * @param monitorId   the monitor, whose lane the caller holds
     * @param operationId the check's operation
     */
    synchronized void began(String monitorId, String operationId) {
        List<CompletableFuture<CheckRecord>> waiting = unbound.remove(monitorId);
        if (waiting != null) {
            bound.put(operationId, new Bound(monitorId, waiting));
        }
    }

    /**
     * The check left with the applier's verdict: its waiters get the record, the discard or the
     * store's failure once the event that reported it is delivered.
     *
     * @param operationId the operation
     * @param outcome     what the applier decided
     */
    void settled(String operationId, ApplyOutcome outcome) {
        switch (outcome) {
            case ApplyOutcome.Applied applied -> resolve(operationId, waiter -> waiter.complete(applied.record()));
            case ApplyOutcome.Discarded discarded -> discarded(operationId, discarded.reason());
            case ApplyOutcome.Failed failed -> failed(operationId, failed.failure());
        }
    }

    /**
     * The check left without a result: its waiters fail with a {@link CheckDiscardedException}.
     *
     * @param operationId the operation
     * @param reason      what the {@code CheckDiscarded} event says
     */
    void discarded(String operationId, String reason) {
        resolve(operationId, waiter -> waiter.completeExceptionally(new CheckDiscardedException(reason)));
    }

    /**
     * A transaction of the check failed (its begin or its apply): its waiters fail with it.
     *
     * @param operationId the operation
     * @param failure     the store's failure, already reported as a {@code StoreFailed} event
     */
    void failed(String operationId, StoreException failure) {
        resolve(operationId, waiter -> waiter.completeExceptionally(failure));
    }

    /**
     * The monitor's waiting request was dropped (stop, SPEC R3): the waiters whose check had not
     * begun fail once the events published so far are delivered.
     *
     * @param monitorId the monitor, whose lane the caller holds
     * @param reason    why no check will begin for them
     */
    public void requestDropped(String monitorId, String reason) {
        failUnbound(monitorId, () -> new CheckDiscardedException(reason));
    }

    /**
     * No fresh operation id could be issued for the check the monitor's waiters wait for (SPEC
     * R18): the waiters whose check had not begun fail with it once the events published so far
     * are delivered.
     *
     * @param monitorId the monitor, whose lane the caller holds
     * @param failure   what the id source did
     */
    void noOperationId(String monitorId, OperationIdExhaustedException failure) {
        failUnbound(monitorId, () -> failure);
    }

    private void failUnbound(String monitorId, Supplier<? extends RuntimeException> failure) {
        List<CompletableFuture<CheckRecord>> waiting;
        synchronized (this) {
            waiting = unbound.remove(monitorId);
        }
        if (waiting != null) {
            events.afterDelivered(() -> waiting.forEach(waiter -> waiter.completeExceptionally(failure.get())));
        }
    }

    /**
     * Detaches every waiter of a removed monitor, bound or not; fail them with the returned
     * action once the lane is released.
     *
     * @param monitorId the removed monitor, whose lane the caller holds
     * @return completes the detached waiters exceptionally with what the supplier makes
     */
    public synchronized Detached detach(String monitorId) {
        List<CompletableFuture<CheckRecord>> detached = new ArrayList<>();
        List<CompletableFuture<CheckRecord>> waiting = unbound.remove(monitorId);
        if (waiting != null) {
            detached.addAll(waiting);
        }
        bound.values().removeIf(entry -> entry.monitorId().equals(monitorId) && detached.addAll(entry.waiters()));
        return new Detached(detached);
    }

    /**
     * Detaches every waiter: the engine is closing.
     *
     * @return completes the detached waiters exceptionally with what the supplier makes
     */
    public synchronized Detached detachAll() {
        List<CompletableFuture<CheckRecord>> detached = new ArrayList<>();
        unbound.values().forEach(detached::addAll);
        bound.values().forEach(entry -> detached.addAll(entry.waiters()));
        unbound.clear();
        bound.clear();
        return new Detached(detached);
    }

    /** Waiters taken out of the engine, to be failed where no lane is held. */
    public static final class Detached {
        private final List<CompletableFuture<CheckRecord>> waiters;

        private Detached(List<CompletableFuture<CheckRecord>> waiters) {
            this.waiters = List.copyOf(waiters);
        }

        /**
         * Completes each exceptionally; run it with no lane held, since what the callers chained runs here.
         *
         * @param failure makes the exception of each waiter
         */
        public void failWith(Supplier<? extends RuntimeException> failure) {
            waiters.forEach(waiter -> waiter.completeExceptionally(failure.get()));
        }
    }

    private void resolve(String operationId, Consumer<CompletableFuture<CheckRecord>> completion) {
        Bound entry;
        synchronized (this) {
            entry = bound.remove(operationId);
        }
        if (entry != null) {
            events.afterDelivered(() -> entry.waiters().forEach(completion));
        }
    }

    private int count(String monitorId) {
        int waiting = unbound.getOrDefault(monitorId, List.of()).size();
        for (Bound entry : bound.values()) {
            if (entry.monitorId().equals(monitorId)) {
                waiting += entry.waiters().size();
            }
        }
        return waiting;
    }
}
