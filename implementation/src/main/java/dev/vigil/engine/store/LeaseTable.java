package dev.vigil.engine.store;

import java.util.List;

/**
 * Every piece of SQL about the engine lease, in one place (its table named by {@link TableNames}): the table's DDL (schema step 3) and
 * the statements of {@link EngineLeases}. The table has one row (id 1): which node holds the
 * store, the fencing token of that holding, and until when, in milliseconds of the DATABASE's
 * clock. The database's time is an SQL expression read inside each transaction, never a value
 * the node sends, so nodes whose clocks disagree still agree on whether a lease has expired.
 */
final class LeaseTable {
    private LeaseTable() {
    }

    /** Schema step 3: the table and its single row, free (no node, expired since the epoch). */
    static List<String> migration(TableNames names) {
        return List.of(
                """
                CREATE TABLE %s (
                    id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
                    node_id TEXT NOT NULL,
                    token BIGINT NOT NULL,
                    expires_at_ms BIGINT NOT NULL
                )""".formatted(names.engineLease()),
                "INSERT INTO " + names.engineLease() + " (id, node_id, token, expires_at_ms) VALUES (1, '', 0, 0)");
    }

    /**
     * The row and the database's time, locked for the transaction's write: columns node_id,
     * token, expires_at_ms, now_ms.
     */
    static String selectForUpdate(TableNames names, Dialect dialect, String nowMsSql) {
        return "SELECT node_id, token, expires_at_ms, " + nowMsSql + " AS now_ms FROM " + names.engineLease() + " WHERE id = 1"
                + dialect.forUpdate();
    }

    /** Parameters: node id, token, expiry (database ms). Used to claim, renew and release. */
    static String write(TableNames names) {
        return "UPDATE " + names.engineLease() + " SET node_id = ?, token = ?, expires_at_ms = ? WHERE id = 1";
    }
}
