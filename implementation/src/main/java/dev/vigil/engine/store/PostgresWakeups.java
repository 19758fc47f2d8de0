package dev.vigil.engine.store;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * {@link NodeWakeups} on PostgreSQL: {@code LISTEN} on one connection of its own. The driver is
 * reached by reflection ({@code PGConnection#getNotifications(int)}), because the engine does not
 * depend on the PostgreSQL driver: the application brings it with its data source. A wait of 1 ms
 * reads what already arrived on the socket, without a round trip to the server.
 */
final class PostgresWakeups implements NodeWakeups {
    private static final System.Logger LOG = System.getLogger(PostgresWakeups.class.getName());

    private final Connection connection;
    private final Object listener;
    private final Method getNotifications;
    private volatile boolean broken;

    private PostgresWakeups(Connection connection, Object listener, Method getNotifications) {
        this.connection = connection;
        this.listener = listener;
        this.getNotifications = getNotifications;
    }

    /** Listens on {@code channel}, or answers {@link NodeWakeups#NONE} (with a warning) if the driver or server cannot. */
    static NodeWakeups open(DataSource dataSource, String channel) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            Class<?> pgConnection = Class.forName("org.postgresql.PGConnection", false, connection.getClass().getClassLoader());
            Object listener = connection.unwrap(pgConnection);
            Method getNotifications = pgConnection.getMethod("getNotifications", int.class);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN \"" + channel + "\"");
            }
            return new PostgresWakeups(connection, listener, getNotifications);
        } catch (SQLException | ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "LISTEN for node commands is not available (" + e + "); nodes learn of commands by polling");
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // Already falling back to polling.
                }
            }
            return NodeWakeups.NONE;
        }
    }

    @Override
    public boolean listening() {
        return !broken;
    }

    @Override
    public boolean woken() {
        if (broken) {
            return false;
        }
        try {
            Object arrived = getNotifications.invoke(listener, 1);
            return arrived != null && java.lang.reflect.Array.getLength(arrived) > 0;
        } catch (ReflectiveOperationException | RuntimeException e) {
            broken = true;
            LOG.log(System.Logger.Level.WARNING, "the LISTEN connection for node commands failed (" + e + "); nodes go on by polling");
            return false;
        }
    }

    @Override
    public void close() {
        broken = true;
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the LISTEN connection failed", e);
        }
    }
}
