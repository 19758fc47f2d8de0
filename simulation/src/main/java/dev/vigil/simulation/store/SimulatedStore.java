package dev.vigil.simulation.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The simulator's database: one private in-memory SQLite database that outlives engine
 * incarnations (a crash loses the engine, not what it committed), served as a
 * {@link DataSource} so the real repository code runs on it unchanged. It can make the next
 * write transaction fail, either when it begins (nothing ran) or when it commits (its writes ran
 * and are rolled back): the store faults of SPEC R12.
 */
public final class SimulatedStore implements DataSource, AutoCloseable {
    /** Where an injected failure strikes. */
    public enum FailurePoint {
        /** The transaction cannot begin. */
        BEGIN,
        /** The transaction's statements ran; its commit fails. */
        COMMIT
    }

    private final Connection connection;
    private FailurePoint armed;
    private int failuresInjected;

    public SimulatedStore() {
        try {
            connection = DriverManager.getConnection("jdbc:sqlite::memory:");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open an in-memory SQLite database: " + e.getMessage(), e);
        }
    }

    /** Makes the next write transaction fail at {@code point}. */
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
    public Connection getConnection() {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new SharedConnection());
    }

    @Override
    public Connection getConnection(String username, String password) {
        return getConnection();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /** The shared connection, minus close, with transaction statements that can be made to fail. */
    private final class SharedConnection implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    return null;
                case "isClosed":
                    return false;
                case "unwrap":
                    return connection.unwrap((Class<?>) args[0]);
                case "prepareStatement":
                    PreparedStatement statement = (PreparedStatement) call(connection, method, args);
                    FailurePoint point = pointOf((String) args[0]);
                    return point == null ? statement : failing(statement, point);
                case "commit":
                    strike(FailurePoint.COMMIT);
                    return call(connection, method, args);
                case "setAutoCommit":
                    if (Boolean.FALSE.equals(args[0])) {
                        strike(FailurePoint.BEGIN);
                    }
                    return call(connection, method, args);
                default:
                    return call(connection, method, args);
            }
        }
    }

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

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // No driver logging in the simulator: its output must be a function of the seed.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // Nothing to wait for: the database is in memory.
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
