package dev.vigil.engine.store;

import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A connection per transaction from a caller's data source (typically a pool), closed after.
 * Thread-safe because the data source is; concurrency control is the database's (see
 * {@link Dialect}). The data source belongs to the caller: closing this does not close it.
 */
final class DataSourceConnections implements ConnectionProvider {
    private final DataSource dataSource;
    private final System.Logger log;
    private volatile boolean closed;

    DataSourceConnections(DataSource dataSource, System.Logger log) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.log = log;
    }

    /** The caller's data source: a node's LISTEN connection comes from it too. */
    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public <T> T withSession(SessionWork<T> work) throws SQLException {
        if (closed) {
            throw new IllegalStateException("the monitor repository is closed");
        }
        Session session = new Session(dataSource.getConnection());
        try {
            return work.run(session);
        } finally {
            session.close(log);
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
