package dev.vigil.simulation.store;

import dev.vigil.engine.store.MemoryFaults;
import dev.vigil.engine.store.MonitorRepository;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The simulator's database: the real repository, on in-memory tables ({@link StoreKind#MEMORY})
 * or on a private in-memory SQLite database ({@link StoreKind#SQLITE}), that outlives engine
 * incarnations (a crash loses the engine, not what it committed). Every transaction passes
 * through here (the SQLite connection, or the in-memory store's {@link MemoryFaults} stages), so
 * that the next write transaction can be made to fail, either when it begins (nothing ran), when
 * it commits (its writes ran and are rolled back), or in between as a dropped connection whose
 * rollback fails too: the store faults of SPEC R12, the same on both kinds.
 */
public final class SimulatedStore implements AutoCloseable {
    /** Where an injected failure strikes. */
    public enum FailurePoint {
        /** The transaction cannot begin. */
        BEGIN,
        /** The transaction's statements ran; its commit fails. */
        COMMIT,
        /**
         * The connection drops inside the transaction: its first statement fails, and so does the
         * rollback, which leaves the connection in an unknown state that the repository must clear
         * before the next transaction runs.
         */
        DROP
    }

    private final StoreKind kind;
    private final MonitorRepository repository;
    private Connection connection;
    private FailurePoint armed;
    private int failuresInjected;
    /** Every transaction fails at BEGIN while set: the writer acting now is cut off from the store. */
    private boolean unreachable;
    /** A DROP struck at BEGIN: the transaction's next statement fails. */
    private boolean dropping;
    /** A DROP's transaction failed: its rollback fails too, once. */
    private boolean rollbackFails;

    /** A store of {@code kind} whose database clock, the one engine leases are measured on, is the system's (as SQLite's own). */
    public SimulatedStore(StoreKind kind) {
        this.kind = kind;
        this.repository = kind == StoreKind.MEMORY
                ? MonitorRepository.openInMemory(this::reached, System::currentTimeMillis)
                : MonitorRepository.openSqliteInMemory(this::decorate);
    }

    /**
     * A store whose database clock, the one engine leases are measured on, is {@code
     * databaseClockMs} (the virtual clock) instead of the system's: a lease then expires in
     * virtual time, and a run with leases stays reproducible.
     *
     * @param databaseClockMs the database's time in ms
     */
    public SimulatedStore(StoreKind kind, LongSupplier databaseClockMs) {
        this.kind = kind;
        this.repository = kind == StoreKind.MEMORY
                ? MonitorRepository.openInMemory(this::reached, databaseClockMs)
                : MonitorRepository.openSqliteInMemory(this::decorate, databaseClockMs);
    }

    public StoreKind kind() {
        return kind;
    }

    /** The repository every engine incarnation of the run shares. */
    public MonitorRepository repository() {
        return repository;
    }

    /**
     * The undecorated connection, for variants that write past the repository the way buggy code
     * does. Never close it.
     */
    public Connection rawConnection() {
        if (kind != StoreKind.SQLITE) {
            throw new IllegalStateException("the " + kind.label() + " store has no SQL connection: a variant that writes SQL"
                    + " past the repository must say so (EngineVariant.needsSqlite)");
        }
        return connection;
    }

    /** Makes the next write transaction fail at {@code point}; a second call while armed only moves the point. */
    public void failNextTransaction(FailurePoint point) {
        armed = point;
    }

    /**
     * Another engine on the same store starts: its recovery empties every stored {@code
     * activeOperations}, through the same repository code, behind this engine's back.
     */
    public void recoverAsAnotherEngine() {
        outsideThisEngine(repository::clearAllActiveOperations);
    }

    /**
     * Runs a write that is not one of this engine's transactions (another writer's, or a buggy
     * composition's write past the engine's own path): an armed failure waits for the next
     * transaction of this engine.
     */
    public void outsideThisEngine(Runnable write) {
        FailurePoint waiting = armed;
        armed = null;
        try {
            write.run();
        } finally {
            armed = waiting;
        }
    }

    /**
     * Cuts the writer that acts now off from the store, or lets it reach it again: while cut off,
     * every transaction fails when it begins, so nothing of it is written. The multi-node harness
     * sets it around each step of a node that is cut off (the nodes share one repository, and the
     * simulation runs one node's step at a time). Reads pass: a cut-off node's own reads are not
     * what the node invariants judge.
     *
     * @param value whether the acting writer is cut off
     */
    public void unreachable(boolean value) {
        unreachable = value;
    }

    public boolean armed() {
        return armed != null;
    }

    public int failuresInjected() {
        return failuresInjected;
    }

    @Override
    public void close() {
        repository.close();
    }

    /** The in-memory store's stages: the faults strike where they strike a SQLite transaction's statements. */
    private void reached(MemoryFaults.Stage stage) throws SQLException {
        switch (stage) {
            case BEGIN -> {
                strike(FailurePoint.BEGIN);
                if (armed == FailurePoint.DROP) {
                    armed = null;
                    failuresInjected++;
                    dropping = true;
                }
            }
            case WORK, COMMIT -> {
                if (dropping) {
                    dropping = false;
                    rollbackFails = true;
                    throw new SQLException("injected connection drop");
                }
                if (stage == MemoryFaults.Stage.COMMIT) {
                    strike(FailurePoint.COMMIT);
                }
            }
            case ROLLBACK -> {
                if (rollbackFails) {
                    rollbackFails = false;
                    throw new SQLException("injected connection drop: the rollback failed too");
                }
            }
        }
    }

    private Connection decorate(Connection real) {
        this.connection = real;
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "prepareStatement" -> {
                            return watched((PreparedStatement) call(real, method, args), kindOf((String) args[0]));
                        }
                        case "commit" -> strike(FailurePoint.COMMIT);
                        case "setAutoCommit" -> {
                            if (Boolean.FALSE.equals(args[0])) {
                                strike(FailurePoint.BEGIN);
                            }
                        }
                        default -> {
                            // Everything else behaves exactly as the real connection.
                        }
                    }
                    return call(real, method, args);
                });
    }

    /** What a statement is to the fault injection. SQLite's transactions are statements (see the store's dialect). */
    private enum StatementKind {
        BEGIN, COMMIT, ROLLBACK, OTHER
    }

    private static StatementKind kindOf(String sql) {
        String normalized = sql.strip().toUpperCase(Locale.ROOT);
        if (normalized.startsWith("BEGIN")) {
            return StatementKind.BEGIN;
        }
        if (normalized.startsWith("COMMIT") || normalized.startsWith("END")) {
            return StatementKind.COMMIT;
        }
        return normalized.startsWith("ROLLBACK") ? StatementKind.ROLLBACK : StatementKind.OTHER;
    }

    /** Every statement passes through here: an armed failure strikes when it executes. */
    private PreparedStatement watched(PreparedStatement statement, StatementKind kind) {
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                    if (!method.getName().startsWith("execute")) {
                        return call(statement, method, args);
                    }
                    switch (kind) {
                        case BEGIN -> {
                            strike(FailurePoint.BEGIN);
                            Object began = call(statement, method, args);
                            if (armed == FailurePoint.DROP) {
                                armed = null;
                                failuresInjected++;
                                dropping = true;
                            }
                            return began;
                        }
                        case ROLLBACK -> {
                            if (rollbackFails) {
                                rollbackFails = false;
                                throw new SQLException("injected connection drop: the rollback failed too");
                            }
                        }
                        case COMMIT, OTHER -> {
                            if (dropping) {
                                dropping = false;
                                rollbackFails = true;
                                throw new SQLException("injected connection drop");
                            }
                            if (kind == StatementKind.COMMIT) {
                                strike(FailurePoint.COMMIT);
                            }
                        }
                    }
                    return call(statement, method, args);
                });
    }

    private void strike(FailurePoint point) throws SQLException {
        if (unreachable && point == FailurePoint.BEGIN) {
            throw new SQLException("injected: the store is unreachable from this node");
        }
        if (armed == point) {
            armed = null;
            failuresInjected++;
            throw new SQLException("injected store failure at " + point);
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
