package dev.vigil.engine.store;

import java.util.List;

/**
 * Every piece of SQL about nodes and per-monitor leases (SPEC §6, N4–N7), in one place: schema
 * step 4 and the statements of {@link NodeLeases} and of the fenced writes. A monitor's lease is
 * four columns on its own row (owner, token, expiry in DATABASE ms, change counter), so fencing a
 * write is one WHERE clause on the row the write already locks. Node heartbeats are rows of their
 * own table, on the database's clock, so that placement knows which nodes are alive.
 */
final class NodeTable {
    private NodeTable() {
    }

    /**
     * A monitor's lease columns.
     *
     * @param owner       the holder's node id; {@code ""} when nobody holds it (never claimed, or released)
     * @param token       the fencing token of the last claim; grows by one with every claim
     * @param expiresAtMs database time at which the lease stops being valid
     * @param version     grows by one with every command that changes the row (start, stop, update, a
     *                    forwarded checkNow), so that the owner learns of it by polling
     * @param checkRequests how many checkNow calls other nodes forwarded to the owner
     */
    record LeaseColumns(String owner, long token, long expiresAtMs, long version, long checkRequests) {
        /** A row nobody ever claimed. */
        static final LeaseColumns FREE = new LeaseColumns("", 0, 0, 0, 0);

        /** The same lease, one change later. */
        LeaseColumns changed() {
            return new LeaseColumns(owner, token, expiresAtMs, version + 1, checkRequests);
        }

        /** Whether {@code fence} holds this lease at database time {@code nowMs}. */
        boolean heldBy(Fence fence, long nowMs) {
            return owner.equals(fence.nodeId()) && token == fence.token() && nowMs < expiresAtMs;
        }
    }

    /** Schema step 4: the lease columns on every monitor, and the node table. */
    static List<String> migration(TableNames names) {
        String monitors = names.monitors();
        return List.of(
                "ALTER TABLE " + monitors + " ADD COLUMN lease_owner TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE " + monitors + " ADD COLUMN lease_token BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE " + monitors + " ADD COLUMN lease_expires_at_ms BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE " + monitors + " ADD COLUMN change_version BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE " + monitors + " ADD COLUMN check_requests BIGINT NOT NULL DEFAULT 0",
                """
                CREATE TABLE %s (
                    node_id TEXT NOT NULL PRIMARY KEY,
                    expires_at_ms BIGINT NOT NULL
                )""".formatted(names.engineNodes()));
    }

    /** The fencing WHERE clause, locking the row: parameters monitor id, node id, token. */
    static String selectFencedForUpdate(TableNames names, Dialect dialect, String nowMsSql) {
        return "SELECT id FROM " + names.monitors() + " WHERE id = ? AND lease_owner = ? AND lease_token = ? AND lease_expires_at_ms > "
                + nowMsSql + dialect.forUpdate();
    }

    /** Every monitor's lease columns, in id order: id, monitoring, owner, token, expiry, version, check requests, last checked. */
    static String selectLeases(TableNames names) {
        return "SELECT id, monitoring, lease_owner, lease_token, lease_expires_at_ms, change_version, check_requests, last_checked_at FROM "
                + names.monitors() + " ORDER BY id";
    }

    /** Renews every valid lease of a node: parameters new expiry, node id, now. */
    static String renewAll(TableNames names) {
        return "UPDATE " + names.monitors() + " SET lease_expires_at_ms = ? WHERE lease_owner = ? AND lease_expires_at_ms > ?";
    }

    /** Releases one holding: parameters monitor id, node id, token. The token stays: the next claim increments it. */
    static String release(TableNames names) {
        return "UPDATE " + names.monitors() + " SET lease_owner = '', lease_expires_at_ms = 0 WHERE id = ? AND lease_owner = ? AND lease_token = ?";
    }

    /**
     * Claims one monitor with the next token if its token is still the one read: parameters node id,
     * expiry, monitor id, token read. Its listed operations go: they are the last holder's, stale.
     */
    static String claim(TableNames names) {
        return "UPDATE " + names.monitors() + " SET lease_owner = ?, lease_token = lease_token + 1, lease_expires_at_ms = ?,"
                + " active_operations = '[]' WHERE id = ? AND lease_token = ?";
    }

    /** A forwarded checkNow: parameter monitor id. */
    static String requestCheck(TableNames names) {
        return "UPDATE " + names.monitors() + " SET check_requests = check_requests + 1, change_version = change_version + 1 WHERE id = ?";
    }

    /** A node's heartbeat: parameters node id, expiry; then the same for the update. */
    static String heartbeat(TableNames names) {
        return "INSERT INTO " + names.engineNodes() + " (node_id, expires_at_ms) VALUES (?, ?)"
                + " ON CONFLICT (node_id) DO UPDATE SET expires_at_ms = excluded.expires_at_ms";
    }

    /** The live nodes: parameter now. */
    static String liveNodes(TableNames names) {
        return "SELECT node_id, expires_at_ms FROM " + names.engineNodes() + " WHERE expires_at_ms > ? ORDER BY node_id";
    }

    /** Forgets a node: parameter node id. */
    static String leave(TableNames names) {
        return "DELETE FROM " + names.engineNodes() + " WHERE node_id = ?";
    }

    /** Forgets nodes dead for long: parameter cutoff. Keeps the table as small as the nodes that ran recently. */
    static String forgetDead(TableNames names) {
        return "DELETE FROM " + names.engineNodes() + " WHERE expires_at_ms < ?";
    }
}
