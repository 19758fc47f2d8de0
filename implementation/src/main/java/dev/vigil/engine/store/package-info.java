/**
 * The engine's store: {@link dev.vigil.engine.store.MonitorRepository}, plain JDBC over SQLite
 * (the embedded default, a file in WAL mode or a private in-memory database) or PostgreSQL, or
 * in-memory tables without SQL ({@code MemoryTables}) for the simulator.
 *
 * <p>What the package guarantees: every writing method is one transaction that commits whole or
 * changes nothing and throws {@link dev.vigil.engine.StoreException} (SPEC R12); the result
 * compare-and-set is decided and written under one write lock (SPEC §3, R6); the schema is
 * versioned and only ever migrated forward; a database whose tables are not the store's is refused
before anything is written; every table name comes from one {@link
dev.vigil.engine.store.TableNames}, so engines with different prefixes share a database. Everything but the repository is package-private:
 * the SQL dialect, the statement texts, the connection providers, the migration list and the text form of
 * {@code active_operations}.
 */
package dev.vigil.engine.store;
