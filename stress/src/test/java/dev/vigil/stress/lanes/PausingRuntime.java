package dev.vigil.stress.lanes;

import dev.vigil.engine.EngineClock;
import dev.vigil.engine.spi.EngineRuntime;
import dev.vigil.engine.spi.ListenerExecutor;
import dev.vigil.engine.spi.OperationIdSource;
import dev.vigil.engine.spi.ProbeExecutor;
import dev.vigil.engine.spi.TimerHandle;
import dev.vigil.engine.spi.TimerService;
import dev.vigil.engine.testing.ManualRuntime;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ManualRuntime} that can stop one command in the middle: armed for a thread, the
 * first runtime call that thread makes (schedule or cancel a timer, start a probe, draw an
 * operation id, hand over an event delivery) waits there until the test releases it. Commands
 * make those calls with their monitor's lane held, after their store transaction: so a test can
 * hold a command inside the lane for as long as it needs, on purpose rather than by chance, and do
 * something on another thread meanwhile.
 */
final class PausingRuntime implements EngineRuntime {
    private final ManualRuntime controlled;
    private final Duration patience;
    private volatile Thread armedFor;
    private volatile String pausedAt;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    PausingRuntime(ManualRuntime controlled, Duration patience) {
        this.controlled = Objects.requireNonNull(controlled, "controlled");
        this.patience = Objects.requireNonNull(patience, "patience");
    }

    ManualRuntime controlled() {
        return controlled;
    }

    /** Pauses {@code thread} at its next runtime call; once only. */
    void arm(Thread thread) {
        armedFor = thread;
    }

    /**
     * Waits until the armed thread is paused.
     *
     * @return where it paused
     * @throws AssertionError if it did not pause within the patience
     */
    String awaitPaused() throws InterruptedException {
        if (!reached.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the command made no runtime call within " + patience.toSeconds() + " s: nowhere to pause it");
        }
        return pausedAt;
    }

    /** Lets the paused thread go on. */
    void release() {
        released.countDown();
    }

    private void pausePoint(String where) {
        if (Thread.currentThread() != armedFor) {
            return;
        }
        armedFor = null;
        pausedAt = where;
        reached.countDown();
        try {
            if (!released.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("paused at " + where + " and never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public EngineClock clock() {
        return controlled.clock();
    }

    @Override
    public TimerService timers() {
        TimerService timers = controlled.timers();
        return (kind, monitorId, operationId, delayMs, task) -> {
            pausePoint("schedule " + kind);
            TimerHandle handle = timers.schedule(kind, monitorId, operationId, delayMs, task);
            return () -> {
                pausePoint("cancel " + kind);
                return handle.cancel();
            };
        };
    }

    @Override
    public ProbeExecutor probes() {
        ProbeExecutor probes = controlled.probes();
        return (key, settings) -> {
            pausePoint("start probe");
            return probes.start(key, settings);
        };
    }

    @Override
    public OperationIdSource operationIds() {
        OperationIdSource ids = controlled.operationIds();
        return () -> {
            pausePoint("operation id");
            return ids.nextId();
        };
    }

    @Override
    public ListenerExecutor listeners() {
        ListenerExecutor listeners = controlled.listeners();
        return delivery -> {
            pausePoint("event delivery");
            listeners.execute(delivery);
        };
    }

    @Override
    public void close(long waitMs) {
        released.countDown();
        controlled.close(waitMs);
    }
}
