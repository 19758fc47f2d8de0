package dev.vigil.engine.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that makes chosen JDBC calls fail, for proving that a store transaction which
 * fails at any point leaves nothing half-written (SPEC R12). It wraps another data source (or,
 * through {@link #wrap}, a single connection) with {@link Proxy} objects that pass every call
 * through until a switch is armed.
 *
 * <p>Each switch is one-shot: it fails the first matching call after it is armed, then
 * disarms. A failing call throws {@link SQLException} <em>before</em> reaching the database, so
 * the transaction is left open exactly as if the database had refused (a busy or full
 * database): the code under test must roll it back. Switches are thread-safe.
 *
 * <p>Transactions are recognised both ways JDBC code delimits them: {@code setAutoCommit(false)},
 * {@code commit()}, {@code rollback()}, and the SQL statements {@code BEGIN …}, {@code COMMIT}
 * / {@code END}, {@code ROLLBACK} (how the SQLite dialect takes its write lock).
 */
public final class FailingDataSource implements DataSource {
    private final DataSource delegate;
    private final AtomicBoolean failNextTransaction = new AtomicBoolean();
    private final AtomicBoolean failNextCommit = new AtomicBoolean();
    private final AtomicBoolean failNextRollback = new AtomicBoolean();
    private final AtomicReference<String> failNextStatementContaining = new AtomicReference<>();
    private final AtomicInteger failuresInjected = new AtomicInteger();

    /** Wraps {@code delegate}; with no switch armed, it behaves exactly like it. */
    public FailingDataSource(DataSource delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The next transaction fails when it begins, before it has read or written anything. */
    public void failNextTransaction() {
        failNextTransaction.set(true);
    }

    /** The next commit fails; everything the transaction wrote is still uncommitted. */
    public void failOnCommit() {
        failNextCommit.set(true);
    }

    /** The next rollback fails, leaving the connection in an unknown state. */
    public void failNextRollback() {
        failNextRollback.set(true);
    }

    /**
     * The next statement whose SQL contains {@code sqlFragment} (ignoring case) fails when
     * executed; earlier statements of its transaction have run.
     */
    public void failNextStatementContaining(String sqlFragment) {
        failNextStatementContaining.set(sqlFragment.toLowerCase(Locale.ROOT));
    }

    /** Disarms every switch. */
    public void reset() {
        failNextTransaction.set(false);
        failNextCommit.set(false);
        failNextRollback.set(false);
        failNextStatementContaining.set(null);
    }

    /** How many calls were made to fail so far: tests check a failure really was injected. */
    public int failuresInjected() {
        return failuresInjected.get();
    }

    /** {@code connection} with this data source's switches applied to it. */
    public Connection wrap(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        return proxy(Connection.class, new ConnectionHandler(connection));
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(delegate.getConnection(username, password));
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || delegate.isWrapperFor(type);
    }

    // ---------------------------------------------------------------- the switches

    private void maybeFail(AtomicBoolean armed, String what) throws SQLException {
        if (armed.compareAndSet(true, false)) {
            failuresInjected.incrementAndGet();
            throw new SQLException("injected failure: " + what);
        }
    }

    /** Applies the switches to a statement about to execute {@code sql}. */
    private void beforeExecute(String sql) throws SQLException {
        if (sql == null) {
            return;
        }
        String normalized = sql.strip().toLowerCase(Locale.ROOT);
        if (normalized.startsWith("begin")) {
            maybeFail(failNextTransaction, "transaction begin (" + sql + ")");
        } else if (normalized.startsWith("commit") || normalized.startsWith("end")) {
            maybeFail(failNextCommit, "commit (" + sql + ")");
        } else if (normalized.startsWith("rollback")) {
            maybeFail(failNextRollback, "rollback (" + sql + ")");
        }
        String fragment = failNextStatementContaining.get();
        if (fragment != null && normalized.contains(fragment)
                && failNextStatementContaining.compareAndSet(fragment, null)) {
            failuresInjected.incrementAndGet();
            throw new SQLException("injected failure: statement " + sql);
        }
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(FailingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause(); // the driver's own exception, unchanged
        }
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Connection target;

        ConnectionHandler(Connection target) {
            this.target = target;
        }

        // A proxy equals only itself; calling its equals would come back to this handler.
        @SuppressWarnings("ReferenceEquality")
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "createStatement" -> {
                    Statement statement = (Statement) FailingDataSource.invoke(target, method, args);
                    return proxy(Statement.class, new StatementHandler(statement, null, (Connection) proxy));
                }
                case "prepareStatement" -> {
                    PreparedStatement statement = (PreparedStatement) FailingDataSource.invoke(target, method, args);
                    return proxy(PreparedStatement.class, new StatementHandler(statement, (String) args[0], (Connection) proxy));
                }
                case "prepareCall" -> {
                    CallableStatement statement = (CallableStatement) FailingDataSource.invoke(target, method, args);
                    return proxy(CallableStatement.class, new StatementHandler(statement, (String) args[0], (Connection) proxy));
                }
                case "setAutoCommit" -> {
                    if (Boolean.FALSE.equals(args[0])) {
                        maybeFail(failNextTransaction, "transaction begin (setAutoCommit(false))");
                    }
                }
                case "commit" -> maybeFail(failNextCommit, "commit()");
                case "rollback" -> {
                    if (args == null || args.length == 0) {
                        maybeFail(failNextRollback, "rollback()");
                    }
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {
                }
            }
            return FailingDataSource.invoke(target, method, args);
        }
    }

    private final class StatementHandler implements InvocationHandler {
        private final Statement target;
        private final String preparedSql;
        private final Connection connection;

        StatementHandler(Statement target, String preparedSql, Connection connection) {
            this.target = target;
            this.preparedSql = preparedSql;
            this.connection = connection;
        }

        // A proxy equals only itself; calling its equals would come back to this handler.
        @SuppressWarnings("ReferenceEquality")
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.startsWith("execute")) {
                // Statement.execute(sql …) names its SQL; a prepared statement's was given earlier.
                beforeExecute(args != null && args.length > 0 && args[0] instanceof String sql ? sql : preparedSql);
            } else if (name.equals("getConnection")) {
                return connection;
            } else if (name.equals("equals")) {
                return proxy == args[0];
            } else if (name.equals("hashCode")) {
                return System.identityHashCode(proxy);
            }
            return FailingDataSource.invoke(target, method, args);
        }
    }
}
