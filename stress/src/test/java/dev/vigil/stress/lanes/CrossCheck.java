package dev.vigil.stress.lanes;

import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.event.EngineListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two-monitor callback: a completed check of x asks for a check of y now, and one of y a check
 * of x, a ping-pong that goes on while {@link #keepGoing} is on (and at most
 * {@value #CALLBACKS_MAX} callbacks per monitor, should a test lose its switch).
 *
 * <p>Each monitor's first callback waits, bounded, until the other monitor's first check has
 * committed. It reads the store, so it takes no lane. Delivered inside the lanes, both callbacks
 * then hold their own lane at once and call into the other's: the deadlock, every time rather than
 * when two completions happen to coincide. Delivered by the engine's event thread, the callbacks
 * run one after the other and the wait costs nothing.
 */
final class CrossCheck implements EngineListener {
    static final int CALLBACKS_MAX = 500;

    private final String first;
    private final String second;
    private final LaneWaits waits;
    private final Duration patience;
    private final Map<String, AtomicInteger> completions = new ConcurrentHashMap<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private volatile VigilEngine engine;
    private volatile boolean keepGoing = true;

    CrossCheck(String first, String second, LaneWaits waits, Duration patience) {
        this.first = first;
        this.second = second;
        this.waits = waits;
        this.patience = patience;
    }

    /** The engine to call back: set once it is built (the callback is composed into it). */
    void engine(VigilEngine value) {
        engine = value;
    }

    void stop() {
        keepGoing = false;
    }

    int completions(String monitorId) {
        AtomicInteger count = completions.get(monitorId);
        return count == null ? 0 : count.get();
    }

    /** What the callbacks' commands threw, and waits that ran out. */
    List<Throwable> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void onEvent(EngineEvent event) {
        if (!(event instanceof EngineEvent.CheckCompleted completed)) {
            return;
        }
        waits.noteCallback();
        String other = completed.monitorId().equals(first) ? second : first;
        int seen = completions.computeIfAbsent(completed.monitorId(), id -> new AtomicInteger()).incrementAndGet();
        if (seen == 1) {
            awaitFirstCheck(other);
        }
        if (keepGoing && seen <= CALLBACKS_MAX) {
            try {
                waits.call(other, () -> engine.checkNow(other));
            } catch (RuntimeException failure) {
                failures.add(failure);
            }
        }
    }

    private void awaitFirstCheck(String monitorId) {
        long deadlineNs = System.nanoTime() + patience.toNanos();
        while (engine.history(monitorId).isEmpty()) {
            if (System.nanoTime() > deadlineNs) {
                failures.add(new AssertionError(monitorId + "'s first check was not committed within " + patience.toSeconds() + " s"));
                return;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
