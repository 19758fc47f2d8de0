package dev.vigil.engine.monitor;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.EngineClosedException;
import dev.vigil.engine.HistoryPage;
import dev.vigil.engine.HistoryRetention;
import dev.vigil.engine.InvalidSettingsException;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.StoreTransaction;
import dev.vigil.engine.UnknownMonitorException;
import dev.vigil.engine.check.CheckWaiters;
import dev.vigil.engine.check.MonitorChecker;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.outbox.EventPublisher;
import dev.vigil.engine.lane.MonitorLanes;
import dev.vigil.engine.operation.RetryPolicy;
import dev.vigil.engine.spi.EngineRuntime;
import dev.vigil.engine.spi.TimerHandle;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.status.MonitorTable;
import dev.vigil.engine.status.SnapshotChanges;
import dev.vigil.engine.store.MonitorRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The monitor lifecycle (SPEC R1–R4, R8–R13): commands, interval ticks and recovery on open.
 * Every command is all or nothing: its transaction commits first, then the in-memory view,
 * timers and operations change; a failed transaction changes nothing and is thrown to the caller
 * after a {@code StoreFailed} event (R12). Each monitor's commands run in its lane.
 */
public final class MonitorManager {
    private static final System.Logger LOG = System.getLogger(MonitorManager.class.getName());
    /** Rows one prune transaction deletes at most: short enough not to hold results back for long. */
    static final int PRUNE_BATCH_ROWS_MAX = 500;
    private static final Pattern MONITOR_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final EngineRuntime runtime;
    private final MonitorRepository repository;
    private final MonitorTable monitors;
    private final EventPublisher events;
    private final MonitorLanes lanes;
    private final MonitorChecker checker;
    private final CheckWaiters waiters;
    private final long intervalMsMin;
    private final boolean timeoutOverIntervalAllowed;
    private final MonitorOwnership ownership;
    private final ForwardedChecks forwarded = new ForwardedChecks();
    private final ConcurrentHashMap<String, Tick> ticks = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** The pending interval timer of a monitor; {@code generation} tells a stale firing from the current one. */
    private record Tick(TimerHandle handle, long generation) {}

    private long tickGeneration;

    /**
     * A manager with no monitor loaded; {@link #open} loads them.
     *
     * @param runtime                    the clock and timers the interval ticks run on
     * @param repository                 the store every command writes
     * @param monitors                   the in-memory view, written after each commit
     * @param events                     where the commands' events are published
     * @param lanes                      the per-monitor serialization every command runs in
     * @param checker                    runs the checks the commands and ticks request
     * @param waiters                    the checkNow callers waiting for a check, shared with the checker
     * @param intervalMsMin              the lowest {@code intervalMs} that add and update accept,
     *                                   {@value MonitorSettings#INTERVAL_MS_FLOOR} … 30 days
     * @param timeoutOverIntervalAllowed whether a {@code timeoutMs} above {@code intervalMs} is
     *                                   accepted
     * @throws IllegalArgumentException if {@code intervalMsMin} is out of range
     */
    public MonitorManager(EngineRuntime runtime, MonitorRepository repository, MonitorTable monitors, EventPublisher events,
            MonitorLanes lanes, MonitorChecker checker, CheckWaiters waiters, long intervalMsMin, boolean timeoutOverIntervalAllowed) {
        this(runtime, repository, monitors, events, lanes, checker, waiters, intervalMsMin, timeoutOverIntervalAllowed, MonitorOwnership.SOLE);
    }

    /**
     * A manager that ticks and probes only the monitors {@code ownership} gives it: a node of a
     * multi-node engine. The other parameters are those of the single-node constructor.
     *
     * @param runtime                    the clock and timers the interval ticks run on
     * @param repository                 the store every command writes
     * @param monitors                   the in-memory view, written after each commit
     * @param events                     where the commands' events are published
     * @param lanes                      the per-monitor serialization every command runs in
     * @param checker                    runs the checks the commands and ticks request
     * @param waiters                    the checkNow callers waiting for a check
     * @param intervalMsMin              the lowest {@code intervalMs} that add and update accept
     * @param timeoutOverIntervalAllowed whether a {@code timeoutMs} above {@code intervalMs} is accepted
     * @param ownership                  which monitors this engine ticks and probes
     * @throws IllegalArgumentException if {@code intervalMsMin} is out of range
     */
    public MonitorManager(EngineRuntime runtime, MonitorRepository repository, MonitorTable monitors, EventPublisher events,
            MonitorLanes lanes, MonitorChecker checker, CheckWaiters waiters, long intervalMsMin, boolean timeoutOverIntervalAllowed,
            MonitorOwnership ownership) {
        this.ownership = Objects.requireNonNull(ownership, "ownership");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.monitors = Objects.requireNonNull(monitors, "monitors");
        this.events = Objects.requireNonNull(events, "events");
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        this.checker = Objects.requireNonNull(checker, "checker");
        this.waiters = Objects.requireNonNull(waiters, "waiters");
        if (intervalMsMin < MonitorSettings.INTERVAL_MS_FLOOR || intervalMsMin > MonitorSettings.INTERVAL_MS_MAX) {
            throw new IllegalArgumentException("intervalMsMin = " + intervalMsMin + " must be within "
                    + MonitorSettings.INTERVAL_MS_FLOOR + " … " + MonitorSettings.INTERVAL_MS_MAX);
        }
        this.intervalMsMin = intervalMsMin;
        this.timeoutOverIntervalAllowed = timeoutOverIntervalAllowed;
    }

    /**
     * SPEC R13: loads every monitor, clears all persisted operations in one transaction, resumes
     * the monitoring ones (status kept, a check at once), leaves paused ones paused.
     *
     * @throws StoreException if loading or clearing fails; nothing changed
     */
    public void open() {
        List<MonitorSnapshot> loaded = repository.findAll();
        if (ownership.shared()) {
            // Other nodes' operations are theirs; each monitor's own holder clears its list when it claims it.
            monitors.clear();
            loaded.forEach(monitors::put);
            LOG.log(System.Logger.Level.INFO, "opened as a node with " + monitors.size() + " monitors");
            return;
        }
        try {
            repository.clearAllActiveOperations();
        } catch (StoreException failure) {
            events.publish(new EngineEvent.StoreFailed("", StoreTransaction.RECOVER, failure.getMessage()));
            throw new StoreException("could not open the engine: clearing stale operations failed; nothing was changed", failure);
        }
        monitors.clear();
        loaded.forEach(monitor -> monitors.put(SnapshotChanges.operations(monitor, List.of())));
        for (String monitorId : monitors.idsAscending()) {
            lanes.run(monitorId, () -> monitors.get(monitorId).filter(MonitorSnapshot::monitoring).ifPresent(monitor -> {
                scheduleTick(monitorId, monitor.settings().intervalMs());
                checker.requestCheck(monitorId, false);
            }));
        }
        LOG.log(System.Logger.Level.INFO, "opened with " + monitors.size() + " monitors");
    }

    /**
     * The monitor's check history in commit order; throws {@link UnknownMonitorException} like every command.
     *
     * @param monitorId the monitor
     * @return its records, oldest first; empty if it was never checked
     * @throws StoreException if the read failed
     */
    public List<CheckRecord> history(String monitorId) {
        Objects.requireNonNull(monitorId, "monitorId");
        if (!monitors.contains(monitorId)) {
            throw new UnknownMonitorException(monitorId);
        }
        return repository.history(monitorId);
    }

    /**
     * A page of the monitor's history, newest first; throws {@link UnknownMonitorException}
     * like every command.
     *
     * @param monitorId the monitor
     * @param limit     1 … {@value HistoryPage#LIMIT_MAX} records
     * @param before    the cursor of an earlier page's {@code nextCursor}, or empty for the newest page
     * @return the page
     * @throws StoreException if the read failed
     */
    public HistoryPage historyPage(String monitorId, int limit, OptionalLong before) {
        Objects.requireNonNull(monitorId, "monitorId");
        requireOpen();
        if (!monitors.contains(monitorId)) {
            throw new UnknownMonitorException(monitorId);
        }
        return repository.historyPage(monitorId, limit, before);
    }

    /**
     * Deletes, monitor by monitor in ascending id order, the history beyond {@code retention},
     * in transactions of at most {@value #PRUNE_BATCH_ROWS_MAX} rows. A failed batch is
     * reported like any failed transaction (R12) and ends the pruning.
     *
     * @param retention what to keep
     * @return how many records were deleted
     * @throws StoreException if a batch failed; the batches before it stay committed
     */
    public long pruneHistory(HistoryRetention retention) {
        Objects.requireNonNull(retention, "retention");
        requireOpen();
        long nowMs = runtime.clock().wallTimeMs();
        long deleted = 0;
        for (String monitorId : monitors.idsAscending()) {
            long[] rows = new long[1];
            transaction(monitorId, StoreTransaction.PRUNE_HISTORY,
                    () -> rows[0] = repository.pruneHistory(monitorId, retention, nowMs, PRUNE_BATCH_ROWS_MAX));
            deleted += rows[0];
        }
        LOG.log(System.Logger.Level.INFO, "pruned " + deleted + " history records (" + retention + ")");
        return deleted;
    }

    /**
     * SPEC R1: stores a new paused monitor.
     *
     * @param monitorId the new id: 1 … 64 letters, digits, '.', '_' or '-', starting with a letter
     *                  or digit, not taken
     * @param settings  its settings, within this engine's interval bound and, unless allowed, with
     *                  a timeout no longer than the interval
     * @return the monitor as stored: not monitoring, {@code PAUSED}, no history, no operations
     * @throws InvalidSettingsException if the id or the settings are rejected; nothing is stored
     * @throws StoreException           if the insert failed (reported); nothing is stored
     */
    public MonitorSnapshot add(String monitorId, MonitorSettings settings) {
        requireOpen();
        requireValidId(monitorId);
        requireSettings(settings);
        return inLane(monitorId, () -> {
            if (monitors.contains(monitorId)) {
                throw new InvalidSettingsException("id", "'" + monitorId + "'", "unique: a monitor with this id exists");
            }
            transaction(monitorId, StoreTransaction.INSERT, () -> repository.insert(monitorId, settings));
            MonitorSnapshot added = new MonitorSnapshot(monitorId, settings, false, MonitorStatus.PAUSED,
                    java.util.OptionalLong.empty(), 0, List.of());
            monitors.put(added);
            return added;
        });
    }

    /**
     * SPEC R9: stores new settings; a monitoring monitor restarts its ticks and checks at once.
     * The same transaction drops any stale operation id the monitor lists (SPEC I4).
     *
     * @param monitorId the monitor
     * @param settings  its new settings, held to the rules of {@link #add}
     * @return the monitor as committed; monitoring and status unchanged
     * @throws UnknownMonitorException  if there is no such monitor
     * @throws InvalidSettingsException if the settings are rejected; nothing changed
     * @throws StoreException           if the update failed (reported); nothing changed
     */
    public MonitorSnapshot update(String monitorId, MonitorSettings settings) {
        requireOpen();
        requireSettings(settings);
        return inLane(monitorId, () -> {
            MonitorSnapshot before = require(monitorId);
            // Every committed write leaves no stale id behind (SPEC I4, docs/SEMANTICS.md).
            List<String> live = before.activeOperations().stream().filter(checker::isLive).toList();
            transaction(monitorId, StoreTransaction.UPDATE_SETTINGS, () -> repository.updateSettings(monitorId, settings, live));
            MonitorSnapshot after = SnapshotChanges.updated(before, settings, live);
            monitors.put(after);
            if (after.monitoring() && ownership.owns(monitorId)) {
                checker.cancelOperations(monitorId);
                scheduleTick(monitorId, settings.intervalMs());
                checker.requestCheck(monitorId, false);
            }
            ownership.committed(monitorId);
            return after;
        });
    }

    /**
     * SPEC R10: deletes the monitor and its history; late results for it are discarded.
     *
     * @param monitorId the monitor
     * @throws UnknownMonitorException if there is no such monitor
     * @throws StoreException          if the delete failed (reported); nothing changed
     */
    public void remove(String monitorId) {
        CheckWaiters.Detached orphaned = inLane(monitorId, () -> {
            require(monitorId);
            transaction(monitorId, StoreTransaction.DELETE, () -> repository.delete(monitorId));
            monitors.remove(monitorId);
            cancelTick(monitorId);
            checker.forgetMonitor(monitorId);
            ownership.committed(monitorId);
            return waiters.detach(monitorId);
        });
        orphaned.failWith(() -> new UnknownMonitorException(monitorId));
        forwarded.detach(monitorId).failWith(() -> new UnknownMonitorException(monitorId));
    }

    /**
     * SPEC R2; returns whether monitoring started (false: it was already monitoring).
     *
     * @param monitorId the monitor
     * @return {@code true} if it is now monitoring, {@code PENDING} and a check was requested;
     *         {@code false} if it already was, and nothing happened
     * @throws UnknownMonitorException if there is no such monitor
     * @throws StoreException          if the start failed (reported); nothing changed
     */
    public boolean start(String monitorId) {
        return inLane(monitorId, () -> {
            MonitorSnapshot before = require(monitorId);
            if (before.monitoring()) {
                return false;
            }
            transaction(monitorId, StoreTransaction.START, () -> repository.setMonitoring(monitorId, true, MonitorStatus.PENDING));
            monitors.put(SnapshotChanges.monitoring(before, true, MonitorStatus.PENDING));
            checker.cancelOperations(monitorId);
            events.publish(new EngineEvent.MonitoringStarted(monitorId));
            events.publish(new EngineEvent.StatusChanged(monitorId, before.status(), MonitorStatus.PENDING));
            if (ownership.owns(monitorId)) {
                scheduleTick(monitorId, before.settings().intervalMs());
                checker.requestCheck(monitorId, false);
            }
            ownership.committed(monitorId);
            return true;
        });
    }

    /**
     * SPEC R3; returns whether monitoring stopped (false: it was not monitoring).
     *
     * @param monitorId the monitor
     * @return {@code true} if it is now paused with no tick, no live operation and no waiting
     *         request; {@code false} if it was not monitoring, and nothing happened
     * @throws UnknownMonitorException if there is no such monitor
     * @throws StoreException          if the stop failed (reported); nothing changed
     */
    public boolean stop(String monitorId) {
        return inLane(monitorId, () -> {
            MonitorSnapshot before = require(monitorId);
            if (!before.monitoring()) {
                return false;
            }
            transaction(monitorId, StoreTransaction.STOP, () -> repository.setMonitoring(monitorId, false, MonitorStatus.PAUSED));
            monitors.put(SnapshotChanges.monitoring(before, false, MonitorStatus.PAUSED));
            cancelTick(monitorId);
            checker.cancelOperations(monitorId);
            checker.dropWaitingRequest(monitorId);
            events.publish(new EngineEvent.MonitoringStopped(monitorId));
            events.publish(new EngineEvent.StatusChanged(monitorId, before.status(), MonitorStatus.PAUSED));
            waiters.requestDropped(monitorId, "monitoring stopped before the check began");
            ownership.committed(monitorId);
            return true;
        });
    }

    /**
     * SPEC R8: cancels the live operation and requests a manual check, monitoring or not.
     *
     * @param monitorId the monitor
     * @return the fate of the first check of the monitor that begins after this request
     * @throws UnknownMonitorException if there is no such monitor
     */
    public CompletionStage<CheckRecord> checkNow(String monitorId) {
        return inLane(monitorId, () -> {
            MonitorSnapshot monitor = require(monitorId);
            if (!ownership.owns(monitorId)) {
                // Another node checks it (SPEC §6, N6): the request goes to the owner through the store.
                transaction(monitorId, StoreTransaction.REQUEST_CHECK, () -> repository.requestCheck(monitorId));
                CompletionStage<CheckRecord> result = forwarded.await(monitorId, monitor.lastCheckedAtMs(), runtime.clock().monotonicMs());
                ownership.committed(monitorId);
                return result;
            }
            checker.cancelOperations(monitorId);
            CompletionStage<CheckRecord> result = waiters.await(monitorId);
            checker.requestCheck(monitorId, true);
            return result;
        });
    }

    /**
     * SPEC R11: {@link #start} for every monitor in ascending id order; returns how many started.
     *
     * @return how many were paused and started
     * @throws StoreException if a start failed; the loop ends there and the monitors before it
     *                        stay started
     */
    public int startAll() {
        requireOpen();
        int started = 0;
        for (String monitorId : monitors.idsAscending()) {
            if (monitors.contains(monitorId) && start(monitorId)) {
                started++;
            }
        }
        return started;
    }

    /**
     * SPEC R11: {@link #stop} for every monitor in ascending id order; returns how many stopped.
     *
     * @return how many were monitoring and stopped
     * @throws StoreException if a stop failed; the loop ends there and the monitors before it
     *                        stay stopped
     */
    public int stopAll() {
        requireOpen();
        int stopped = 0;
        for (String monitorId : monitors.idsAscending()) {
            if (monitors.contains(monitorId) && stop(monitorId)) {
                stopped++;
            }
        }
        return stopped;
    }

    /** Stops every tick and check; the store keeps what was committed. */
    public void close() {
        closed = true;
        for (String monitorId : List.copyOf(ticks.keySet())) {
            lanes.run(monitorId, () -> cancelTick(monitorId));
        }
        checker.shutdown();
        waiters.detachAll().failWith(EngineClosedException::new);
        forwarded.detachAll().failWith(EngineClosedException::new);
    }

    // ---------------------------------------------------------------- a node of a multi-node engine

    /**
     * This node now holds the monitor's lease (SPEC §6, N7): its row is read again, any operation
     * of an earlier holding of this node is dropped, and a monitoring monitor is ticked and checked
     * at once, as recovery would (R13).
     *
     * @param monitorId the monitor claimed
     */
    public void adopt(String monitorId) {
        lanes.run(monitorId, () -> {
            if (closed) {
                return;
            }
            Optional<MonitorSnapshot> stored = reload(monitorId);
            checker.forgetMonitor(monitorId);
            cancelTick(monitorId);
            if (stored.isPresent() && stored.get().monitoring() && ownership.owns(monitorId)) {
                scheduleTick(monitorId, stored.get().settings().intervalMs());
                checker.requestCheck(monitorId, false);
            }
        });
    }

    /**
     * This node no longer holds the monitor's lease (SPEC §6, N4): its tick and every operation
     * stop at once, writing nothing; a late probe return is discarded (R15). The callers waiting
     * for its check are told it was discarded.
     *
     * @param monitorId the monitor lost
     * @param removed   whether it was lost because another node removed it: then its callers fail
     *                  as for an unknown monitor, as a remove on this node would fail them
     */
    public void relinquish(String monitorId, boolean removed) {
        CheckWaiters.Detached orphaned = lanes.call(monitorId, () -> {
            cancelTick(monitorId);
            checker.forgetMonitor(monitorId);
            return waiters.detach(monitorId);
        });
        orphaned.failWith(removed ? () -> new UnknownMonitorException(monitorId)
                : () -> new dev.vigil.engine.CheckDiscardedException("this node lost the monitor's lease to another node"));
    }

    /**
     * Another node changed the monitor, or a result landed on it (SPEC §6, N6): its row is read
     * again and this node acts as the command's own node would have, without publishing the
     * command's events again (they were published where it committed). A stop cancels the tick
     * and every operation; a start or new settings on a monitor this node holds restart its ticks
     * and check at once; a removal forgets it.
     *
     * @param monitorId the monitor
     */
    public void refresh(String monitorId) {
        failOrphaned(monitorId, lanes.call(monitorId, () -> reconcile(monitorId)));
    }

    /**
     * With the monitor's lane held: reads its row again and acts on what other nodes changed
     * since this node last read it, as {@link #refresh} describes.
     *
     * @return the callers waiting for a check of a monitor another node removed, to be failed
     *         once the lane is released; {@code null} if there are none
     */
    private CheckWaiters.Detached reconcile(String monitorId) {
        if (closed) {
            return null;
        }
        Optional<MonitorSnapshot> before = monitors.get(monitorId);
        Optional<MonitorSnapshot> after = reload(monitorId);
        if (after.isEmpty()) {
            cancelTick(monitorId);
            checker.forgetMonitor(monitorId);
            return before.isPresent() ? waiters.detach(monitorId) : null;
        }
        MonitorSnapshot now = after.get();
        boolean owned = ownership.owns(monitorId);
        boolean wasMonitoring = before.map(MonitorSnapshot::monitoring).orElse(false);
        if (!now.monitoring() && wasMonitoring) {
            cancelTick(monitorId);
            checker.cancelOperations(monitorId);
            checker.dropWaitingRequest(monitorId);
            waiters.requestDropped(monitorId, "monitoring stopped before the check began");
        } else if (now.monitoring() && owned
                && (!wasMonitoring || !before.get().settings().equals(now.settings()) || !hasTick(monitorId))) {
            checker.cancelOperations(monitorId);
            scheduleTick(monitorId, now.settings().intervalMs());
            checker.requestCheck(monitorId, false);
        }
        return null;
    }

    /**
     * The monitor's row is paused now, and commands other than check requests changed it since
     * this node last read it (SPEC §6, N6): a stop may be among them, after a start this node never
     * saw. A stop cancels every live operation and drops the waiting request (R3), and this node
     * cannot tell that none came, so it does so: its checks of the monitor are cancelled, its
     * waiting request is dropped, and the callers of that request fail as discarded.
     *
     * @param monitorId the monitor
     */
    public void pausedAndChangedElsewhere(String monitorId) {
        lanes.run(monitorId, () -> {
            Optional<MonitorSnapshot> monitor = monitors.get(monitorId);
            if (closed || monitor.isEmpty() || monitor.get().monitoring()) {
                return;
            }
            checker.cancelOperations(monitorId);
            checker.dropWaitingRequest(monitorId);
            waiters.requestDropped(monitorId, "monitoring may have been started and stopped on another node before the check began");
        });
    }

    private void failOrphaned(String monitorId, CheckWaiters.Detached orphaned) {
        if (orphaned != null) {
            orphaned.failWith(() -> new UnknownMonitorException(monitorId));
            forwarded.detach(monitorId).failWith(() -> new UnknownMonitorException(monitorId));
        }
    }

    /**
     * Another node asked for a check of a monitor this node holds (SPEC §6, N6): R8, as if
     * checkNow had been called here, with nobody here waiting for it.
     *
     * @param monitorId the monitor
     */
    public void checkRequested(String monitorId) {
        lanes.run(monitorId, () -> {
            if (!closed && monitors.contains(monitorId) && ownership.owns(monitorId)) {
                checker.cancelOperations(monitorId);
                checker.requestCheck(monitorId, true);
            }
        });
    }

    /**
     * A result was applied to the monitor by whichever node holds it: the callers of a checkNow
     * forwarded from here get that check's record.
     *
     * @param monitorId       the monitor
     * @param lastCheckedAtMs when its last result was applied, as the store says now
     */
    public void resultSeen(String monitorId, OptionalLong lastCheckedAtMs) {
        if (!forwarded.waiting(monitorId, lastCheckedAtMs)) {
            return;
        }
        List<CheckRecord> newest = repository.historyTail(monitorId, 1);
        if (!newest.isEmpty()) {
            forwarded.complete(monitorId, newest.getFirst());
        }
    }

    /**
     * The callers of a checkNow forwarded from here who waited longer than an owner needs to
     * learn of a request and check ({@code learnMs}, then the monitor's whole check, R7) ask again:
     * the owner that counted their request may have lost its lease before its check was applied,
     * and the next owner sees no new request. If this node owns the monitor now, its next renewal
     * sees the request as any other.
     *
     * @param learnMs how long an owner may take to see a request: a renewal period and a takeover
     */
    public void askAgainIfOverdue(long learnMs) {
        for (String monitorId : forwarded.monitorIds()) {
            lanes.run(monitorId, () -> {
                Optional<MonitorSnapshot> monitor = monitors.get(monitorId);
                long nowMs = runtime.clock().monotonicMs();
                if (closed || monitor.isEmpty()
                        || !forwarded.overdue(monitorId, nowMs - learnMs - RetryPolicy.deadlineDelayMs(monitor.get().settings()))) {
                    return;
                }
                try {
                    transaction(monitorId, StoreTransaction.REQUEST_CHECK, () -> repository.requestCheck(monitorId));
                } catch (StoreException reported) {
                    return; // reported as StoreFailed; the next renewal asks again
                }
                forwarded.askedAgain(monitorId, nowMs);
                ownership.committed(monitorId);
            });
        }
    }

    /**
     * The monitors of this engine's view, for a node to compare with the store's.
     *
     * @return their ids, ascending
     */
    public List<String> monitorIds() {
        return monitors.idsAscending();
    }

    /** Reads the monitor's row into the view (or drops it from the view if it is gone). */
    private Optional<MonitorSnapshot> reload(String monitorId) {
        Optional<MonitorSnapshot> stored = repository.find(monitorId);
        if (stored.isPresent()) {
            monitors.put(stored.get());
        } else {
            monitors.remove(monitorId);
        }
        return stored;
    }

    /**
     * Whether the monitor has an interval timer pending.
     *
     * @param monitorId the monitor
     * @return {@code true} while it is monitoring and the manager is open
     */
    public boolean hasTick(String monitorId) {
        return ticks.containsKey(monitorId);
    }

    private void scheduleTick(String monitorId, long delayMs) {
        cancelTick(monitorId);
        if (closed) {
            return;
        }
        long generation;
        synchronized (this) {
            generation = ++tickGeneration;
        }
        long dueAt = runtime.clock().monotonicMs() + delayMs;
        TimerHandle handle = runtime.timers().schedule(TimerKind.TICK, monitorId, null, delayMs,
                () -> lanes.run(monitorId, () -> onTick(monitorId, generation, dueAt)));
        ticks.put(monitorId, new Tick(handle, generation));
    }

    private void onTick(String monitorId, long generation, long dueAt) {
        Tick current = ticks.get(monitorId);
        if (closed || current == null || current.generation() != generation) {
            return; // cancelled after it fired, or superseded
        }
        ticks.remove(monitorId);
        MonitorSnapshot monitor = monitors.get(monitorId).orElse(null);
        if (monitor == null || !monitor.monitoring()) {
            return;
        }
        // Fixed rate: the next tick is due one interval after this one was due, not after it ran.
        long nextDueAt = dueAt + monitor.settings().intervalMs();
        scheduleTick(monitorId, Math.max(0, nextDueAt - runtime.clock().monotonicMs()));
        checker.requestCheck(monitorId, false);
    }

    private void cancelTick(String monitorId) {
        Tick tick = ticks.remove(monitorId);
        if (tick != null) {
            tick.handle().cancel();
        }
    }

    private MonitorSnapshot require(String monitorId) {
        return monitors.get(monitorId).orElseThrow(() -> new UnknownMonitorException(monitorId));
    }

    private <T> T inLane(String monitorId, Supplier<T> command) {
        Objects.requireNonNull(monitorId, "monitorId");
        requireOpen();
        if (!ownership.shared()) {
            return lanes.call(monitorId, command);
        }
        // Other nodes change the store. The command starts from the row as committed, and first
        // acts on what they changed since this node's last poll, as that poll would have: a
        // command that read the row without it would make their change look like this node's
        // own, and its effects (a stop cancelling the operation) would never run here.
        List<CheckWaiters.Detached> orphaned = new ArrayList<>(1);
        try {
            return lanes.call(monitorId, () -> {
                if (ownership.commandsCatchUp()) {
                    orphaned.add(reconcile(monitorId));
                } else {
                    reload(monitorId);
                }
                return command.get();
            });
        } finally {
            orphaned.forEach(detached -> failOrphaned(monitorId, detached));
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new EngineClosedException();
        }
    }

    /** Runs one store transaction of a command; a failure is reported and thrown, nothing changes (R12). */
    private void transaction(String monitorId, StoreTransaction transaction, Runnable write) {
        try {
            write.run();
        } catch (StoreException failure) {
            // No stack trace: the caller gets the exception, with its cause, and decides.
            LOG.log(System.Logger.Level.WARNING, transaction.label() + " of monitor " + monitorId + " failed: " + failure.getMessage());
            events.publish(new EngineEvent.StoreFailed(monitorId, transaction, failure.getMessage()));
            throw failure;
        }
    }

    private void requireSettings(MonitorSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (settings.intervalMs() < intervalMsMin) {
            throw new InvalidSettingsException("intervalMs", settings.intervalMs(),
                    "allowed " + intervalMsMin + " … " + MonitorSettings.INTERVAL_MS_MAX);
        }
        // An attempt that may outlast the interval makes every slow check skip ticks (SPEC R4):
        // almost always a mistake in production, so it takes an explicit builder switch.
        if (!timeoutOverIntervalAllowed && settings.timeoutMs() > settings.intervalMs()) {
            throw new InvalidSettingsException("timeoutMs", settings.timeoutMs(),
                    "allowed " + MonitorSettings.TIMEOUT_MS_MIN + " … intervalMs (" + settings.intervalMs()
                            + "): an attempt may not take longer than the interval between checks");
        }
    }

    private static void requireValidId(String monitorId) {
        if (monitorId == null || !MONITOR_ID.matcher(monitorId).matches()) {
            throw new InvalidSettingsException("id", monitorId == null ? null : "'" + monitorId + "'",
                    "1 … 64 characters: letters, digits, '.', '_', '-', starting with a letter or digit");
        }
    }
}
