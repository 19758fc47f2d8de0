package dev.vigil.engine.store;

import java.sql.SQLException;

/**
 * Where a repository's transactions get their connection: a fresh one from a data source per
 * transaction, or one long-lived connection shared under a lock. Implementations are
 * thread-safe; a session is used by one caller at a time.
 */
interface ConnectionProvider {

    /** Runs {@code work} on a session that no other caller uses meanwhile. */
    <T> T withSession(SessionWork<T> work) throws SQLException;

    /** Releases the connection(s) owned; later calls of {@link #withSession} fail. Idempotent. */
    void close();

    /** Work that needs a session. */
    @FunctionalInterface
    interface SessionWork<T> {
        T run(Session session) throws SQLException;
    }
}
