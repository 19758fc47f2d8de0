package dev.vigil.simulation.store;

import dev.vigil.engine.store.MonitorRepository;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The simulator's database: the real repository on a private in-memory SQLite database that
 * outlives engine incarnations (a crash loses the engine, not what it committed). Its connection
 * passes through here, so that the next write transaction can be made to fail, either when it
 * begins (nothing ran) or when it commits (its writes ran and are rolled back): the store faults
 * of SPEC R12.
 */
public final class SimulatedStore implements AutoCloseable {
    /** Where an injected failure strikes. */
    public enum FailurePoint {
        /** The transaction cannot begin. */
        BEGIN,
        /** The transaction's statements ran; its commit fails. */
        COMMIT
    }

    private final MonitorRepository repository;
    private Connection connection;
    private FailurePoint armed;
    private int failuresInjected;

    public SimulatedStore() {
        this.repository = MonitorRepository.openSqliteInMemory(this::decorate);
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
        return connection;
    }

    /** Makes the next write transaction fail at {@code point}; a second call while armed only moves the point. */
    public void failNextTransaction(FailurePoint point) {
        armed = point;
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

    private Connection decorate(Connection real) {
        this.connection = real;
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "prepareStatement" -> {
                            PreparedStatement statement = (PreparedStatement) call(real, method, args);
                            FailurePoint point = pointOf((String) args[0]);
                            return point == null ? statement : failing(statement, point);
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

    /** SQLite's transactions are statements: BEGIN IMMEDIATE and COMMIT (see the store's dialect). */
    private static FailurePoint pointOf(String sql) {
        String normalized = sql.strip().toUpperCase(Locale.ROOT);
        if (normalized.startsWith("BEGIN")) {
            return FailurePoint.BEGIN;
        }
        if (normalized.startsWith("COMMIT") || normalized.startsWith("END")) {
            return FailurePoint.COMMIT;
        }
        return null;
    }

    private PreparedStatement failing(PreparedStatement statement, FailurePoint point) {
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("execute")) {
                        strike(point);
                    }
                    return call(statement, method, args);
                });
    }

    private void strike(FailurePoint point) throws SQLException {
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
