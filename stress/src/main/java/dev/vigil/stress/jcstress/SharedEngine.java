package dev.vigil.stress.jcstress;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.ManualRuntime;
import dev.vigil.stress.support.StressMonitors;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * One real {@link VigilEngine} per jcstress fork (SQLite in memory, a {@link ManualRuntime}),
 * shared by every state of the engine tests, each on a monitor of its own.
 *
 * <p>Why shared: jcstress builds a state object per sample, hundreds of thousands per test, and
 * opening an in-memory SQLite store with its schema per state would dominate the run. Sharing is
 * correct because the engine keeps monitors apart (SPEC: one lane per monitor, the store's
 * compare-and-set is per row): a state only touches its own monitor, and its arbiter removes the
 * monitor once both actors have returned. Every engine effect of an actor runs inline on the
 * actor's thread (the controlled runtime fires timers and completes probes on the caller), so by
 * then nothing of the monitor is pending and its id can be reused; reuse keeps the engine's
 * per-monitor tables (lanes, timers) bounded by the number of states alive at once.
 */
final class SharedEngine {
    static final ManualRuntime RUNTIME = ManualRuntime.standstill("");
    static final VigilEngine ENGINE = StressMonitors.engine(RUNTIME, MonitorRepository.openSqliteInMemory(), event -> { });

    private static final ConcurrentLinkedQueue<String> FREE_MONITOR_IDS = new ConcurrentLinkedQueue<>();
    private static final AtomicLong MONITORS_CREATED = new AtomicLong();

    private SharedEngine() {
    }

    /** A monitoring monitor of its own whose first check is out: operation registered, listed, probe open, deadline pending. */
    record Started(String monitorId, String operationId) {
        static Started monitor() {
            String monitorId = FREE_MONITOR_IDS.poll();
            if (monitorId == null) {
                monitorId = "m-" + MONITORS_CREATED.incrementAndGet();
            }
            ENGINE.add(monitorId, StressMonitors.SETTINGS);
            ENGINE.start(monitorId);
            // start (SPEC R2) requested a check at once, and the engine listed its operation in the
            // same lane before returning: the committed row names it.
            List<String> listed = ENGINE.monitor(monitorId).orElseThrow().activeOperations();
            if (listed.size() != 1) {
                throw new IllegalStateException("start of " + monitorId + " listed " + listed + ", expected one operation");
            }
            return new Started(monitorId, listed.get(0));
        }

        /** The committed history's statuses joined by {@code +}, or {@code none}. */
        String historyStatuses() {
            List<CheckRecord> records = ENGINE.history(monitorId);
            return records.isEmpty() ? "none" : records.stream().map(record -> record.status().name()).collect(Collectors.joining("+"));
        }

        /** {@code monitoring/status} as committed. */
        String committedState() {
            MonitorSnapshot monitor = ENGINE.monitor(monitorId).orElseThrow();
            return monitor.monitoring() + "/" + monitor.status();
        }

        /**
         * {@code clean} when the operation has left without a trace (SPEC §1, I4, I5): the store
         * lists no operation and its deadline timer is no longer pending; else what is left.
         */
        String leftovers() {
            MonitorSnapshot monitor = ENGINE.monitor(monitorId).orElseThrow();
            boolean deadlinePending = RUNTIME.timer(TimerKind.DEADLINE, operationId).map(ManualRuntime.ManualTimer::isPending).orElse(false);
            if (monitor.activeOperations().isEmpty() && !deadlinePending) {
                return "clean";
            }
            return "listed=" + monitor.activeOperations().size() + ";deadlinePending=" + deadlinePending;
        }

        /** Removes the monitor (SPEC R10) and frees its id for another state. */
        void release() {
            ENGINE.remove(monitorId);
            RUNTIME.forget(monitorId, List.of(operationId));
            FREE_MONITOR_IDS.add(monitorId);
        }
    }
}
