package dev.vigil.stress.load;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.event.EngineListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks SPEC I2 (no stale writes) on real threads, from two independent witnesses: the runtime
 * seam says which operation each monitor began (its first probe attempt), the engine's events
 * say when monitoring started and stopped. Each start or stop of a monitor cancels what it had
 * in flight, so it opens a new <em>epoch</em>; an operation may only ever produce a result in
 * the epoch it began in, on a monitoring monitor.
 *
 * <p>Live, on every event: a {@code CheckCompleted} of an operation that was never begun, or
 * begun in an earlier epoch, or on a stopped monitor, is a violation; so is a
 * {@code StatusChanged} to anything but PAUSED while the monitor is stopped. After the run,
 * {@link #auditHistory} reads every history row back from the store: each must be the result of
 * an operation applied in its own epoch, and each applied result must have its row (nothing lost).
 *
 * <p>Two timelines, each in commit order per monitor. In the lane: the runtime seam reports each
 * operation's begin and each start or stop as it commits ({@link #lifecycleCommitted}: the
 * command's interval timer being scheduled or cancelled), so a begun operation is stamped with the
 * epoch it began in. After the commit: the engine's events (delivered later, on its event thread),
 * whose lifecycle events count the same epochs in the same order, and whose results are judged
 * against the epoch they arrive in. Stamping a begin with the event timeline instead would be
 * wrong: a start's check begins in the lane before its {@code MonitoringStarted} is delivered.
 * The log's lock only publishes each monitor's log to the auditing thread. Violations kept are
 * bounded ({@value #VIOLATIONS_KEPT}); all are counted.
 */
final class OperationAudit implements EngineListener {
    static final int VIOLATIONS_KEPT = 20;

    private final ConcurrentHashMap<String, MonitorLog> logs = new ConcurrentHashMap<>();
    private final List<String> violations = new ArrayList<>(); // guarded by itself
    private final AtomicLong violationCount = new AtomicLong();
    private final AtomicLong checksCompleted = new AtomicLong();
    private final AtomicLong checksCompletedBegunInWindow = new AtomicLong();
    private volatile long windowEndNs = Long.MAX_VALUE;
    private final AtomicLong checksDiscarded = new AtomicLong();
    private final AtomicLong storeFailures = new AtomicLong();
    private final AtomicLong databaseLocked = new AtomicLong();

    /** One monitor's epochs and operations, in the order its lane committed them. */
    private static final class MonitorLog {
        /** Starts and stops delivered as events so far. */
        int epoch;
        /** Starts and stops committed so far, as the lane saw them. */
        int committedEpoch;
        boolean monitoring;
        final Map<String, Begun> begun = new HashMap<>();
        final Set<String> applied = new HashSet<>();
    }

    /** When an operation began (nanoTime) and in which epoch of its monitor. */
    private record Begun(int epoch, long atNs) {}

    /** Results of operations begun before {@code endNs} are counted apart: {@link #checksCompletedBegunInWindow}. */
    void windowEndsAt(long endNs) {
        windowEndNs = endNs;
    }

    /** In the lane: a start or a stop of {@code monitorId} committed; its event follows later. */
    void lifecycleCommitted(String monitorId) {
        MonitorLog log = log(monitorId);
        synchronized (log) {
            log.committedEpoch++;
        }
    }

    /** In the lane: the runtime seam saw {@code operationId}'s first attempt start for {@code monitorId}. */
    void begun(String monitorId, String operationId) {
        long nowNs = System.nanoTime();
        MonitorLog log = log(monitorId);
        synchronized (log) {
            Begun previous = log.begun.putIfAbsent(operationId, new Begun(log.committedEpoch, nowNs));
            if (previous != null) {
                violation("operation " + operationId + " of " + monitorId + " began twice");
            }
        }
    }

    @Override
    public void onEvent(EngineEvent event) {
        switch (event) {
            case EngineEvent.MonitoringStarted started -> lifecycle(started.monitorId(), true);
            case EngineEvent.MonitoringStopped stopped -> lifecycle(stopped.monitorId(), false);
            case EngineEvent.CheckCompleted completed -> completed(completed);
            case EngineEvent.StatusChanged changed -> statusChanged(changed);
            case EngineEvent.CheckDiscarded discarded -> checksDiscarded.incrementAndGet();
            case EngineEvent.StoreFailed failed -> {
                storeFailures.incrementAndGet();
                if (failed.message() != null && failed.message().contains("database is locked")) {
                    databaseLocked.incrementAndGet();
                }
            }
            case EngineEvent.FallbackActivated fallback -> violation("the engine fell back to its fallback checker: " + fallback.reason());
            case EngineEvent.StoreLeaseLost lost -> violation("the engine lost its store lease to node '" + lost.holderNodeId() + "'");
        }
    }

    private void lifecycle(String monitorId, boolean monitoring) {
        MonitorLog log = log(monitorId);
        synchronized (log) {
            log.epoch++;
            log.monitoring = monitoring;
        }
    }

    private void completed(EngineEvent.CheckCompleted completed) {
        MonitorLog log = log(completed.monitorId());
        synchronized (log) {
            Begun begun = log.begun.get(completed.operationId());
            if (begun == null) {
                violation("result of " + completed.operationId() + " applied to " + completed.monitorId() + ", which never began it");
            } else if (begun.epoch() != log.epoch) {
                violation("result of " + completed.operationId() + " applied to " + completed.monitorId()
                        + " after a start or stop cancelled it (began in epoch " + begun.epoch() + ", applied in " + log.epoch + ")");
            } else if (!log.monitoring && !completed.manual()) {
                violation("result of " + completed.operationId() + " applied to stopped monitor " + completed.monitorId());
            } else if (!log.applied.add(completed.operationId())) {
                violation("result of " + completed.operationId() + " applied twice to " + completed.monitorId());
            } else if (begun.atNs() - windowEndNs < 0) {
                checksCompletedBegunInWindow.incrementAndGet();
            }
        }
        checksCompleted.incrementAndGet();
    }

    private void statusChanged(EngineEvent.StatusChanged changed) {
        MonitorLog log = log(changed.monitorId());
        synchronized (log) {
            if (!log.monitoring && changed.next() != MonitorStatus.PAUSED) {
                violation("stopped monitor " + changed.monitorId() + " changed status " + changed.previous() + " → " + changed.next());
            }
        }
    }

    /**
     * Reads back {@code history}, the store's rows of {@code monitorId}: each must come from an
     * operation applied in its own epoch (SPEC I2), and every applied result must have its row.
     * Also pairs the two timelines: as many starts and stops committed as delivered.
     */
    void auditHistory(String monitorId, List<CheckRecord> history) {
        MonitorLog log = log(monitorId);
        synchronized (log) {
            if (log.committedEpoch != log.epoch) {
                // The two timelines must count the same starts and stops, or every epoch judged above is off.
                violation(monitorId + ": " + log.committedEpoch + " starts and stops committed in the lane, " + log.epoch
                        + " delivered as events");
            }
            Set<String> rows = new HashSet<>();
            for (CheckRecord record : history) {
                if (!rows.add(record.operationId())) {
                    violation("history of " + monitorId + " holds operation " + record.operationId() + " twice");
                }
                if (!log.applied.contains(record.operationId())) {
                    violation("history of " + monitorId + " holds operation " + record.operationId()
                            + ", which no valid operation applied (stale write, SPEC I2)");
                }
            }
            for (String applied : log.applied) {
                if (!rows.contains(applied)) {
                    violation("result of " + applied + " was reported applied to " + monitorId + " but has no history row (lost write)");
                }
            }
        }
    }

    void violation(String description) {
        violationCount.incrementAndGet();
        synchronized (violations) {
            if (violations.size() < VIOLATIONS_KEPT) {
                violations.add(description);
            }
        }
    }

    List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    long violationCount() {
        return violationCount.get();
    }

    long checksCompleted() {
        return checksCompleted.get();
    }

    /** Results applied of operations begun before the window's end, whenever they landed. */
    long checksCompletedBegunInWindow() {
        return checksCompletedBegunInWindow.get();
    }

    long checksDiscarded() {
        return checksDiscarded.get();
    }

    long storeFailures() {
        return storeFailures.get();
    }

    long databaseLocked() {
        return databaseLocked.get();
    }

    private MonitorLog log(String monitorId) {
        return logs.computeIfAbsent(monitorId, id -> new MonitorLog());
    }
}
