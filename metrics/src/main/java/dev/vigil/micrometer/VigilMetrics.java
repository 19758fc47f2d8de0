package dev.vigil.micrometer;

import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.event.EngineListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Micrometer metrics of one {@link VigilEngine}. Bind it to a registry; it registers itself as
 * a listener of the engine, so counters count events delivered from then on.
 *
 * <pre>{@code
 * VigilEngine engine = VigilEngine.builder().storeFile(Path.of("vigil.db")).build();
 * new VigilMetrics(engine).bindTo(registry);
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@code vigil.monitors}</td><td>gauge</td><td>{@code status}</td><td>monitors per
 *       status, from one read of the store at most every {@value #STATUS_READ_INTERVAL_MS} ms</td></tr>
 *   <tr><td>{@code vigil.checks}</td><td>counter</td><td>{@code result} (up, down), {@code manual}</td>
 *       <td>check results applied to history</td></tr>
 *   <tr><td>{@code vigil.checks.discarded}</td><td>counter</td><td></td><td>results discarded:
 *       a stopped, updated or removed monitor's late check</td></tr>
 *   <tr><td>{@code vigil.check.response}</td><td>timer</td><td>{@code result}</td><td>the
 *       applied checks' response times</td></tr>
 *   <tr><td>{@code vigil.status.changes}</td><td>counter</td><td>{@code status} (the new one)</td>
 *       <td>committed status transitions</td></tr>
 *   <tr><td>{@code vigil.store.failures}</td><td>counter</td><td>{@code transaction}</td><td>store
 *       transactions that failed</td></tr>
 *   <tr><td>{@code vigil.ticks.skipped}</td><td>function counter</td><td></td><td>ticks skipped
 *       because a check was still running</td></tr>
 *   <tr><td>{@code vigil.operations.live}</td><td>gauge</td><td></td><td>checks in flight</td></tr>
 *   <tr><td>{@code vigil.events.pending}</td><td>gauge</td><td></td><td>events committed and
 *       not yet delivered to listeners</td></tr>
 * </table>
 *
 * <p>Thread-safe. The listener does constant work per event (counter lookups are cached by
 * Micrometer), so it does not delay the engine's other listeners.
 */
public final class VigilMetrics implements MeterBinder {
    /** The shortest time between two store reads for the status gauges: one scrape, one read. */
    public static final long STATUS_READ_INTERVAL_MS = 1_000;

    private final VigilEngine engine;
    private final LongSupplier monotonicMs;
    private final Object statusLock = new Object();
    private Map<MonitorStatus, Long> statusCounts = new EnumMap<>(MonitorStatus.class); // guarded by statusLock
    private long statusReadAtMs = Long.MIN_VALUE; // guarded by statusLock

    /**
     * Metrics of {@code engine}.
     *
     * @param engine the engine to measure
     */
    public VigilMetrics(VigilEngine engine) {
        this(engine, () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
    }

    VigilMetrics(VigilEngine engine, LongSupplier monotonicMs) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.monotonicMs = Objects.requireNonNull(monotonicMs, "monotonicMs");
    }

    /**
     * Registers the meters on {@code registry} and a listener on the engine.
     *
     * @param registry the registry
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        for (MonitorStatus status : MonitorStatus.values()) {
            Gauge.builder("vigil.monitors", this, metrics -> metrics.monitorsWith(status))
                    .description("monitors per status")
                    .tag("status", tagValue(status))
                    .register(registry);
        }
        FunctionCounter.builder("vigil.ticks.skipped", engine, e -> e.diagnostics().skippedTicks())
                .description("ticks skipped because a check was still running")
                .register(registry);
        Gauge.builder("vigil.operations.live", engine, e -> e.diagnostics().liveOperations().size())
                .description("checks in flight")
                .register(registry);
        Gauge.builder("vigil.events.pending", engine, e -> e.diagnostics().pendingEvents().size())
                .description("events committed and not yet delivered to listeners")
                .register(registry);
        FunctionTimer.builder("vigil.listener.time", engine, e -> e.diagnostics().deliveries(),
                        e -> e.diagnostics().listenerTimeNs(), TimeUnit.NANOSECONDS)
                .description("time the event listeners took, per delivered event (all listeners of one event together)")
                .register(registry);
        FunctionCounter.builder("vigil.events.dropped", engine, e -> e.diagnostics().droppedEvents())
                .description("events dropped because the listeners were too far behind")
                .register(registry);
        engine.addListener(new Recorder(registry));
    }

    /** How many monitors have {@code status}, from a store read at most {@link #STATUS_READ_INTERVAL_MS} old. */
    private double monitorsWith(MonitorStatus status) {
        synchronized (statusLock) {
            long nowMs = monotonicMs.getAsLong();
            if (statusReadAtMs == Long.MIN_VALUE || nowMs - statusReadAtMs >= STATUS_READ_INTERVAL_MS) {
                statusCounts = count(engine.monitors());
                statusReadAtMs = nowMs;
            }
            return statusCounts.getOrDefault(status, 0L);
        }
    }

    private static Map<MonitorStatus, Long> count(List<MonitorSnapshot> monitors) {
        Map<MonitorStatus, Long> counts = new EnumMap<>(MonitorStatus.class);
        for (MonitorSnapshot monitor : monitors) {
            counts.merge(monitor.status(), 1L, Long::sum);
        }
        return counts;
    }

    private static String tagValue(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Turns events into counts and timings. */
    private static final class Recorder implements EngineListener {
        private final MeterRegistry registry;
        private final Counter discarded;

        Recorder(MeterRegistry registry) {
            this.registry = registry;
            this.discarded = Counter.builder("vigil.checks.discarded")
                    .description("check results discarded (late, cancelled or stale)")
                    .register(registry);
        }

        @Override
        public void onEvent(EngineEvent event) {
            switch (event) {
                case EngineEvent.CheckCompleted completed -> {
                    String result = tagValue(completed.result());
                    Counter.builder("vigil.checks")
                            .description("check results applied to history")
                            .tag("result", result)
                            .tag("manual", Boolean.toString(completed.manual()))
                            .register(registry)
                            .increment();
                    Timer.builder("vigil.check.response")
                            .description("response time of applied checks")
                            .tag("result", result)
                            .register(registry)
                            .record(Duration.ofMillis(completed.responseTimeMs()));
                }
                case EngineEvent.CheckDiscarded ignored -> discarded.increment();
                case EngineEvent.StatusChanged change -> Counter.builder("vigil.status.changes")
                        .description("committed status transitions, by the new status")
                        .tag("status", tagValue(change.next()))
                        .register(registry)
                        .increment();
                case EngineEvent.StoreFailed failed -> Counter.builder("vigil.store.failures")
                        .description("failed store transactions")
                        .tag("transaction", failed.transaction() == null ? "unknown" : failed.transaction().label())
                        .register(registry)
                        .increment();
                default -> {
                    // Started, stopped and fallback events have no meter: status changes cover them.
                }
            }
        }
    }
}
