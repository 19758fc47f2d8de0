package dev.vigil.engine.store;

import java.util.Collections;

/**
 * The SQL text of every statement the repository runs, built once from its {@link TableNames}:
 * no statement names a table any other way. Plain strings, so that a session's statement cache
 * (keyed by the text) keeps working.
 */
final class Statements {
    private static final String MONITOR_COLUMNS = "id, " + SettingsColumns.LIST
            + ", monitoring, status, last_checked_at, response_time_ms, active_operations";
    private static final String HISTORY_COLUMNS = "operation_id, at_ms, status, response_time_ms, details";

    final String insertMonitor;
    final String updateSettingsAndOperations;
    final String deleteHistory;
    final String deleteMonitor;
    final String lockMonitor;
    final String setMonitoring;
    final String setOperations;
    final String setOperationsIfUnchanged;
    final String selectOperationsForUpdate;
    final String selectMonitoringAndOperationsForUpdate;
    final String applyToMonitor;
    final String insertHistory;
    final String clearAllOperations;
    final String selectMonitor;
    final String selectAllMonitors;
    final String selectHistory;
    final String selectHistoryTail;
    final String selectHistoryPage;
    final String selectHistoryPageBefore;
    final String countHistory;
    final String pruneByCount;
    final String pruneByAge;
    final String selectSchemaVersion;
    final String selectSchemaVersionForUpdate;

    Statements(TableNames names, Dialect dialect) {
        String monitors = names.monitors();
        String history = names.history();
        insertMonitor = "INSERT INTO " + monitors + " (" + MONITOR_COLUMNS + ") VALUES ("
                + String.join(", ", Collections.nCopies(SettingsColumns.NAMES.size() + 6, "?")) + ") ON CONFLICT (id) DO NOTHING";
        updateSettingsAndOperations = "UPDATE " + monitors + " SET " + SettingsColumns.ASSIGNMENTS
                + ", active_operations = ?, change_version = change_version + 1 WHERE id = ?";
        deleteHistory = "DELETE FROM " + history + " WHERE monitor_id = ?";
        deleteMonitor = "DELETE FROM " + monitors + " WHERE id = ?";
        lockMonitor = "SELECT id FROM " + monitors + " WHERE id = ?" + dialect.forUpdate();
        // The change counter tells the monitor's owner, on another node, that a command changed it.
        setMonitoring = "UPDATE " + monitors + " SET monitoring = ?, status = ?, active_operations = ?, change_version = change_version + 1"
                + " WHERE id = ?";
        setOperations = "UPDATE " + monitors + " SET active_operations = ? WHERE id = ?";
        setOperationsIfUnchanged = "UPDATE " + monitors + " SET active_operations = ? WHERE id = ? AND active_operations = ?";
        selectOperationsForUpdate = "SELECT active_operations FROM " + monitors + " WHERE id = ?" + dialect.forUpdate();
        selectMonitoringAndOperationsForUpdate = "SELECT monitoring, active_operations FROM " + monitors
                + " WHERE id = ?" + dialect.forUpdate();
        // The paused case keeps its status (SPEC R8); the WHERE repeats what the CAS read, so the
        // write cannot land on a row that changed even if the lock were somehow not held.
        applyToMonitor = "UPDATE " + monitors + " SET"
                + " status = CASE WHEN monitoring THEN ? ELSE status END, last_checked_at = ?, response_time_ms = ?,"
                + " active_operations = ? WHERE id = ? AND monitoring = ? AND active_operations = ?";
        insertHistory = "INSERT INTO " + history
                + " (monitor_id, operation_id, at_ms, status, response_time_ms, details) VALUES (?, ?, ?, ?, ?, ?)";
        clearAllOperations = "UPDATE " + monitors + " SET active_operations = ? WHERE active_operations <> ?";
        selectMonitor = "SELECT " + MONITOR_COLUMNS + " FROM " + monitors + " WHERE id = ?";
        selectAllMonitors = "SELECT " + MONITOR_COLUMNS + " FROM " + monitors + " ORDER BY id";
        selectHistory = "SELECT " + HISTORY_COLUMNS + " FROM " + history + " WHERE monitor_id = ? ORDER BY seq";
        selectHistoryTail = "SELECT " + HISTORY_COLUMNS + " FROM " + history + " WHERE monitor_id = ? ORDER BY seq DESC LIMIT ?";
        selectHistoryPage = "SELECT " + HISTORY_COLUMNS + ", seq FROM " + history
                + " WHERE monitor_id = ? ORDER BY seq DESC LIMIT ?";
        selectHistoryPageBefore = "SELECT " + HISTORY_COLUMNS + ", seq FROM " + history
                + " WHERE monitor_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?";
        countHistory = "SELECT COUNT(*) FROM " + history + " WHERE monitor_id = ?";
        // Both prunes delete a prefix of the monitor's history (in append order), at most LIMIT
        // rows: what stays is always the newest part, without holes.
        // By count: everything before the newest N (OFFSET N - 1 finds the oldest record kept).
        pruneByCount = "DELETE FROM " + history + " WHERE seq IN (SELECT seq FROM " + history
                + " WHERE monitor_id = ? AND seq < (SELECT seq FROM " + history
                + " WHERE monitor_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?) ORDER BY seq LIMIT ?)";
        // By age: everything before the oldest record that is not older than the cutoff, or all
        // of it when none is; a wall clock stepped back cannot cut a hole in the history.
        pruneByAge = "DELETE FROM " + history + " WHERE seq IN (SELECT seq FROM " + history
                + " WHERE monitor_id = ? AND seq < COALESCE((SELECT MIN(seq) FROM " + history
                + " WHERE monitor_id = ? AND at_ms >= ?), (SELECT MAX(seq) + 1 FROM " + history
                + " WHERE monitor_id = ?)) ORDER BY seq LIMIT ?)";
        selectSchemaVersion = "SELECT version FROM " + names.schemaVersion() + " WHERE id = 1";
        selectSchemaVersionForUpdate = selectSchemaVersion + dialect.forUpdate();
    }
}
