package dev.vigil.engine.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One long-lived connection, used by one transaction at a time under a lock. For SQLite this
 * is both the fastest and the safest shape: the database has a single writer anyway, so
 * queueing in the JVM replaces "database is locked" retries, and no transaction pays for
 * opening a connection. A file database's connection is reopened when it was closed or left
 * in an unknown state; an in-memory database's cannot be (its data lives in the connection).
 */
final class SingleConnection implements ConnectionProvider {
    /** Opens a new connection to the same database. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    /** Ends whatever transaction a connection may still have open (the dialect's rollback). */
    @FunctionalInterface
    interface Reset {
        void reset(Session session) throws SQLException;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Opener opener;
    private final Reset reset;
    private final boolean reopenable;
    private final String description;
    private final System.Logger log;
    private Session session; // guarded by lock
    private boolean closed; // guarded by lock

    /** Opens the connection at once, so a database that cannot be opened fails the factory. */
    SingleConnection(Opener opener, Reset reset, boolean reopenable, String description, System.Logger log)
            throws SQLException {
        this.opener = opener;
        this.reset = reset;
        this.reopenable = reopenable;
        this.description = description;
        this.log = log;
        this.session = new Session(opener.open());
    }

    @Override
    public <T> T withSession(SessionWork<T> work) throws SQLException {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the monitor repository on " + description + " is closed");
            }
            Session current = current();
            try {
                return work.run(current);
            } finally {
                if (current.broken() && reopenable) {
                    // Closing the connection ends its transaction without committing it.
                    log.log(System.Logger.Level.WARNING, "store connection to {0} is in an unknown state after a"
                            + " failed rollback; it is closed and the next transaction reopens it", description);
                    current.close(log);
                    session = null;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private Session current() throws SQLException {
        if (session != null && session.connection().isClosed()) {
            if (!reopenable) {
                throw new SQLException("the connection to " + description + " was closed; an in-memory database"
                        + " lives in its connection, so its data is gone");
            }
            log.log(System.Logger.Level.WARNING, "store connection to {0} was closed; reopening it", description);
            session.close(log);
            session = null;
        }
        if (session == null) {
            session = new Session(opener.open());
        }
        if (session.broken()) {
            // Only an in-memory connection stays after a failed rollback: it holds the data.
            // Try the rollback again before anything else runs on it; if that fails too, every
            // transaction fails (clearly) rather than one running inside a stale one.
            reset.reset(session);
            session.clearBroken();
            log.log(System.Logger.Level.INFO, "store connection to {0}: the retried rollback succeeded", description);
        }
        return session;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                if (session != null) {
                    session.close(log);
                    session = null;
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
