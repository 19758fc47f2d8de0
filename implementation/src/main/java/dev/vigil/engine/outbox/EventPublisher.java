package dev.vigil.engine.outbox;

import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.event.EngineListener;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.Redaction;
import dev.vigil.engine.lane.MonitorLanes;
import dev.vigil.engine.spi.ListenerExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's outbox (SPEC "Events"). The engine publishes an event right after the transaction
 * that caused it committed, with that monitor's lane held; the event waits here and is delivered
 * later by the runtime's {@link ListenerExecutor}, on a thread that holds no lane, to every
 * listener in registration order. So a listener may call any engine command, on any monitor,
 * without deadlock, and a slow listener delays later deliveries but never a command.
 *
 * <p>Order: one queue for the whole engine, filled in commit order; a monitor's events are
 * published under its lane, so they are delivered in the order its transactions committed.
 * Bounded: beyond {@value #PENDING_MAX} undelivered events (listeners far behind) new events are
 * dropped, counted and logged rather than held without limit.
 */
public final class EventPublisher {
    /** Undelivered events at most; beyond it new events are dropped and counted. */
    public static final int PENDING_MAX = 100_000;

    private static final System.Logger LOG = System.getLogger(EventPublisher.class.getName());

    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
    private final ListenerExecutor executor;
    private final MonitorLanes lanes;
    private final ConcurrentLinkedQueue<Delivery> pending = new ConcurrentLinkedQueue<>();
    /** Orders a delivery's start against actions attached to it. */
    private final Object outboxLock = new Object();
    /** The event published last, while its delivery has not started; guarded by {@link #outboxLock}. */
    private Delivery newest;
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final EngineClock clock;
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong listenerTimeNs = new AtomicLong();

    /**
     * An outbox with no event pending.
     *
     * @param initial  the listeners registered from the start, in delivery order
     * @param executor runs each delivery, never inline
     * @param lanes    the engine's lanes, to refuse a delivery on a thread that holds one
     * @param clock    what the listeners' time is measured on
     */
    public EventPublisher(List<EngineListener> initial, ListenerExecutor executor, MonitorLanes lanes, EngineClock clock) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        this.clock = Objects.requireNonNull(clock, "clock");
        initial.forEach(this::add);
    }

    /**
     * Registers a listener after the others; it receives every event whose delivery starts from
     * now on, including events already pending.
     *
     * @param listener the listener, not {@code null}; one added twice is called twice
     */
    public void add(EngineListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Unregisters one registration of a listener; a delivery already under way may still reach it.
     *
     * @param listener the listener
     * @return {@code true} if it was registered
     */
    public boolean remove(EngineListener listener) {
        return listeners.remove(listener);
    }

    /**
     * Queues {@code event} for delivery; returns at once, whatever the listeners do.
     *
     * @param event the event, published right after the transaction that caused it committed;
     *              dropped and counted if {@value #PENDING_MAX} events are already pending
     */
    public void publish(EngineEvent event) {
        Objects.requireNonNull(event, "event");
        EventLog.log(event); // even if listeners lag so far behind that it is dropped for them
        if (pendingCount.incrementAndGet() > PENDING_MAX) {
            pendingCount.decrementAndGet();
            if (dropped.getAndIncrement() % 10_000 == 0) {
                LOG.log(System.Logger.Level.WARNING, "listeners are " + PENDING_MAX + " events behind; dropped " + event
                        + " (" + dropped.get() + " dropped so far)");
            }
            return;
        }
        synchronized (outboxLock) {
            newest = new Delivery(event);
            pending.add(newest);
        }
        executor.execute(this::deliverNext);
    }

    /**
     * Runs {@code action} on the listener thread once every event published so far has been
     * delivered: right after the newest one's listeners, so that whoever waits on it sees the
     * event first. If that delivery already started (or nothing is pending), the action is a
     * delivery of its own.
     *
     * @param action what to run, with no lane held; it must not throw
     */
    public void afterDelivered(Runnable action) {
        Objects.requireNonNull(action, "action");
        synchronized (outboxLock) {
            if (newest != null) {
                newest.after.add(action);
                return;
            }
        }
        executor.execute(action);
    }

    /**
     * Delivers the oldest undelivered event to every listener; the listener executor runs this,
     * once per published event. A listener that throws is logged and skipped.
     *
     * @throws IllegalStateException if the calling thread holds a monitor lane: delivering there
     *                               would let a listener's command deadlock against another lane
     */
    void deliverNext() {
        if (lanes.anyHeldByCurrentThread()) {
            throw new IllegalStateException("an event delivery ran on a thread that holds a monitor lane: "
                    + "the listener executor must never run deliveries inline");
        }
        Delivery next;
        synchronized (outboxLock) {
            next = pending.poll();
            if (next == newest) {
                newest = null; // no action may join a delivery that has started
            }
        }
        if (next == null) {
            return;
        }
        pendingCount.decrementAndGet();
        long startedNs = clock.monotonicNs();
        try {
            deliver(next.event);
        } finally {
            // Counted together, so that a reader of both sees a consistent-enough mean.
            listenerTimeNs.addAndGet(Math.max(0, clock.monotonicNs() - startedNs));
            deliveries.incrementAndGet();
        }
        next.after.forEach(Runnable::run);
    }

    /** One published event and what runs after its listeners; {@code after} grows only while it is the newest pending. */
    private static final class Delivery {
        final EngineEvent event;
        final List<Runnable> after = new ArrayList<>(0);

        Delivery(EngineEvent event) {
            this.event = event;
        }
    }

    private void deliver(EngineEvent event) {
        for (EngineListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException | Error failure) {
                if (failure instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
                LOG.log(System.Logger.Level.WARNING, Redaction.redact("listener " + listener + " threw on " + event + "; skipped"), failure);
            }
        }
    }

    /**
     * Diagnostics: the events published and not yet delivered, oldest first.
     *
     * @return a copy, at most {@value #PENDING_MAX} events
     */
    public List<EngineEvent> pending() {
        return pending.stream().map(delivery -> delivery.event).toList();
    }

    /**
     * Diagnostics: events delivered to the listeners so far (each event counts once, however many
     * listeners it reached).
     *
     * @return how many since this publisher was created
     */
    public long deliveries() {
        return deliveries.get();
    }

    /**
     * Diagnostics: how long the listeners took, all deliveries together.
     *
     * @return nanoseconds on the engine's monotonic clock since this publisher was created
     */
    public long listenerTimeNs() {
        return listenerTimeNs.get();
    }

    /**
     * Diagnostics: events dropped because listeners were {@value #PENDING_MAX} behind.
     *
     * @return how many since this publisher was created
     */
    public long dropped() {
        return dropped.get();
    }
}
