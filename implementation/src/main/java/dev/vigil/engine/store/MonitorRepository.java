package dev.vigil.engine.store;

import dev.vigil.engine.CheckRecord;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.HistoryPage;
import dev.vigil.engine.HistoryRetention;
import dev.vigil.engine.InvalidSettingsException;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.MonitorSnapshot;
import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.StoreException;
import dev.vigil.engine.StoreTransaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;

/**
 * The engine's persistent state: monitors (with their persisted {@code activeOperations}) and
 * their append-only check history, in SQLite or PostgreSQL, through plain JDBC; or, for the
 * simulator and tests, in plain Java objects ({@link #openInMemory()}), with the same
 * transactions and guarantees except persistence and the schema checks.
 *
 * <p>Guarantees:
 * <ul>
 *   <li><b>One method, one transaction.</b> Every writing method is exactly one database
 *       transaction (the rows of SEMANTICS.md "Store transactions"); it commits entirely or, on
 *       any failure, is rolled back and throws {@link StoreException} naming the transaction and
 *       the monitor. Nothing is ever half-written (SPEC R12). Reading methods are one query.</li>
 *   <li><b>Compare-and-set inside the transaction.</b> {@link #applyResult} decides whether a
 *       result may land while holding the write lock (SQLite {@code BEGIN IMMEDIATE}, PostgreSQL
 *       {@code SELECT … FOR UPDATE}) and guards its {@code UPDATE} with the values it read, so a
 *       result can never land on a monitor that a committed stop paused, whatever the thread
 *       order (SPEC §3).</li>
 *   <li><b>Thread-safe.</b> Any thread may call any method at any time.</li>
 *   <li><b>Schema versioned.</b> Opening applies the missing forward migrations, one
 *       transaction each, and refuses a database newer than this code.</li>
 *   <li><b>A foreign database is left alone.</b> Before writing anything, opening checks that
 *       the tables of its {@link TableNames} are absent or Vigil's; otherwise it throws {@link
 *       StoreException} having written nothing.</li>
 *   <li><b>Corruption tolerated where harmless.</b> An {@code active_operations} value that
 *       does not parse is read as an empty list, with a warning: such ids are stale by
 *       definition (SPEC I4) and an empty list only makes results be discarded.</li>
 * </ul>
 *
 * <p>Misuse (a null argument, a blank operation id, a status that contradicts {@code
 * monitoring}, calling after {@link #close}) is a programmer error and throws {@link
 * NullPointerException}, {@link IllegalArgumentException} or {@link IllegalStateException}
 * without touching the database.
 */
public final class MonitorRepository implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MonitorRepository.class.getName());

    /** How long a SQLite connection waits for another process's write lock before failing. */
    static final int BUSY_TIMEOUT_MS = 5_000;

    /** The SQL function a simulated store's clock is registered as: see {@link #openSqliteInMemory(UnaryOperator, LongSupplier)}. */
    private static final String SIMULATED_CLOCK_FUNCTION = "vigil_database_clock_ms";

    private final Dialect dialect;
    private final TableNames names;
    private final Statements sql;
    private final ConnectionProvider connections;
    private final String databaseNowMsSql;
    private final int migrationsApplied;
    /** The in-memory store's tables, or null when the tables are in a database (then every field above is set). */
    private final MemoryTables memory;
    /** Where injected faults strike the in-memory store's transactions; null with a database. */
    private final MemoryFaults memoryFaults;
    private volatile boolean memoryClosed;
    /** Where a multi-node engine's fences come from; null for a single node, whose writes carry none. */
    private final Fence.Source fences;
    /** The repository this one is a fenced view of, or null: the view shares its connections and closes nothing. */
    private final MonitorRepository base;
    /**
     * How long one transaction may wait for another's lock, or sit idle while holding its own, in
     * ms; 0 for no bound. Shared with the fenced views: they write through the same connections.
     */
    private final AtomicLong waitBoundMs;

    private MonitorRepository(Dialect dialect, TableNames names, ConnectionProvider connections, List<Migration> migrations,
                              System.Logger.Level migrationLogLevel) {
        this(dialect, names, connections, migrations, migrationLogLevel, dialect.nowMsSql());
    }

    private MonitorRepository(Dialect dialect, TableNames names, ConnectionProvider connections, List<Migration> migrations,
                              System.Logger.Level migrationLogLevel, String databaseNowMsSql) {
        this.dialect = dialect;
        this.names = names;
        this.sql = new Statements(names, dialect);
        this.connections = connections;
        this.databaseNowMsSql = databaseNowMsSql;
        this.memory = null;
        this.memoryFaults = null;
        this.fences = null;
        this.base = null;
        this.waitBoundMs = new AtomicLong();
        try {
            this.migrationsApplied = migrate(migrations, migrationLogLevel);
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
    }

    /** A repository on {@code memory}: no dialect, statements or connections; the schema is the latest by construction. */
    private MonitorRepository(MemoryTables memory, MemoryFaults faults) {
        this.dialect = null;
        this.names = TableNames.DEFAULT;
        this.sql = null;
        this.connections = null;
        this.databaseNowMsSql = null;
        this.migrationsApplied = Migration.standard(Dialect.SQLITE).size();
        this.memory = memory;
        this.memoryFaults = faults;
        this.fences = null;
        this.base = null;
        this.waitBoundMs = new AtomicLong();
    }

    /** A view of {@code base} whose begin, apply and unlist transactions carry the fences of {@code fences}. */
    private MonitorRepository(MonitorRepository base, Fence.Source fences) {
        this.dialect = base.dialect;
        this.names = base.names;
        this.sql = base.sql;
        this.connections = base.connections;
        this.databaseNowMsSql = base.databaseNowMsSql;
        this.migrationsApplied = base.migrationsApplied;
        this.memory = base.memory;
        this.memoryFaults = base.memoryFaults;
        this.fences = fences;
        this.base = base;
        this.waitBoundMs = base.waitBoundMs;
    }

    /**
     * This store as one node of a multi-node engine writes it (SPEC §6, N5): the begin, apply and
     * unlist transactions of a monitor carry the node's fence from {@code fences} and change
     * nothing unless it still holds the monitor's lease with that token on the database's clock
     * (a begin then fails with a {@link StoreException}; an apply or unlist returns {@code
     * false}). Every other method is this repository's. The view shares its connections: closing
     * it does nothing; close this repository instead.
     *
     * @param fences the node's current holdings
     * @return the fenced view
     */
    public MonitorRepository fenced(Fence.Source fences) {
        Objects.requireNonNull(fences, "fences");
        return new MonitorRepository(base != null ? base : this, fences);
    }

    /**
     * Bounds every later transaction of this store and its fenced views (SPEC §6, "a paused
     * node"): on PostgreSQL a transaction waits at most {@code boundMs} for a lock another
     * transaction holds, and the server ends a session that sat idle inside a transaction for
     * {@code boundMs}, rolling it back and releasing its locks. A node frozen in the middle of a
     * transaction (a GC pause, SIGSTOP) would otherwise hold its row locks until it wakes, and
     * every other node's renewal and claims would wait behind them: the whole group stalled by
     * one paused member. On SQLite and the in-memory store nothing changes: SQLite's write lock
     * is the file's, and the busy timeout already bounds the wait for it.
     *
     * @param boundMs the bound, above 0
     */
    public void boundTransactionWaits(long boundMs) {
        if (boundMs <= 0) {
            throw new IllegalArgumentException("boundMs = " + boundMs + " must be > 0");
        }
        waitBoundMs.set(boundMs);
    }

    /**
     * What wakes a node when another node commits a command (SPEC §6, N6): {@code LISTEN} on a
     * connection of its own on PostgreSQL over a data source; {@link NodeWakeups#NONE} otherwise.
     * The caller closes it.
     *
     * @return the wake-ups
     */
    public NodeWakeups listenForNodes() {
        if (dialect == Dialect.POSTGRESQL && connections instanceof DataSourceConnections pool) {
            return PostgresWakeups.open(pool.dataSource(), nodeChannel());
        }
        return NodeWakeups.NONE;
    }

    /** The channel a store's nodes notify each other on: one per set of tables, short enough for an identifier. */
    private String nodeChannel() {
        return "vigil_nodes_" + Integer.toHexString(names.monitors().hashCode());
    }

    /** A node's command wakes the other nodes (PostgreSQL; delivered at commit). A single-node engine sends nothing. */
    private void notifyNodes(Session session, String monitorId) throws SQLException {
        if (fences == null || dialect != Dialect.POSTGRESQL) {
            return;
        }
        PreparedStatement notify = session.prepare("SELECT pg_notify(?, ?)");
        notify.setString(1, nodeChannel());
        notify.setString(2, monitorId);
        notify.execute();
    }

    /**
     * The node transactions of a multi-node engine (SPEC §6, N4–N7).
     *
     * @return heartbeats, batch renewal, claims, leaving
     */
    public NodeLeases nodes() {
        return new NodeLeases(this);
    }

    /**
     * {@link #open(DataSource, TableNames)} with the default table names.
     *
     * @param dataSource where connections come from, one per transaction
     * @return the repository, migrated
     * @throws StoreException if the database cannot be reached, is neither SQLite nor
     *                        PostgreSQL, holds tables of these names that are not Vigil's, or
     *                        has a newer schema than this code; the database is left untouched
     */
    public static MonitorRepository open(DataSource dataSource) {
        return open(dataSource, TableNames.DEFAULT);
    }

    /**
     * A repository over {@code dataSource}: every transaction takes a connection from it and
     * closes it after, so a pool is the intended source. The dialect (SQLite or PostgreSQL) is
     * detected from the database's metadata; the tables are checked (see {@link
     * #openSqliteFile(Path, TableNames, boolean)} for what is refused) and missing migrations
     * are applied before this returns. For SQLite, configure the data source with a busy
     * timeout (the driver's default is 3 s) and preferably WAL; the data source stays the
     * caller's to close.
     *
     * @param dataSource where connections come from, one per transaction
     * @param names      where the tables live: a prefix and, on PostgreSQL, a schema that exists
     * @return the repository, migrated
     * @throws InvalidSettingsException if {@code names} has a schema and the database is SQLite
     * @throws StoreException           if the database cannot be reached, is neither SQLite nor
     *                                  PostgreSQL, lacks the schema, holds tables of these names
     *                                  that are not Vigil's, or has a newer schema version than
     *                                  this code; the database is left untouched
     */
    public static MonitorRepository open(DataSource dataSource, TableNames names) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(names, "names");
        Dialect dialect;
        try (Connection connection = dataSource.getConnection()) {
            dialect = Dialect.detect(connection);
        } catch (SQLException e) {
            throw new StoreException("opening the store failed: " + e.getMessage(), e);
        }
        return open(dataSource, names, dialect, Migration.standard(dialect, names));
    }

    static MonitorRepository open(DataSource dataSource, Function<Dialect, List<Migration>> migrations) {
        Objects.requireNonNull(dataSource, "dataSource");
        Dialect dialect;
        try (Connection connection = dataSource.getConnection()) {
            dialect = Dialect.detect(connection);
        } catch (SQLException e) {
            throw new StoreException("opening the store failed: " + e.getMessage(), e);
        }
        return open(dataSource, TableNames.DEFAULT, dialect, migrations.apply(dialect));
    }

    private static MonitorRepository open(DataSource dataSource, TableNames names, Dialect dialect, List<Migration> migrations) {
        requireSchemaSupported(dialect, names);
        return new MonitorRepository(dialect, names, new DataSourceConnections(dataSource, LOG), migrations,
                System.Logger.Level.INFO);
    }

    private static void requireSchemaSupported(Dialect dialect, TableNames names) {
        if (dialect == Dialect.SQLITE && names.schema().isPresent()) {
            throw new InvalidSettingsException("schema", "'" + names.schema().get() + "'",
                    "only PostgreSQL has schemas; on SQLite keep tables apart with a tablePrefix");
        }
    }

    /**
     * {@link #openSqliteFile(Path, TableNames, boolean)} with the default table names, refusing
     * to create missing directories.
     *
     * @param file the database file; its directory must exist
     * @return the repository, migrated; close it
     * @throws StoreException if the directory is missing, the file cannot be opened, holds
     *                        tables of these names that are not Vigil's, or has a newer schema
     */
    public static MonitorRepository openSqliteFile(Path file) {
        return openSqliteFile(file, TableNames.DEFAULT, false);
    }

    /**
     * A repository in the SQLite database file {@code file}, created if missing. It keeps one
     * connection ({@code synchronous=NORMAL}, a busy timeout, foreign keys enforced) and runs
     * one transaction at a time on it, which suits SQLite's single writer; the connection is
     * reopened if it was closed or left in an unknown state. A committed transaction survives a
     * process crash (WAL with NORMAL may lose the last commits on power loss, not on a crash).
     *
     * <p>Before writing anything, opening checks that the tables are Vigil's: it refuses, with a
     * {@link StoreException} and without writing a byte (no version table, no journal-mode
     * switch, no DDL), a database where a table or index of these names exists without Vigil's
     * schema-version table, whose version table is not Vigil's, or whose schema version is newer
     * than this code. Only then is the file switched to WAL and migrated.
     *
     * @param file                the database file
     * @param names               the tables' prefix; a schema is refused (SQLite has none)
     * @param directoriesCreated  whether missing parent directories are created; when {@code
     *                            false}, a missing directory fails naming it (a typo in a path
     *                            should not silently make a new, empty store somewhere)
     * @return the repository, migrated; close it
     * @throws InvalidSettingsException if {@code names} has a schema
     * @throws StoreException           if the directory is missing (and not to be created) or
     *                                  cannot be created, the file cannot be opened, or it is
     *                                  refused as above
     */
    public static MonitorRepository openSqliteFile(Path file, TableNames names, boolean directoriesCreated) {
        return openSqliteFile(file, names, directoriesCreated, UnaryOperator.identity(), Migration.standard(Dialect.SQLITE, names));
    }

    static MonitorRepository openSqliteFile(Path file, UnaryOperator<Connection> decorator, List<Migration> migrations) {
        return openSqliteFile(file, TableNames.DEFAULT, true, decorator, migrations);
    }

    private static MonitorRepository openSqliteFile(Path file, TableNames names, boolean directoriesCreated,
                                                    UnaryOperator<Connection> decorator, List<Migration> migrations) {
        Objects.requireNonNull(names, "names");
        requireSchemaSupported(Dialect.SQLITE, names);
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory != null && !Files.isDirectory(directory)) {
            if (!directoriesCreated) {
                throw new StoreException("opening the store " + absolute + " failed: its directory " + directory
                        + " does not exist; create it, or let the engine create it (Builder.storeDirectoriesCreated(true))", null);
            }
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new StoreException("opening the store " + absolute + " failed: cannot create its directory: " + e, e);
            }
        }
        // No journal mode here: switching to WAL writes the file, and a database that is refused
        // must stay byte for byte as it was. WAL is set once the tables are known to be ours.
        SQLiteConfig config = new SQLiteConfig();
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        String url = "jdbc:sqlite:" + absolute;
        MonitorRepository repository = openSingle(() -> decorator.apply(config.createConnection(url)), true,
                absolute.toString(), names, migrations, System.Logger.Level.INFO);
        try {
            repository.useWriteAheadLog();
        } catch (RuntimeException e) {
            repository.close();
            throw e;
        }
        return repository;
    }

    /**
     * A repository in a private in-memory SQLite database, gone when closed. It lives in one
     * connection, so it cannot be reopened; transactions run one at a time on it. Made for the
     * simulator: no I/O, statements prepared once.
     *
     * @return the repository, migrated; close it
     */
    public static MonitorRepository openSqliteInMemory() {
        return openSqliteInMemory(UnaryOperator.identity(), Migration.standard(Dialect.SQLITE));
    }

    /**
     * {@link #openSqliteInMemory()} with its one connection passed through {@code decorator}
     * first: the simulator wraps it to make chosen transactions fail (SPEC R12). The decorator
     * must return a connection that behaves like the one it was given unless told otherwise.
     *
     * @param decorator wraps the connection
     * @return the repository, migrated; close it
     */
    public static MonitorRepository openSqliteInMemory(UnaryOperator<Connection> decorator) {
        return openSqliteInMemory(decorator, Migration.standard(Dialect.SQLITE));
    }

    static MonitorRepository openSqliteInMemory(UnaryOperator<Connection> decorator, List<Migration> migrations) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        // A fresh database always migrates, once per simulation run: not worth an INFO line each.
        return openSingle(() -> decorator.apply(config.createConnection("jdbc:sqlite::memory:")), false,
                "an in-memory database", TableNames.DEFAULT, migrations, System.Logger.Level.DEBUG);
    }

    /**
     * {@link #openSqliteInMemory(UnaryOperator)} whose database clock (what engine leases are
     * measured on, {@link #leases()}) is {@code databaseClockMs} instead of SQLite's own: the
     * simulator's virtual clock, so that a lease expires in virtual time and a run stays
     * reproducible.
     *
     * @param decorator       wraps the connection
     * @param databaseClockMs the database's time in ms since the epoch
     * @return the repository, migrated; close it
     */
    public static MonitorRepository openSqliteInMemory(UnaryOperator<Connection> decorator, LongSupplier databaseClockMs) {
        Objects.requireNonNull(databaseClockMs, "databaseClockMs");
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        SingleConnection.Opener opener = () -> {
            Connection real = config.createConnection("jdbc:sqlite::memory:");
            org.sqlite.Function.create(real, SIMULATED_CLOCK_FUNCTION, new org.sqlite.Function() {
                @Override
                protected void xFunc() throws SQLException {
                    result(databaseClockMs.getAsLong());
                }
            });
            return decorator.apply(real);
        };
        return openSingle(opener, false, "an in-memory database", TableNames.DEFAULT, Migration.standard(Dialect.SQLITE),
                System.Logger.Level.DEBUG,
                SIMULATED_CLOCK_FUNCTION + "()");
    }

    /**
     * A repository whose tables are plain Java objects in this process, gone when closed: no
     * SQL, no JDBC, no I/O. It runs every transaction of the SQL repositories with the same
     * semantics (one transaction at a time, each committing whole or changing nothing; the same
     * compare-and-set, history order, paging and pruning, engine lease), and passes the same
     * contract tests. Made for the simulator, whose runs it makes 1.5 to 2.4 times faster
     * (BENCHMARKS.md); it is not a store an application can keep data in.
     *
     * @return the repository, at the latest schema version; close it
     */
    public static MonitorRepository openInMemory() {
        // The system's wall clock, as a database's own clock is: through the runtime seam's clock.
        return openInMemory(MemoryFaults.NONE, EngineClock.system()::wallTimeMs);
    }

    /**
     * {@link #openInMemory()} whose transactions pass through {@code faults} (the simulator
     * makes chosen transactions fail there, SPEC R12) and whose database clock, the one engine
     * leases are measured on, is {@code databaseClockMs}.
     *
     * @param faults          where injected failures strike; {@link MemoryFaults#NONE} for none
     * @param databaseClockMs the database's time in ms since the epoch
     * @return the repository; close it
     */
    public static MonitorRepository openInMemory(MemoryFaults faults, LongSupplier databaseClockMs) {
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(databaseClockMs, "databaseClockMs");
        return new MonitorRepository(new MemoryTables(databaseClockMs), faults);
    }

    /** Another repository on {@code tables}, as a second process on one database: for tests of the lease. */
    static MonitorRepository openInMemory(MemoryTables tables) {
        return new MonitorRepository(tables, MemoryFaults.NONE);
    }

    /** The tables of an in-memory repository, or null when the tables are in a database. */
    MemoryTables memoryTables() {
        return memory;
    }

    private static MonitorRepository openSingle(SingleConnection.Opener opener, boolean reopenable, String description,
                                                TableNames names, List<Migration> migrations,
                                                System.Logger.Level migrationLogLevel) {
        return openSingle(opener, reopenable, description, names, migrations, migrationLogLevel, Dialect.SQLITE.nowMsSql());
    }

    private static MonitorRepository openSingle(SingleConnection.Opener opener, boolean reopenable, String description,
                                                TableNames names, List<Migration> migrations,
                                                System.Logger.Level migrationLogLevel, String databaseNowMsSql) {
        SingleConnection connection;
        try {
            connection = new SingleConnection(opener, Dialect.SQLITE::rollback, reopenable, description, LOG);
        } catch (SQLException e) {
            throw new StoreException("opening the store " + description + " failed: " + e.getMessage(), e);
        }
        return new MonitorRepository(Dialect.SQLITE, names, connection, migrations, migrationLogLevel, databaseNowMsSql);
    }

    /** Switches a file database to WAL: persistent in the file, so reopened connections keep it. */
    private void useWriteAheadLog() {
        read("open: journal mode", null, session -> {
            try (Statement statement = session.connection().createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
            }
            return null;
        });
    }

    /**
     * Where this repository's tables are.
     *
     * @return the names it was opened with
     */
    public TableNames tableNames() {
        return names;
    }


    /**
     * The store's engine lease, which decides which engine may schedule and probe its monitors.
     *
     * @return the lease's transactions on this repository
     */
    public EngineLeases leases() {
        return new EngineLeases(this);
    }

    Dialect dialect() {
        return dialect;
    }

    /** The SQL expression for the database's current time in ms, which leases are measured on. */
    String databaseNowMsSql() {
        return databaseNowMsSql;
    }

    /** One transaction of {@link EngineLeases}, with the same guarantees as every other (commit or roll back, then throw). */
    <T> T leaseTransaction(StoreTransaction kind, ConnectionProvider.SessionWork<T> work) {
        return transaction(kind, null, work::run);
    }

    /**
     * Stores a new monitor (SPEC R1): not monitoring, {@code PAUSED}, no history, no operations.
     *
     * @param monitorId the new monitor's id
     * @param settings  its settings
     * @throws InvalidSettingsException if {@code monitorId} is blank or a monitor with it exists;
     *                                  nothing is stored
     * @throws StoreException           if the transaction failed; nothing is stored
     */
    public void insert(String monitorId, MonitorSettings settings) {
        if (monitorId == null || monitorId.isBlank()) {
            throw new InvalidSettingsException("id", monitorId == null ? null : "'" + monitorId + "'", "must not be blank");
        }
        Objects.requireNonNull(settings, "settings");
        if (memory != null) {
            memoryTransaction(StoreTransaction.INSERT, monitorId, tables -> {
                tables.insert(monitorId, settings);
                return null;
            });
            return;
        }
        transaction(StoreTransaction.INSERT, monitorId, session -> {
            PreparedStatement insert = session.prepare(sql.insertMonitor);
            insert.setString(1, monitorId);
            int next = SettingsColumns.bind(insert, 2, settings);
            insert.setBoolean(next, false);
            insert.setString(next + 1, MonitorStatus.PAUSED.name());
            insert.setNull(next + 2, Types.BIGINT);
            insert.setLong(next + 3, 0);
            insert.setString(next + 4, OperationIds.EMPTY);
            if (insert.executeUpdate() == 0) {
                // Thrown inside the transaction so it is rolled back like any failure.
                throw new InvalidSettingsException("id", monitorId, "unique: a monitor with this id exists");
            }
            return null;
        });
    }

    /**
     * Replaces a monitor's settings and, in the same transaction, its persisted {@code
     * activeOperations} with {@code activeOperations} (SPEC R9 with I4: every committed
     * transaction on a monitor drops the stale ids it lists; the engine passes the ids still
     * live). Monitoring, status and history are kept.
     *
     * @param monitorId        the monitor
     * @param settings         its new settings
     * @param activeOperations the operation ids to persist: those still live
     * @return {@code false} if there is no monitor {@code monitorId} (nothing changed)
     * @throws IllegalArgumentException if an id is blank
     * @throws StoreException           if the transaction failed; nothing changed
     */
    public boolean updateSettings(String monitorId, MonitorSettings settings, List<String> activeOperations) {
        Objects.requireNonNull(monitorId, "monitorId");
        Objects.requireNonNull(settings, "settings");
        String encoded = encodeOperations(activeOperations);
        if (memory != null) {
            List<String> ids = List.copyOf(activeOperations);
            return memoryTransaction(StoreTransaction.UPDATE_SETTINGS, monitorId, tables -> tables.updateSettings(monitorId, settings, ids));
        }
        return transaction(StoreTransaction.UPDATE_SETTINGS, monitorId, session -> {
            PreparedStatement update = session.prepare(sql.updateSettingsAndOperations);
            int next = SettingsColumns.bind(update, 1, settings);
            update.setString(next, encoded);
            update.setString(next + 1, monitorId);
            notifyNodes(session, monitorId);
            return update.executeUpdate() == 1;
        });
    }

    /**
     * Removes a monitor and its whole history in one transaction (SPEC R10).
     *
     * @param monitorId the monitor
     * @return {@code false} if there was no monitor {@code monitorId} (nothing changed)
     * @throws StoreException if the transaction failed; the monitor and its history are intact
     */
    public boolean delete(String monitorId) {
        Objects.requireNonNull(monitorId, "monitorId");
        if (memory != null) {
            return memoryTransaction(StoreTransaction.DELETE, monitorId, tables -> tables.delete(monitorId));
        }
        return transaction(StoreTransaction.DELETE, monitorId, session -> {
            // Lock the row first (PostgreSQL): otherwise an apply committing between the two
            // DELETEs would add a history row that the monitor's DELETE then trips over.
            PreparedStatement lock = session.prepare(sql.lockMonitor);
            lock.setString(1, monitorId);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
            }
            // History first: it references the monitor, and foreign keys may be enforced.
            PreparedStatement deleteHistory = session.prepare(sql.deleteHistory);
            deleteHistory.setString(1, monitorId);
            deleteHistory.executeUpdate();
            PreparedStatement deleteMonitor = session.prepare(sql.deleteMonitor);
            deleteMonitor.setString(1, monitorId);
            notifyNodes(session, monitorId);
            return deleteMonitor.executeUpdate() == 1;
        });
    }

    /**
     * The start and stop transactions (SPEC R2, R3): sets {@code monitoring} and {@code status}
     * and empties {@code activeOperations}, whose ids are stale once the monitor is restarted
     * or paused.
     *
     * @param monitorId  the monitor
     * @param monitoring whether it is monitoring now
     * @param status     {@code PAUSED} exactly when {@code monitoring} is false (SPEC I1)
     * @return {@code false} if there is no monitor {@code monitorId} (nothing changed)
     * @throws IllegalArgumentException if {@code status} contradicts {@code monitoring}
     * @throws StoreException           if the transaction failed; nothing changed
     */
    public boolean setMonitoring(String monitorId, boolean monitoring, MonitorStatus status) {
        Objects.requireNonNull(monitorId, "monitorId");
        Objects.requireNonNull(status, "status");
        if (monitoring == (status == MonitorStatus.PAUSED)) {
            throw new IllegalArgumentException("monitoring = " + monitoring + " with status = " + status
                    + " breaks SPEC I1: status is PAUSED exactly when not monitoring");
        }
        StoreTransaction kind = monitoring ? StoreTransaction.START : StoreTransaction.STOP;
        if (memory != null) {
            return memoryTransaction(kind, monitorId, tables -> tables.setMonitoring(monitorId, monitoring, status));
        }
        return transaction(kind, monitorId, session -> {
            PreparedStatement update = session.prepare(sql.setMonitoring);
            update.setBoolean(1, monitoring);
            update.setString(2, status.name());
            update.setString(3, OperationIds.EMPTY);
            update.setString(4, monitorId);
            notifyNodes(session, monitorId);
            return update.executeUpdate() == 1;
        });
    }

    /**
     * The "begin operation" transaction (SPEC R4): replaces the monitor's persisted
     * {@code activeOperations} with {@code operationIds} (any stale id goes with it).
     *
     * @param monitorId    the monitor
     * @param operationIds the ids to persist
     * @return {@code false} if there is no monitor {@code monitorId} (nothing changed)
     * @throws IllegalArgumentException if an id is blank
     * @throws StoreException           if the transaction failed; nothing changed
     */
    public boolean setActiveOperations(String monitorId, List<String> operationIds) {
        Objects.requireNonNull(monitorId, "monitorId");
        String encoded = encodeOperations(operationIds);
        if (memory != null) {
            List<String> ids = List.copyOf(operationIds);
            return memoryTransaction(StoreTransaction.BEGIN_OPERATION, monitorId, tables -> {
                if (fences != null && !memoryFenceHolds(tables, monitorId)) {
                    throw fencedOff(StoreTransaction.BEGIN_OPERATION, monitorId);
                }
                return tables.setActiveOperations(monitorId, ids);
            });
        }
        return transaction(StoreTransaction.BEGIN_OPERATION, monitorId, session -> {
            if (fences != null && !fenceHolds(session, monitorId)) {
                throw fencedOff(StoreTransaction.BEGIN_OPERATION, monitorId);
            }
            PreparedStatement update = session.prepare(sql.setOperations);
            update.setString(1, encoded);
            update.setString(2, monitorId);
            return update.executeUpdate() == 1;
        });
    }

    /**
     * The "unlist" transaction (SPEC R6, discarded result): removes {@code operationId} from the
     * monitor's persisted {@code activeOperations}.
     *
     * @param monitorId   the monitor
     * @param operationId the operation whose result was discarded
     * @return {@code true} if the monitor listed the operation and now does not; {@code false}
     *         if the monitor does not exist or did not list it (nothing changed)
     * @throws StoreException if the transaction failed; nothing changed
     */
    public boolean removeActiveOperation(String monitorId, String operationId) {
        Objects.requireNonNull(monitorId, "monitorId");
        requireOperationId(operationId);
        if (memory != null) {
            return memoryTransaction(StoreTransaction.UNLIST, monitorId,
                    tables -> (fences == null || memoryFenceHolds(tables, monitorId)) && tables.removeActiveOperation(monitorId, operationId));
        }
        return transaction(StoreTransaction.UNLIST, monitorId, session -> {
            if (fences != null && !fenceHolds(session, monitorId)) {
                return false;
            }
            PreparedStatement select = session.prepare(sql.selectOperationsForUpdate);
            select.setString(1, monitorId);
            String stored;
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
                stored = row.getString(1);
            }
            List<String> listed = decodeOperations(stored, monitorId);
            if (!listed.contains(operationId)) {
                return false;
            }
            PreparedStatement update = session.prepare(sql.setOperationsIfUnchanged);
            update.setString(1, OperationIds.encode(without(listed, operationId)));
            update.setString(2, monitorId);
            update.setString(3, stored);
            return update.executeUpdate() == 1;
        });
    }

    /**
     * The "apply" transaction (SPEC R6, R7, R8): a compare-and-set that lands {@code record}
     * only if the monitor exists, lists {@code operationId} in its {@code activeOperations}, and
     * is monitoring or {@code manual} is true. Then, in the same transaction: the record is
     * appended to history; {@code status} becomes {@code record.status()} unless the monitor is
     * paused (a manual check of a paused monitor leaves it {@code PAUSED}); {@code
     * lastCheckedAt} and {@code responseTimeMs} are set; {@code operationId} is unlisted.
     *
     * @param monitorId   the monitor
     * @param operationId the operation the result belongs to
     * @param manual      whether checkNow requested it: it may land on a paused monitor
     * @param record      the result; its {@code operationId} must equal {@code operationId}
     * @return {@code true} if the result was applied; {@code false} if the condition did not
     *         hold, in which case nothing changed
     * @throws StoreException if the transaction failed; nothing changed
     */
    public boolean applyResult(String monitorId, String operationId, boolean manual, CheckRecord record) {
        Objects.requireNonNull(monitorId, "monitorId");
        requireOperationId(operationId);
        Objects.requireNonNull(record, "record");
        if (!record.operationId().equals(operationId)) {
            throw new IllegalArgumentException("record of operation '" + record.operationId()
                    + "' applied as operation '" + operationId + "'");
        }
        if (memory != null) {
            return memoryTransaction(StoreTransaction.APPLY, monitorId,
                    tables -> (fences == null || memoryFenceHolds(tables, monitorId)) && tables.applyResult(monitorId, operationId, manual, record));
        }
        return transaction(StoreTransaction.APPLY, monitorId, session -> {
            // Both checks (SPEC §6): the fence here, R6's listed operation below. The token alone
            // would let a late result overwrite a stop another node made while the probe was out.
            if (fences != null && !fenceHolds(session, monitorId)) {
                return false;
            }
            PreparedStatement select = session.prepare(sql.selectMonitoringAndOperationsForUpdate);
            select.setString(1, monitorId);
            boolean monitoring;
            String stored;
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
                monitoring = row.getBoolean(1);
                stored = row.getString(2);
            }
            List<String> listed = decodeOperations(stored, monitorId);
            if (!listed.contains(operationId) || !(monitoring || manual)) {
                return false;
            }
            PreparedStatement update = session.prepare(sql.applyToMonitor);
            update.setString(1, record.status().name());
            update.setLong(2, record.atMs());
            update.setLong(3, record.responseTimeMs());
            update.setString(4, OperationIds.encode(without(listed, operationId)));
            update.setString(5, monitorId);
            update.setBoolean(6, monitoring);
            update.setString(7, stored);
            if (update.executeUpdate() != 1) {
                // Unreachable while the write lock is held; if it happens the CAS still holds.
                LOG.log(System.Logger.Level.WARNING, "apply of operation {0} on monitor {1}: the row changed"
                        + " under the lock of the transaction; result discarded", operationId, monitorId);
                return false;
            }
            PreparedStatement insert = session.prepare(sql.insertHistory);
            insert.setString(1, monitorId);
            insert.setString(2, operationId);
            insert.setLong(3, record.atMs());
            insert.setString(4, record.status().name());
            insert.setLong(5, record.responseTimeMs());
            insert.setString(6, record.details());
            insert.executeUpdate();
            return true;
        });
    }

    /**
     * A checkNow made on a node that does not own the monitor (SPEC §6, N6): counts the request on
     * the monitor's row, where its owner finds it at its next renewal.
     *
     * @param monitorId the monitor
     * @return {@code false} if there is no monitor {@code monitorId} (nothing changed)
     * @throws StoreException if the transaction failed; nothing changed
     */
    public boolean requestCheck(String monitorId) {
        Objects.requireNonNull(monitorId, "monitorId");
        if (memory != null) {
            return memoryTransaction(StoreTransaction.REQUEST_CHECK, monitorId, tables -> {
                if (tables.find(monitorId).isEmpty()) {
                    return false;
                }
                NodeTable.LeaseColumns lease = tables.leaseColumns(monitorId);
                tables.putLeaseColumns(monitorId, new NodeTable.LeaseColumns(lease.owner(), lease.token(), lease.expiresAtMs(),
                        lease.version() + 1, lease.checkRequests() + 1));
                return true;
            });
        }
        return transaction(StoreTransaction.REQUEST_CHECK, monitorId, session -> {
            PreparedStatement update = session.prepare(NodeTable.requestCheck(names));
            update.setString(1, monitorId);
            notifyNodes(session, monitorId);
            return update.executeUpdate() == 1;
        });
    }

    /** Whether this view's node holds the monitor's lease now: the fencing WHERE clause, locking the row. */
    private boolean fenceHolds(Session session, String monitorId) throws SQLException {
        Optional<Fence> fence = fences.of(monitorId);
        if (fence.isEmpty()) {
            return false;
        }
        PreparedStatement select = session.prepare(NodeTable.selectFencedForUpdate(names, dialect, databaseNowMsSql));
        select.setString(1, monitorId);
        select.setString(2, fence.get().nodeId());
        select.setLong(3, fence.get().token());
        try (ResultSet row = select.executeQuery()) {
            return row.next();
        }
    }

    private boolean memoryFenceHolds(MemoryTables tables, String monitorId) {
        Optional<Fence> fence = fences.of(monitorId);
        return fence.isPresent() && tables.fenceHolds(monitorId, fence.get(), tables.nowMs());
    }

    private StoreException fencedOff(StoreTransaction kind, String monitorId) {
        String holding = fences.of(monitorId).map(fence -> "node '" + fence.nodeId() + "' with token " + fence.token()).orElse("this node");
        return new StoreException(kind, describe("transaction", kind.label(), monitorId) + " refused: " + holding
                + " no longer holds the monitor's lease (fenced off); nothing changed", null);
    }

    /**
     * The "recover" transaction (SPEC R13): empties every monitor's {@code activeOperations},
     * stale after a restart by definition. Always exactly one transaction, even when nothing is
     * listed.
     *
     * @return how many monitors had a stored list that was not empty (an unparseable value
     *         counts: it is cleared too)
     * @throws StoreException if the transaction failed; nothing changed
     */
    public int clearAllActiveOperations() {
        if (memory != null) {
            return memoryTransaction(StoreTransaction.RECOVER, null, MemoryTables::clearAllActiveOperations);
        }
        return transaction(StoreTransaction.RECOVER, null, session -> {
            PreparedStatement update = session.prepare(sql.clearAllOperations);
            update.setString(1, OperationIds.EMPTY);
            update.setString(2, OperationIds.EMPTY);
            return update.executeUpdate();
        });
    }

    /**
     * The monitor as last committed.
     *
     * @param monitorId the monitor
     * @return its snapshot, or empty if there is none
     * @throws StoreException if the read failed or the stored row is not a valid monitor
     */
    public Optional<MonitorSnapshot> find(String monitorId) {
        Objects.requireNonNull(monitorId, "monitorId");
        if (memory != null) {
            return memoryRead(tables -> tables.find(monitorId));
        }
        return read("find", monitorId, session -> {
            PreparedStatement select = session.prepare(sql.selectMonitor);
            select.setString(1, monitorId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(snapshot(row)) : Optional.<MonitorSnapshot>empty();
            }
        });
    }

    /**
     * Every monitor as last committed, in one consistent read, in ascending id order
     * ({@link String#compareTo}, whatever the database's collation: SPEC R11 depends on it).
     *
     * @return their snapshots
     * @throws StoreException if the read failed or a stored row is not a valid monitor
     */
    public List<MonitorSnapshot> findAll() {
        if (memory != null) {
            return memoryRead(MemoryTables::findAll);
        }
        return read("find all", null, session -> {
            List<MonitorSnapshot> monitors = new ArrayList<>();
            try (ResultSet rows = session.prepare(sql.selectAllMonitors).executeQuery()) {
                while (rows.next()) {
                    monitors.add(snapshot(rows));
                }
            }
            monitors.sort(Comparator.comparing(MonitorSnapshot::id));
            return List.copyOf(monitors);
        });
    }

    /**
     * The monitor's check history in the order it was appended (a sequence number, not the
     * record's time: a wall clock can jump back).
     *
     * @param monitorId the monitor
     * @return its records, oldest first; empty if it has none or does not exist
     * @throws StoreException if the read failed or a stored record is invalid
     */
    public List<CheckRecord> history(String monitorId) {
        Objects.requireNonNull(monitorId, "monitorId");
        if (memory != null) {
            return memoryRead(tables -> tables.history(monitorId));
        }
        return read("history", monitorId, session -> readHistory(session, sql.selectHistory, monitorId, -1));
    }

    /**
     * The last {@code count} records of the monitor's history, oldest first: what a dashboard
     * shows, without reading a history that grows by one record per check.
     *
     * @param monitorId the monitor
     * @param count     how many records at most, 0 or more
     * @return the records, oldest first
     * @throws IllegalArgumentException if {@code count} is negative
     * @throws StoreException if the read failed
     */
    public List<CheckRecord> historyTail(String monitorId, int count) {
        Objects.requireNonNull(monitorId, "monitorId");
        if (count < 0) {
            throw new IllegalArgumentException("count = " + count + " must be >= 0");
        }
        if (memory != null) {
            return memoryRead(tables -> tables.historyTail(monitorId, count));
        }
        List<CheckRecord> newestFirst = read("history tail", monitorId, session -> readHistory(session, sql.selectHistoryTail, monitorId, count));
        return newestFirst.reversed();
    }

    /**
     * How many history records the monitor has.
     *
     * @param monitorId the monitor
     * @return the count; 0 for an unknown monitor
     * @throws StoreException if the read failed
     */
    public int historySize(String monitorId) {
        Objects.requireNonNull(monitorId, "monitorId");
        if (memory != null) {
            return memoryRead(tables -> tables.historySize(monitorId));
        }
        return read("history size", monitorId, session -> {
            PreparedStatement select = session.prepare(sql.countHistory);
            select.setString(1, monitorId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        });
    }

    /**
     * One page of the monitor's history, newest first: the {@code limit} records appended
     * before {@code before} (a cursor from an earlier page), or the newest ones when it is
     * empty. One query.
     *
     * @param monitorId the monitor
     * @param limit     1 … {@value HistoryPage#LIMIT_MAX}
     * @param before    the cursor of the page to read, or empty for the newest page
     * @return the page and the cursor of the next, older one
     * @throws IllegalArgumentException if {@code limit} is out of range
     * @throws StoreException if the read failed
     */
    public HistoryPage historyPage(String monitorId, int limit, OptionalLong before) {
        Objects.requireNonNull(monitorId, "monitorId");
        Objects.requireNonNull(before, "before");
        if (limit < 1 || limit > HistoryPage.LIMIT_MAX) {
            throw new IllegalArgumentException("limit = " + limit + " must be within 1 … " + HistoryPage.LIMIT_MAX);
        }
        if (memory != null) {
            return memoryRead(tables -> tables.historyPage(monitorId, limit, before));
        }
        return read("history page", monitorId, session -> {
            PreparedStatement select = session.prepare(before.isPresent() ? sql.selectHistoryPageBefore : sql.selectHistoryPage);
            int next = 1;
            select.setString(next++, monitorId);
            if (before.isPresent()) {
                select.setLong(next++, before.getAsLong());
            }
            select.setInt(next, limit + 1); // one more row says whether an older page exists
            List<CheckRecord> records = new ArrayList<>();
            long oldestSeq = 0;
            boolean more = false;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (records.size() == limit) {
                        more = true;
                        break;
                    }
                    records.add(historyRecord(rows));
                    oldestSeq = rows.getLong(6);
                }
            }
            return new HistoryPage(records, more ? OptionalLong.of(oldestSeq) : OptionalLong.empty());
        });
    }

    /**
     * Deletes the oldest part of the monitor's history beyond {@code retention}, in
     * transactions of at most {@code batchRowsMax} rows each, so that a long history never
     * holds the write lock for long; results keep landing between batches. Each batch commits
     * on its own: a failure leaves the earlier batches deleted and throws.
     *
     * @param monitorId    the monitor
     * @param retention    what to keep
     * @param nowMs        the wall time the age limit counts back from, epoch ms
     * @param batchRowsMax the most rows one transaction deletes, 1 or more
     * @return how many records were deleted
     * @throws StoreException if a batch failed
     */
    public long pruneHistory(String monitorId, HistoryRetention retention, long nowMs, int batchRowsMax) {
        Objects.requireNonNull(monitorId, "monitorId");
        Objects.requireNonNull(retention, "retention");
        if (batchRowsMax < 1) {
            throw new IllegalArgumentException("batchRowsMax = " + batchRowsMax + " must be >= 1");
        }
        long deleted = 0;
        while (true) {
            int batch = memory != null
                    ? memoryTransaction(StoreTransaction.PRUNE_HISTORY, monitorId,
                            tables -> tables.pruneBatch(monitorId, retention, nowMs, batchRowsMax))
                    : transaction(StoreTransaction.PRUNE_HISTORY, monitorId, session -> {
                int rows = 0;
                if (retention.ageMsMax() > 0) {
                    PreparedStatement byAge = session.prepare(sql.pruneByAge);
                    byAge.setString(1, monitorId);
                    byAge.setString(2, monitorId);
                    byAge.setLong(3, nowMs - retention.ageMsMax());
                    byAge.setString(4, monitorId);
                    byAge.setInt(5, batchRowsMax);
                    rows += byAge.executeUpdate();
                }
                if (retention.recordsMaxPerMonitor() > 0 && rows < batchRowsMax) {
                    PreparedStatement byCount = session.prepare(sql.pruneByCount);
                    byCount.setString(1, monitorId);
                    byCount.setString(2, monitorId);
                    byCount.setInt(3, retention.recordsMaxPerMonitor() - 1);
                    byCount.setInt(4, batchRowsMax - rows);
                    rows += byCount.executeUpdate();
                }
                return rows;
            });
            deleted += batch;
            // Ends: every full batch deleted rows that are gone, and the history is finite.
            if (batch < batchRowsMax) {
                return deleted;
            }
        }
    }

    /** Reads history rows of {@code sql}, whose parameters are the monitor id and, if {@code limit >= 0}, the limit. */
    private static List<CheckRecord> readHistory(Session session, String sql, String monitorId, int limit) throws SQLException {
        PreparedStatement select = session.prepare(sql);
        select.setString(1, monitorId);
        if (limit >= 0) {
            select.setInt(2, limit);
        }
        List<CheckRecord> records = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                records.add(historyRecord(rows));
            }
        }
        return List.copyOf(records);
    }

    /** The record in the current row, whose first five columns are the history columns. */
    private static CheckRecord historyRecord(ResultSet rows) throws SQLException {
        try {
            return new CheckRecord(rows.getString(1), rows.getLong(2),
                    MonitorStatus.valueOf(rows.getString(3)), rows.getLong(4), rows.getString(5));
        } catch (RuntimeException e) {
            throw new SQLException("a stored history record is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * The database's schema version.
     *
     * @return after opening, the number of migrations this code knows
     * @throws StoreException if the read failed
     */
    public int schemaVersion() {
        if (memory != null) {
            return memoryRead(tables -> migrationsApplied);
        }
        return read("schema version", null, this::readSchemaVersion);
    }

    /** How many migrations opening applied: 0 when the database was up to date. For tests. */
    int migrationsApplied() {
        return migrationsApplied;
    }

    /**
     * Closes the connection this repository owns (none when opened over a data source, which
     * stays the caller's), after any transaction in progress. Idempotent; later calls of other
     * methods throw {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (base != null) {
            return; // a fenced view: its base owns the connections
        }
        if (memory != null) {
            memoryClosed = true;
            return;
        }
        connections.close();
    }

    // ---------------------------------------------------------------- transactions

    @FunctionalInterface
    private interface Work<T> {
        T run(Session session) throws SQLException;
    }

    /**
     * Runs {@code work} as one transaction: commit if it returns, roll back if anything throws.
     * A SQL failure becomes a {@link StoreException}; anything else (a duplicate id, a
     * programmer error) is rethrown as is, after the rollback.
     */
    private <T> T transaction(StoreTransaction kind, String monitorId, Work<T> work) {
        return transaction(kind, kind.label(), monitorId, work);
    }

    /** {@link #transaction(StoreTransaction, String, Work)} with a more specific {@code name} for messages. */
    private <T> T transaction(StoreTransaction kind, String name, String monitorId, Work<T> work) {
        try {
            return connections.withSession(session -> {
                dialect.begin(session);
                try {
                    long boundMs = waitBoundMs.get();
                    if (boundMs > 0) {
                        dialect.boundWaits(session, boundMs);
                    }
                    T result = work.run(session);
                    dialect.commit(session);
                    return result;
                } catch (Throwable failure) {
                    rollback(session, failure, name, monitorId);
                    throw failure;
                }
            });
        } catch (SQLException e) {
            throw new StoreException(kind, describe("transaction", name, monitorId) + " failed: " + e.getMessage(), e);
        }
    }

    private void rollback(Session session, Throwable failure, String name, String monitorId) {
        try {
            dialect.rollback(session);
        } catch (SQLException | RuntimeException e) {
            // The database undoes an uncommitted transaction when the connection closes, so a
            // broken connection is closed rather than reused (an in-memory one cannot be: its
            // provider retries the rollback before the next transaction instead).
            failure.addSuppressed(e);
            session.markBroken();
            LOG.log(System.Logger.Level.WARNING, describe("transaction", name, monitorId) + ": rollback failed", e);
        }
    }

    /** The work of one in-memory transaction; it may throw what a {@link MemoryFaults} throws. */
    @FunctionalInterface
    interface MemoryWork<T> {
        T run(MemoryTables tables) throws SQLException;
    }

    /** {@link #transaction(StoreTransaction, String, Work)} on the in-memory tables. */
    <T> T memoryTransaction(StoreTransaction kind, String monitorId, MemoryWork<T> work) {
        String name = kind.label();
        synchronized (memory) {
            requireMemoryOpen();
            try {
                memoryFaults.reached(MemoryFaults.Stage.BEGIN);
                memory.begin();
                try {
                    memoryFaults.reached(MemoryFaults.Stage.WORK);
                    T result = work.run(memory);
                    memoryFaults.reached(MemoryFaults.Stage.COMMIT);
                    memory.commit();
                    return result;
                } catch (Throwable failure) {
                    memory.rollback();
                    try {
                        memoryFaults.reached(MemoryFaults.Stage.ROLLBACK);
                    } catch (SQLException | RuntimeException e) {
                        failure.addSuppressed(e);
                        LOG.log(System.Logger.Level.WARNING, describe("transaction", name, monitorId) + ": rollback failed", e);
                    }
                    throw failure;
                }
            } catch (SQLException e) {
                throw new StoreException(kind, describe("transaction", name, monitorId) + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** A read of the in-memory tables: one consistent look, like a single query. */
    private <T> T memoryRead(Function<MemoryTables, T> read) {
        synchronized (memory) {
            requireMemoryOpen();
            return read.apply(memory);
        }
    }

    private void requireMemoryOpen() {
        if (memoryClosed || (base != null && base.memoryClosed)) {
            throw new IllegalStateException("the in-memory monitor repository is closed");
        }
    }

    /** Runs {@code work}, a single query, outside any explicit transaction. */
    private <T> T read(String name, String monitorId, Work<T> work) {
        try {
            return connections.withSession(session -> {
                if (!session.connection().getAutoCommit()) {
                    // A pooled PostgreSQL connection may come without auto-commit; a read needs
                    // no transaction left open behind it.
                    session.connection().setAutoCommit(true);
                }
                return work.run(session);
            });
        } catch (SQLException e) {
            throw new StoreException(describe("read", name, monitorId) + " failed: " + e.getMessage(), e);
        }
    }

    private static String describe(String kind, String name, String monitorId) {
        return "store " + kind + " '" + name + "'" + (monitorId == null ? "" : " of monitor '" + monitorId + "'");
    }

    // ---------------------------------------------------------------- schema

    /**
     * Brings the schema to {@code migrations.size()}. The first transaction checks, before
     * writing anything, that the tables are this engine's ({@link #requireOwned}), then creates
     * the version table on an empty database; each missing step then runs in its own
     * transaction, which re-reads the version under the lock so that two processes opening at
     * once apply each step once.
     *
     * @return how many steps were applied
     */
    private int migrate(List<Migration> migrations, System.Logger.Level logLevel) {
        Migration.requireConsecutive(migrations);
        int known = migrations.size();
        int found = transaction(StoreTransaction.OPEN, null, session -> {
            Connection connection = session.connection();
            dialect.lockForMigration(connection);
            OptionalInt version = requireOwned(session, known);
            if (version.isPresent()) {
                return version.getAsInt();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + names.schemaVersion()
                        + " (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)");
                statement.execute("INSERT INTO " + names.schemaVersion() + " (id, version) VALUES (1, 0)");
            }
            return 0;
        });
        int applied = 0;
        for (Migration migration : migrations.subList(found, known)) {
            boolean ran = transaction(StoreTransaction.MIGRATE, "migrate to schema version " + migration.version(), null, session -> {
                Connection connection = session.connection();
                dialect.lockForMigration(connection);
                int current;
                try (Statement statement = connection.createStatement();
                     ResultSet row = statement.executeQuery(sql.selectSchemaVersionForUpdate)) {
                    current = row.next() ? row.getInt(1) : 0;
                }
                if (current >= migration.version()) {
                    return false; // another process applied it meanwhile
                }
                try (Statement statement = connection.createStatement()) {
                    for (String step : migration.statements()) {
                        statement.execute(step);
                    }
                    statement.executeUpdate("UPDATE " + names.schemaVersion() + " SET version = " + migration.version()
                            + " WHERE id = 1");
                }
                return true;
            });
            if (ran) {
                applied++;
                LOG.log(logLevel, "store schema migrated to version {0}: {1}",
                        migration.version(), migration.description());
            }
        }
        return applied;
    }

    /**
     * Decides, by reading only, whether this database may be used: returns the schema version
     * of Vigil's tables, or empty when none of the names is taken (an empty database, to be
     * created), and refuses everything else with a {@link StoreException} that says what was
     * found and what to do. Thrown inside the transaction, so it is rolled back with nothing
     * written.
     */
    private OptionalInt requireOwned(Session session, int known) throws SQLException {
        Set<String> present = dialect.existingRelations(session.connection(), names);
        String versionTable = names.unqualifiedTables().get(2);
        String where = names.schema().map(schema -> " in schema " + schema).orElse("");
        if (!present.contains(versionTable)) {
            if (present.isEmpty()) {
                return OptionalInt.empty();
            }
            throw new StoreException("the store refuses this database: it has " + String.join(", ", new TreeSet<>(present))
                    + where + " but no " + versionTable + " table, so they are not Vigil's; nothing was changed. Give the"
                    + " engine tables of its own with a table prefix (Builder.tablePrefix(\"vigil_\")) or another database", null);
        }
        int version;
        try (Statement statement = session.connection().createStatement();
             ResultSet row = statement.executeQuery(sql.selectSchemaVersion)) {
            if (!row.next()) {
                throw new SQLException("it has no row with id 1");
            }
            version = row.getInt(1);
        } catch (SQLException e) {
            throw new StoreException("the store refuses this database: its table " + names.schemaVersion()
                    + " is not Vigil's schema-version table (" + e.getMessage() + "); nothing was changed. Use a table"
                    + " prefix (Builder.tablePrefix(\"vigil_\")) or another database", e);
        }
        if (version > known) {
            throw new StoreException("the store's schema version " + version + " is newer than this code knows ("
                    + known + "): it was written by a newer Vigil; open it with that version or newer. Nothing was changed", null);
        }
        boolean tablesPresent = present.containsAll(names.unqualifiedTables());
        if (version == 0 ? present.size() > 1 : !tablesPresent) {
            throw new StoreException("the store refuses this database: its schema version is " + version + " but it has "
                    + String.join(", ", new TreeSet<>(present)) + where + ", not the tables of that version; nothing was"
                    + " changed. Repair or restore it, or give the engine a table prefix or another database", null);
        }
        return OptionalInt.of(version);
    }

    private int readSchemaVersion(Session session) throws SQLException {
        try (ResultSet row = session.prepare(sql.selectSchemaVersion).executeQuery()) {
            if (!row.next()) {
                throw new SQLException("the schema_version table has no row");
            }
            return row.getInt(1);
        }
    }

    // ---------------------------------------------------------------- rows

    /** The monitor in the current row of {@code row}, which selected the monitor columns of {@link Statements}. */
    private static MonitorSnapshot snapshot(ResultSet row) throws SQLException {
        String id = row.getString("id");
        MonitorSettings settings;
        MonitorStatus status;
        try {
            settings = SettingsColumns.read(row);
            status = MonitorStatus.valueOf(row.getString("status"));
        } catch (RuntimeException e) {
            // Settings are validated before they are stored, so this is a damaged or foreign row.
            throw new SQLException("the stored row of monitor '" + id + "' is invalid: " + e.getMessage(), e);
        }
        boolean monitoring = row.getBoolean("monitoring");
        long lastCheckedAt = row.getLong("last_checked_at");
        OptionalLong lastCheckedAtMs = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(lastCheckedAt);
        long responseTimeMs = row.getLong("response_time_ms");
        List<String> operations = decodeOperations(row.getString("active_operations"), id);
        return new MonitorSnapshot(id, settings, monitoring, status, lastCheckedAtMs, responseTimeMs, operations);
    }

    private static List<String> decodeOperations(String stored, String monitorId) {
        Optional<List<String>> decoded = OperationIds.decode(stored);
        if (decoded.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "monitor {0}: stored active_operations {1} is not a list of"
                    + " operation ids; read as empty (its ids are stale, SPEC I4)", monitorId, quote(stored));
            return List.of();
        }
        return decoded.get();
    }

    private static String quote(String stored) {
        if (stored == null) {
            return "NULL";
        }
        // Bounded: a damaged value could be large.
        return "'" + (stored.length() > 200 ? stored.substring(0, 200) + "…" : stored) + "'";
    }

    /** The stored form of {@code operationIds}, after checking each is a valid id. */
    private static String encodeOperations(List<String> operationIds) {
        List<String> ids = List.copyOf(operationIds);
        for (String id : ids) {
            requireOperationId(id);
        }
        return OperationIds.encode(ids);
    }

    private static List<String> without(List<String> ids, String removed) {
        return ids.stream().filter(id -> !id.equals(removed)).toList();
    }

    private static void requireOperationId(String operationId) {
        Objects.requireNonNull(operationId, "operationId");
        if (operationId.isBlank()) {
            throw new IllegalArgumentException("an operation id must not be blank (SPEC §1)");
        }
    }
}
