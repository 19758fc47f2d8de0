package dev.vigil.engine.store;

import dev.vigil.engine.StoreException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything that differs between the two databases the store supports. The rest of the store
 * writes SQL that both accept (TEXT, BIGINT, INTEGER, BOOLEAN, {@code INSERT … ON CONFLICT (id)
 * DO NOTHING}), so this class stays small: how a write transaction takes the write lock, how
 * a row is locked for a read-modify-write, and the one column type that has no common spelling.
 */
enum Dialect {
    /**
     * SQLite has one writer per database. A write transaction starts with {@code BEGIN IMMEDIATE},
     * which takes the write lock at once (waiting up to the connection's busy timeout): a
     * deferred {@code BEGIN} would read under a shared lock and could fail to upgrade it later
     * ({@code SQLITE_BUSY_SNAPSHOT} in WAL mode), and busy_timeout does not help with that. The
     * driver has no portable way to ask for IMMEDIATE, so the connection stays in auto-commit
     * mode and the transaction is delimited by SQL statements.
     */
    SQLITE {
        @Override
        void begin(Session session) throws SQLException {
            if (!session.connection().getAutoCommit()) {
                // The driver would otherwise have a deferred transaction open already.
                session.connection().setAutoCommit(true);
            }
            // Prepared and cached like any statement: the simulator runs millions of these.
            session.prepare("BEGIN IMMEDIATE").execute();
        }

        @Override
        void commit(Session session) throws SQLException {
            session.prepare("COMMIT").execute();
        }

        @Override
        void rollback(Session session) throws SQLException {
            try {
                session.prepare("ROLLBACK").execute();
            } catch (SQLException e) {
                // SQLite rolls some failures back by itself (an I/O error during COMMIT, say);
                // then there is nothing left to undo, which is the outcome we wanted.
                String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
                if (!message.contains("no transaction is active")) {
                    throw e;
                }
            }
        }

        @Override
        void boundWaits(Session session, long boundMs) {
            // The write lock is the file's: busy_timeout bounds the wait for it, and nothing can
            // end another process's transaction, so a process frozen inside one holds the file
            // until it wakes (README, "Running several nodes").
        }

        @Override
        String forUpdate() {
            return ""; // BEGIN IMMEDIATE already holds the database's only write lock
        }

        @Override
        String historySeqColumn() {
            // AUTOINCREMENT: a sequence number is never reused, even after the newest rows are deleted.
            return "seq INTEGER PRIMARY KEY AUTOINCREMENT";
        }

        @Override
        void lockForMigration(Connection connection) {
            // BEGIN IMMEDIATE serializes migrating processes already.
        }

        @Override
        Set<String> existingRelations(Connection connection, TableNames names) throws SQLException {
            // Tables, indexes and views share one namespace in SQLite: any of them blocks a name.
            return namesFound(connection, "SELECT name FROM sqlite_master WHERE name IN (" + names.unqualifiedPlaceholders() + ")", List.of(), names);
        }

        @Override
        String nowMsSql() {
            // julianday('now') is the database's clock, read once per statement; 2440587.5 is the
            // Julian day of the Unix epoch.
            return "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)";
        }
    },

    /**
     * PostgreSQL: an ordinary JDBC transaction (auto-commit off) at the default READ COMMITTED
     * level; read-modify-write transactions lock the monitor's row with {@code SELECT … FOR
     * UPDATE}, so two writers of one monitor take turns while different monitors proceed in
     * parallel. Not tested here (no server in the build): written to PostgreSQL 10+ syntax.
     */
    POSTGRESQL {
        @Override
        void begin(Session session) throws SQLException {
            session.connection().setAutoCommit(false);
        }

        @Override
        void commit(Session session) throws SQLException {
            session.connection().commit();
        }

        @Override
        void rollback(Session session) throws SQLException {
            session.connection().rollback();
        }

        @Override
        void boundWaits(Session session, long boundMs) throws SQLException {
            // SET LOCAL: until the transaction ends, so a pooled connection goes back as it came.
            // One round trip for both settings.
            execute(session.connection(), "SET LOCAL lock_timeout = " + boundMs + "; SET LOCAL idle_in_transaction_session_timeout = "
                    + boundMs);
        }

        @Override
        String forUpdate() {
            return " FOR UPDATE";
        }

        @Override
        String historySeqColumn() {
            return "seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
        }

        @Override
        void lockForMigration(Connection connection) throws SQLException {
            // Two processes opening an empty database at once would both run CREATE TABLE IF NOT
            // EXISTS and one could fail on the catalog's unique index; a transaction-scoped
            // advisory lock makes them take turns. The key is an arbitrary constant ("vigil").
            execute(connection, "SELECT pg_advisory_xact_lock(7604741903)");
        }

        @Override
        Set<String> existingRelations(Connection connection, TableNames names) throws SQLException {
            if (names.schema().isPresent()) {
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
                    select.setString(1, names.schema().get());
                    try (ResultSet row = select.executeQuery()) {
                        if (!row.next()) {
                            // Refused, not created: schemas carry privileges an application's owner sets.
                            throw new StoreException("the store's schema " + names.schema().get() + " does not exist;"
                                    + " create it first (CREATE SCHEMA " + names.schema().get() + "); nothing was changed", null);
                        }
                    }
                }
            }
            // pg_class holds tables, indexes, views and sequences: any of them blocks a name.
            return namesFound(connection, "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
                    + " ON n.oid = c.relnamespace WHERE n.nspname = " + (names.schema().isPresent() ? "?" : "current_schema()")
                    + " AND c.relname IN (" + names.unqualifiedPlaceholders() + ")", names.schema().stream().toList(), names);
        }

        @Override
        String nowMsSql() {
            // clock_timestamp(), not now(): now() is the transaction's start, which may be long
            // before the row lock was granted.
            return "CAST(FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000) AS BIGINT)";
        }
    };

    /** Starts a write transaction holding whatever lock the CAS transactions rely on. */
    abstract void begin(Session session) throws SQLException;

    /**
     * Bounds the transaction just begun: how long it may wait for a lock, and how long it may sit
     * idle holding its own before the database ends it ({@link MonitorRepository#boundTransactionWaits}).
     */
    abstract void boundWaits(Session session, long boundMs) throws SQLException;

    abstract void commit(Session session) throws SQLException;

    /** Undoes the transaction begun by {@link #begin}; succeeds when there is nothing to undo. */
    abstract void rollback(Session session) throws SQLException;

    /** Appended to a {@code SELECT} of one monitor row that the same transaction then writes. */
    abstract String forUpdate();

    /** The column definition of {@code history.seq}, an ever-increasing append order. */
    abstract String historySeqColumn();

    /** Called first in every migration transaction, to serialize concurrent openers. */
    abstract void lockForMigration(Connection connection) throws SQLException;

    /**
     * Which of the store's table and index names ({@link TableNames#unqualified}) are taken in
     * the database, by reading the catalog only.
     *
     * @throws StoreException if a schema is named that does not exist
     */
    abstract Set<String> existingRelations(Connection connection, TableNames names) throws SQLException;

    /** Runs {@code sql}, whose parameters are {@code leading}, then the names; returns the names it selects. */
    private static Set<String> namesFound(Connection connection, String sql, List<String> leading, TableNames names)
            throws SQLException {
        Set<String> found = new TreeSet<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int next = 1;
            for (String parameter : leading) {
                select.setString(next++, parameter);
            }
            for (String name : names.unqualified()) {
                select.setString(next++, name);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found;
    }

    /** An SQL expression for the database's current time in ms since the epoch: the clock leases are measured on. */
    abstract String nowMsSql();

    /** The dialect of the database behind {@code connection}, from its metadata. */
    static Dialect detect(Connection connection) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String product = String.valueOf(metaData.getDatabaseProductName());
        String normalized = product.toLowerCase(Locale.ROOT);
        if (normalized.contains("sqlite")) {
            return SQLITE;
        }
        if (normalized.contains("postgres")) {
            return POSTGRESQL;
        }
        throw new SQLException("unsupported database product '" + product + "': the store supports SQLite and PostgreSQL");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
