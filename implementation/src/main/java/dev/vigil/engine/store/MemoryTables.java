package dev.vigil.engine.store;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.HistoryPage;
import dev.vigil.engine.HistoryRetention;
import dev.vigil.engine.InvalidSettingsException;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The tables of an in-memory store, with the same rows and the same transaction semantics as
 * the SQL ones (the statements of {@link Statements} and {@link LeaseTable}): monitors in id
 * order, each monitor's history in append order with a sequence number that is never reused
 * once committed ({@code AUTOINCREMENT}), and the one engine-lease row. One transaction at a
 * time: the caller holds this object's monitor from begin to commit or rollback. Every write
 * inside a transaction pushes its undo, so a rollback restores the tables exactly, whatever
 * failed and where.
 */
final class MemoryTables {
    /** A history row: its sequence number and the record. */
    private record HistoryRow(long seq, CheckRecord record) {}

    private final TreeMap<String, MonitorSnapshot> monitors = new TreeMap<>();
    /** Schema step 4's columns of each monitor row: its lease and change counter. */
    private final Map<String, NodeTable.LeaseColumns> leaseColumns = new HashMap<>();
    /** Schema step 4's node table: node id → heartbeat expiry (database ms). */
    private final TreeMap<String, Long> nodes = new TreeMap<>();
    private final Map<String, ArrayList<HistoryRow>> history = new HashMap<>();
    private final LongSupplier clockMs;
    /** Undo actions of the open transaction, newest first; empty between transactions. */
    private final Deque<Runnable> undo = new ArrayDeque<>();
    private long lastSeq;
    private EngineLeases.Grant lease = new EngineLeases.Grant("", 0, 0);
    private boolean inTransaction;

    /** @param clockMs the database's clock, which engine leases are measured on */
    MemoryTables(LongSupplier clockMs) {
        this.clockMs = clockMs;
    }

    // ---------------------------------------------------------------- transactions

    void begin() {
        if (inTransaction) {
            throw new IllegalStateException("a transaction is already open on the in-memory tables");
        }
        inTransaction = true;
    }

    void commit() {
        requireTransaction();
        undo.clear();
        inTransaction = false;
    }

    /** Undoes every write of the open transaction, newest first. */
    void rollback() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
        inTransaction = false;
    }

    private void requireTransaction() {
        if (!inTransaction) {
            throw new IllegalStateException("no transaction is open on the in-memory tables");
        }
    }

    private void putMonitor(MonitorSnapshot monitor) {
        requireTransaction();
        MonitorSnapshot before = monitors.put(monitor.id(), monitor);
        undo.push(() -> restore(monitor.id(), before));
    }

    private void restore(String monitorId, MonitorSnapshot before) {
        if (before == null) {
            monitors.remove(monitorId);
        } else {
            monitors.put(monitorId, before);
        }
    }

    // ---------------------------------------------------------------- monitors

    /** The insert transaction's work; a duplicate id throws, and the caller rolls back. */
    void insert(String monitorId, MonitorSettings settings) {
        if (monitors.containsKey(monitorId)) {
            throw new InvalidSettingsException("id", monitorId, "unique: a monitor with this id exists");
        }
        putMonitor(new MonitorSnapshot(monitorId, settings, false, MonitorStatus.PAUSED, OptionalLong.empty(), 0, List.of()));
        putLeaseColumns(monitorId, NodeTable.LeaseColumns.FREE);
    }

    boolean updateSettings(String monitorId, MonitorSettings settings, List<String> activeOperations) {
        MonitorSnapshot m = monitors.get(monitorId);
        if (m == null) {
            return false;
        }
        putMonitor(new MonitorSnapshot(m.id(), settings, m.monitoring(), m.status(), m.lastCheckedAtMs(), m.responseTimeMs(),
                activeOperations));
        putLeaseColumns(monitorId, leaseColumns(monitorId).changed());
        return true;
    }

    boolean delete(String monitorId) {
        requireTransaction();
        MonitorSnapshot before = monitors.remove(monitorId);
        if (before == null) {
            return false;
        }
        ArrayList<HistoryRow> rows = history.remove(monitorId);
        NodeTable.LeaseColumns columns = leaseColumns.remove(monitorId);
        undo.push(() -> {
            monitors.put(monitorId, before);
            if (columns != null) {
                leaseColumns.put(monitorId, columns);
            }
            if (rows != null) {
                history.put(monitorId, rows);
            }
        });
        return true;
    }

    boolean setMonitoring(String monitorId, boolean monitoring, MonitorStatus status) {
        MonitorSnapshot m = monitors.get(monitorId);
        if (m == null) {
            return false;
        }
        putMonitor(new MonitorSnapshot(m.id(), m.settings(), monitoring, status, m.lastCheckedAtMs(), m.responseTimeMs(), List.of()));
        putLeaseColumns(monitorId, leaseColumns(monitorId).changed());
        return true;
    }

    boolean setActiveOperations(String monitorId, List<String> operationIds) {
        MonitorSnapshot m = monitors.get(monitorId);
        if (m == null) {
            return false;
        }
        putMonitor(withOperations(m, operationIds));
        return true;
    }

    boolean removeActiveOperation(String monitorId, String operationId) {
        MonitorSnapshot m = monitors.get(monitorId);
        if (m == null || !m.activeOperations().contains(operationId)) {
            return false;
        }
        putMonitor(withOperations(m, without(m.activeOperations(), operationId)));
        return true;
    }

    /** The apply compare-and-set: see {@link MonitorRepository#applyResult}. */
    boolean applyResult(String monitorId, String operationId, boolean manual, CheckRecord record) {
        MonitorSnapshot m = monitors.get(monitorId);
        if (m == null || !m.activeOperations().contains(operationId) || !(m.monitoring() || manual)) {
            return false;
        }
        MonitorStatus status = m.monitoring() ? record.status() : m.status();
        putMonitor(new MonitorSnapshot(m.id(), m.settings(), m.monitoring(), status, OptionalLong.of(record.atMs()),
                record.responseTimeMs(), without(m.activeOperations(), operationId)));
        appendHistory(monitorId, record);
        return true;
    }

    private void appendHistory(String monitorId, CheckRecord record) {
        requireTransaction();
        ArrayList<HistoryRow> rows = history.computeIfAbsent(monitorId, id -> new ArrayList<>());
        long seqBefore = lastSeq;
        rows.add(new HistoryRow(++lastSeq, record));
        // A rolled-back AUTOINCREMENT gives its number back, as SQLite's sqlite_sequence does.
        undo.push(() -> {
            rows.removeLast();
            lastSeq = seqBefore;
        });
    }

    int clearAllActiveOperations() {
        int cleared = 0;
        for (MonitorSnapshot m : List.copyOf(monitors.values())) {
            if (!m.activeOperations().isEmpty()) {
                putMonitor(withOperations(m, List.of()));
                cleared++;
            }
        }
        return cleared;
    }

    Optional<MonitorSnapshot> find(String monitorId) {
        return Optional.ofNullable(monitors.get(monitorId));
    }

    List<MonitorSnapshot> findAll() {
        return List.copyOf(monitors.values());
    }

    private static MonitorSnapshot withOperations(MonitorSnapshot m, List<String> operationIds) {
        return new MonitorSnapshot(m.id(), m.settings(), m.monitoring(), m.status(), m.lastCheckedAtMs(), m.responseTimeMs(),
                operationIds);
    }

    private static List<String> without(List<String> ids, String removed) {
        return ids.stream().filter(id -> !id.equals(removed)).toList();
    }

    // ---------------------------------------------------------------- history

    private List<HistoryRow> rows(String monitorId) {
        List<HistoryRow> rows = history.get(monitorId);
        return rows == null ? List.of() : rows;
    }

    List<CheckRecord> history(String monitorId) {
        return rows(monitorId).stream().map(HistoryRow::record).toList();
    }

    /** The newest {@code count} records, oldest first. */
    List<CheckRecord> historyTail(String monitorId, int count) {
        List<HistoryRow> rows = rows(monitorId);
        return rows.subList(Math.max(0, rows.size() - count), rows.size()).stream().map(HistoryRow::record).toList();
    }

    int historySize(String monitorId) {
        return rows(monitorId).size();
    }

    HistoryPage historyPage(String monitorId, int limit, OptionalLong before) {
        List<HistoryRow> rows = rows(monitorId);
        int end = before.isPresent() ? firstIndexWithSeqAtLeast(rows, before.getAsLong()) : rows.size();
        int start = Math.max(0, end - limit);
        List<CheckRecord> newestFirst = new ArrayList<>(end - start);
        for (int i = end - 1; i >= start; i--) {
            newestFirst.add(rows.get(i).record());
        }
        return new HistoryPage(newestFirst, start > 0 ? OptionalLong.of(rows.get(start).seq()) : OptionalLong.empty());
    }

    /** Rows are in ascending seq order: a binary search. */
    private static int firstIndexWithSeqAtLeast(List<HistoryRow> rows, long seq) {
        int low = 0;
        int high = rows.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (rows.get(middle).seq() < seq) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /**
     * One prune batch, as the two SQL statements do it: by age, everything before the oldest
     * record not older than the cutoff (all of it when none is); then by count, everything
     * before the newest {@code recordsMaxPerMonitor}; at most {@code batchRowsMax} rows, always a
     * prefix of the history.
     */
    int pruneBatch(String monitorId, HistoryRetention retention, long nowMs, int batchRowsMax) {
        int rows = 0;
        if (retention.ageMsMax() > 0) {
            List<HistoryRow> all = rows(monitorId);
            long cutoffMs = nowMs - retention.ageMsMax();
            int older = 0;
            while (older < all.size() && all.get(older).record().atMs() < cutoffMs) {
                older++;
            }
            rows += deletePrefix(monitorId, Math.min(older, batchRowsMax));
        }
        if (retention.recordsMaxPerMonitor() > 0 && rows < batchRowsMax) {
            int beyond = historySize(monitorId) - retention.recordsMaxPerMonitor();
            if (beyond > 0) {
                rows += deletePrefix(monitorId, Math.min(beyond, batchRowsMax - rows));
            }
        }
        return rows;
    }

    private int deletePrefix(String monitorId, int count) {
        requireTransaction();
        if (count == 0) {
            return 0;
        }
        ArrayList<HistoryRow> rows = history.get(monitorId);
        List<HistoryRow> removed = new ArrayList<>(rows.subList(0, count));
        rows.subList(0, count).clear();
        undo.push(() -> rows.addAll(0, removed));
        return count;
    }

    // ---------------------------------------------------------------- lease

    /** The lease row and the database's time, as {@link LeaseTable#selectForUpdate} reads them. */
    EngineLeases.Grant lease() {
        return lease;
    }

    long nowMs() {
        return clockMs.getAsLong();
    }

    void writeLease(EngineLeases.Grant grant) {
        requireTransaction();
        EngineLeases.Grant before = lease;
        lease = grant;
        undo.push(() -> lease = before);
    }

    // ---------------------------------------------------------------- nodes (schema step 4)

    /** A monitor's lease columns; a monitor inserted before they existed has them free. */
    NodeTable.LeaseColumns leaseColumns(String monitorId) {
        return leaseColumns.getOrDefault(monitorId, NodeTable.LeaseColumns.FREE);
    }

    void putLeaseColumns(String monitorId, NodeTable.LeaseColumns columns) {
        requireTransaction();
        NodeTable.LeaseColumns before = leaseColumns.put(monitorId, columns);
        undo.push(() -> {
            if (before == null) {
                leaseColumns.remove(monitorId);
            } else {
                leaseColumns.put(monitorId, before);
            }
        });
    }

    /** Whether {@code fence} holds the monitor's lease at database time {@code nowMs}: the fencing WHERE clause. */
    boolean fenceHolds(String monitorId, Fence fence, long nowMs) {
        return monitors.containsKey(monitorId) && leaseColumns(monitorId).heldBy(fence, nowMs);
    }

    /** The node table, node id → heartbeat expiry. */
    java.util.SortedMap<String, Long> nodes() {
        return java.util.Collections.unmodifiableSortedMap(nodes);
    }

    void putNode(String nodeId, Long expiresAtMs) {
        requireTransaction();
        Long before = expiresAtMs == null ? nodes.remove(nodeId) : nodes.put(nodeId, expiresAtMs);
        undo.push(() -> {
            if (before == null) {
                nodes.remove(nodeId);
            } else {
                nodes.put(nodeId, before);
            }
        });
    }
}
