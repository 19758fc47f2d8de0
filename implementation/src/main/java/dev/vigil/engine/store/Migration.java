package dev.vigil.engine.store;

import java.util.List;
import java.util.Objects;

/**
 * One forward schema step: the statements that take the schema from {@code version - 1} to
 * {@code version}, applied in one transaction together with the version bump, so a crash
 * leaves the schema at one version or the next, never between.
 *
 * @param version     the schema version after this step, 1 for the first
 * @param description what the step does, for the log
 * @param statements  DDL/DML run in order
 */
record Migration(int version, String description, List<String> statements) {
    Migration {
        Objects.requireNonNull(description, "description");
        statements = List.copyOf(statements);
        if (version < 1) {
            throw new IllegalArgumentException("migration version = " + version + " must be >= 1");
        }
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("migration " + version + " has no statements");
        }
    }

    /**
     * The schema steps this code knows, in order. Append new steps here; never edit a released
     * one, because databases that already applied it will not apply it again.
     */
    static List<Migration> standard(Dialect dialect) {
        return standard(dialect, TableNames.DEFAULT);
    }

    /** {@link #standard(Dialect)} on the tables {@code names} names. */
    static List<Migration> standard(Dialect dialect, TableNames names) {
        return List.of(
                new Migration(1, "monitors and history", List.of(
                        """
                        CREATE TABLE %s (
                            id TEXT NOT NULL PRIMARY KEY,
                            type TEXT NOT NULL,
                            target TEXT NOT NULL,
                            interval_ms BIGINT NOT NULL,
                            timeout_ms BIGINT NOT NULL,
                            retry_attempts INTEGER NOT NULL,
                            expected_status_min INTEGER NOT NULL,
                            expected_status_max INTEGER NOT NULL,
                            keyword TEXT NOT NULL,
                            redirects_max INTEGER NOT NULL,
                            monitoring BOOLEAN NOT NULL,
                            status TEXT NOT NULL,
                            last_checked_at BIGINT,
                            response_time_ms BIGINT NOT NULL,
                            active_operations TEXT NOT NULL
                        )""".formatted(names.monitors()),
                        """
                        CREATE TABLE %s (
                            %s,
                            monitor_id TEXT NOT NULL REFERENCES %s (id),
                            operation_id TEXT NOT NULL,
                            at_ms BIGINT NOT NULL,
                            status TEXT NOT NULL,
                            response_time_ms BIGINT NOT NULL,
                            details TEXT NOT NULL
                        )""".formatted(names.history(), dialect.historySeqColumn(), names.monitors()),
                        // history(monitorId) and delete read by monitor in seq order.
                        "CREATE INDEX " + names.historyIndex() + " ON " + names.history() + " (monitor_id, seq)")),
                new Migration(2, "per-type probe options: HTTP method, headers, auth, redirect mode, version, TLS trust,"
                        + " certificate expiry; DNS record type, server, expected answer", SettingsColumns.migrationToVersion2(names.monitors())),
                new Migration(3, "engine lease: one engine (node) schedules and probes the store's monitors", LeaseTable.migration(names)),
                new Migration(4, "nodes: per-monitor leases with fencing tokens, a change counter, and node heartbeats",
                        NodeTable.migration(names)));
    }

    /** Throws unless {@code migrations} are numbered 1, 2, 3 … without gaps: a programmer error. */
    static void requireConsecutive(List<Migration> migrations) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalStateException("migration at index " + i + " has version "
                        + migrations.get(i).version() + ", expected " + (i + 1));
            }
        }
    }
}
