package dev.vigil.engine.runtime;

import dev.vigil.engine.EngineClock;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.probe.Probe;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.probe.Probes;
import dev.vigil.engine.spi.AttemptKey;
import dev.vigil.engine.spi.EngineRuntime;
import dev.vigil.engine.spi.ListenerExecutor;
import dev.vigil.engine.spi.OperationIdSource;
import dev.vigil.engine.spi.ProbeExecutor;
import dev.vigil.engine.spi.TimerHandle;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.spi.TimerService;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The runtime seam bound to the JDK: the only engine class that touches the system clocks,
 * threads and randomness (an ArchUnit test keeps it so).
 *
 * <p>Timers run on one platform thread named {@code vigil-timer}, which only hands each due task to
 * a virtual thread, so a slow task never delays other timers. Probe attempts run on virtual
 * threads; an attempt the engine abandons (it cancels the future) has its thread interrupted.
 * Events are delivered on one virtual thread named {@code vigil-events}, in order. Operation ids
 * are random UUIDs.
 */
public final class ProductionRuntime implements EngineRuntime {
    private static final System.Logger LOG = System.getLogger(ProductionRuntime.class.getName());

    /** Monotonic milliseconds from {@link System#nanoTime}, wall time from {@link System#currentTimeMillis}. */
    private final EngineClock clock;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService tasks = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("vigil-task-", 0).factory());
    private final ExecutorService probeThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("vigil-probe-", 0).factory());
    /** One thread, so deliveries run one at a time in the order they were queued. */
    private final ExecutorService eventThread = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("vigil-events").factory());
    /** Set on the event thread while it delivers: close from a listener must not wait for itself. */
    private static final ThreadLocal<Boolean> DELIVERING = ThreadLocal.withInitial(() -> false);
    private final Probe probe;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ProductionRuntime(EngineClock clock, Probe probe) {
        this.clock = clock;
        this.probe = Objects.requireNonNull(probe, "probe");
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "vigil-timer");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * A runtime that probes with {@link Probes#warmed}: HTTP(S), TCP and DNS, warmed before the first check.
     *
     * @return the runtime; close it (an engine closes the one it creates itself)
     */
    public static ProductionRuntime create() {
        EngineClock clock = EngineClock.system();
        return new ProductionRuntime(clock, Probes.warmed(clock));
    }

    /**
     * A runtime that runs {@code probe} for every attempt (tests, custom protocols).
     *
     * @param probe called on a virtual thread for every attempt; interrupted when the engine
     *              abandons the attempt
     * @return the runtime; close it
     */
    public static ProductionRuntime create(Probe probe) {
        return new ProductionRuntime(EngineClock.system(), probe);
    }

    @Override
    public EngineClock clock() {
        return clock;
    }

    @Override
    public TimerService timers() {
        return this::schedule;
    }

    @Override
    public ProbeExecutor probes() {
        return this::start;
    }

    @Override
    public OperationIdSource operationIds() {
        return () -> UUID.randomUUID().toString();
    }

    @Override
    public ListenerExecutor listeners() {
        return this::deliver;
    }

    private void deliver(Runnable delivery) {
        try {
            eventThread.execute(() -> {
                DELIVERING.set(true);
                try {
                    delivery.run();
                } catch (RuntimeException | Error failure) {
                    LOG.log(System.Logger.Level.ERROR, "an event delivery failed", failure);
                } finally {
                    DELIVERING.set(false);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            LOG.log(System.Logger.Level.DEBUG, "an event published after close was not delivered");
        }
    }

    private TimerHandle schedule(TimerKind kind, String monitorId, String operationId, long delayMs, Runnable task) {
        if (delayMs < 0) {
            throw new IllegalArgumentException("delayMs = " + delayMs + " must be >= 0");
        }
        if (closed.get()) {
            return () -> false;
        }
        try {
            ScheduledFuture<?> future = scheduler.schedule(() -> dispatch(kind, monitorId, task), delayMs, TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            return () -> false; // closed meanwhile: a timer scheduled after close never runs
        }
    }

    private void dispatch(TimerKind kind, String monitorId, Runnable task) {
        try {
            tasks.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error failure) {
                    LOG.log(System.Logger.Level.ERROR, kind + " timer of monitor " + monitorId + " failed", failure);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // Closed between firing and handing over: the engine is shutting down.
        }
    }

    private CompletableFuture<ProbeResult> start(AttemptKey key, MonitorSettings settings) {
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        if (closed.get()) {
            result.cancel(false);
            return result;
        }
        Future<?> running;
        try {
            running = probeThreads.submit(() -> {
                try {
                    result.complete(probe.probe(settings));
                } catch (Throwable failure) {
                    result.completeExceptionally(failure);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            result.cancel(false);
            return result;
        }
        CompletableFuture<ProbeResult> unused = result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                running.cancel(true); // abandoned by the engine: stop the probe's work
            }
        });
        return result;
    }

    @Override
    public void close(long waitMs) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.shutdownNow();
        tasks.shutdown();
        probeThreads.shutdown();
        try {
            long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, waitMs));
            if (!probeThreads.awaitTermination(Math.max(0, waitMs), TimeUnit.MILLISECONDS)) {
                probeThreads.shutdownNow();
            }
            long leftNs = Math.max(0, deadlineNs - System.nanoTime());
            if (!tasks.awaitTermination(leftNs, TimeUnit.NANOSECONDS)) {
                tasks.shutdownNow();
            }
            // Events already committed are still delivered, within what is left of the wait.
            eventThread.shutdown();
            if (!DELIVERING.get() && !eventThread.awaitTermination(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                eventThread.shutdownNow();
            }
        } catch (InterruptedException e) {
            probeThreads.shutdownNow();
            tasks.shutdownNow();
            eventThread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
