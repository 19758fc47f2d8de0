package dev.vigil.stress.nodes;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What the database itself saw of the nodes, recorded by triggers the engine knows nothing of:
 * for every history row (an applied result), which node's connection inserted it (PostgreSQL's
 * {@code application_name}, set by {@link NodeProcess}) and the monitor's lease columns and the
 * database time in that same transaction; for every change of a monitor's lease token, the new
 * owner and the database time. The engine's account is not trusted: a node that applied without
 * the lease shows up here whatever the engine believed.
 */
final class NodeAudit {
    private static final String NOW_MS = "CAST(FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000) AS BIGINT)";
    /** PostgreSQL's now(): when the transaction began, before the engine's fence check in it. */
    private static final String TRANSACTION_START_MS = "CAST(FLOOR(EXTRACT(EPOCH FROM now()) * 1000) AS BIGINT)";

    /**
     * One applied result as the database saw it: {@code owner}, {@code token} and {@code
     * expiresAtMs} are the monitor's lease columns in the applying transaction, which holds the
     * row's lock from its fence check on, so no claim came between the check and this insert.
     */
    record Apply(long seq, String monitorId, String operationId, String applier, String owner, long token, long expiresAtMs,
            long transactionStartMs, long atDatabaseMs) {
        /**
         * Whether the node that wrote it held a valid lease on the monitor (SPEC §6, NI2): it is
         * the lease's owner with the current token (the row is locked, so that is the token it
         * checked), and the lease was valid when its transaction began, before the check.
         */
        boolean byHolder() {
            return applier.equals(owner) && transactionStartMs < expiresAtMs;
        }

        /**
         * Whether the transaction committed after the lease's expiry. Allowed: the row's lock
         * orders it before any claim, which waits for it; counted, not a violation.
         */
        boolean committedAfterExpiry() {
            return atDatabaseMs >= expiresAtMs;
        }
    }

    /** One claim: the monitor's lease passed to {@code owner} with {@code token}. */
    record Claim(String monitorId, String owner, long token, long atDatabaseMs) {
    }

    private final DataSource database;
    private final String schema;

    private NodeAudit(DataSource database, String schema) {
        this.database = database;
        this.schema = schema;
    }

    /** Installs the triggers on the engine's tables in {@code schema}, which must exist (an engine was built on it). */
    static NodeAudit install(DataSource database, String schema) throws SQLException {
        String s = schema + ".";
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + s + "audit_applies (seq BIGINT NOT NULL, monitor_id TEXT NOT NULL, operation_id TEXT NOT NULL,"
                    + " applier TEXT NOT NULL, owner TEXT NOT NULL, token BIGINT NOT NULL, expires_at_ms BIGINT NOT NULL,"
                    + " transaction_start_ms BIGINT NOT NULL, at_ms BIGINT NOT NULL)");
            statement.execute("CREATE TABLE " + s + "audit_claims (monitor_id TEXT NOT NULL, owner TEXT NOT NULL, token BIGINT NOT NULL,"
                    + " at_ms BIGINT NOT NULL)");
            statement.execute("CREATE FUNCTION " + s + "audit_apply() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " INSERT INTO " + s + "audit_applies SELECT NEW.seq, NEW.monitor_id, NEW.operation_id,"
                    + " current_setting('application_name'), m.lease_owner, m.lease_token, m.lease_expires_at_ms, " + TRANSACTION_START_MS + ", " + NOW_MS
                    + " FROM " + s + "monitors m WHERE m.id = NEW.monitor_id; RETURN NEW; END $$");
            statement.execute("CREATE TRIGGER audit_apply AFTER INSERT ON " + s + "history FOR EACH ROW EXECUTE FUNCTION " + s
                    + "audit_apply()");
            statement.execute("CREATE FUNCTION " + s + "audit_claim() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF NEW.lease_token <> OLD.lease_token THEN INSERT INTO " + s + "audit_claims VALUES (NEW.id, NEW.lease_owner,"
                    + " NEW.lease_token, " + NOW_MS + "); END IF; RETURN NEW; END $$");
            statement.execute("CREATE TRIGGER audit_claim AFTER UPDATE ON " + s + "monitors FOR EACH ROW EXECUTE FUNCTION " + s
                    + "audit_claim()");
        }
        return new NodeAudit(database, schema);
    }

    /** The database's time now, in ms. */
    long databaseNowMs() throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT " + NOW_MS)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Every applied result, in the order of the database's time. */
    List<Apply> applies() throws SQLException {
        List<Apply> applies = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT seq, monitor_id, operation_id, applier, owner, token, expires_at_ms,"
                        + " transaction_start_ms, at_ms FROM "
                        + schema + ".audit_applies ORDER BY at_ms, seq")) {
            while (rows.next()) {
                applies.add(new Apply(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                        rows.getLong(6), rows.getLong(7), rows.getLong(8), rows.getLong(9)));
            }
        }
        return applies;
    }

    /** Every claim, in the order of the database's time. */
    List<Claim> claims() throws SQLException {
        List<Claim> claims = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT monitor_id, owner, token, at_ms FROM " + schema
                        + ".audit_claims ORDER BY at_ms")) {
            while (rows.next()) {
                claims.add(new Claim(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getLong(4)));
            }
        }
        return claims;
    }

    /** Every (monitor, operation) pair of the history table, as {@code "monitor operation"}. */
    Set<String> historyPairs() throws SQLException {
        Set<String> pairs = new HashSet<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT monitor_id, operation_id FROM " + schema + ".history")) {
            while (rows.next()) {
                pairs.add(rows.getString(1) + " " + rows.getString(2));
            }
        }
        return pairs;
    }

    /** Which node holds each monitor's lease now, by the monitors table. */
    Map<String, String> owners() throws SQLException {
        Map<String, String> owners = new HashMap<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, lease_owner FROM " + schema + ".monitors")) {
            while (rows.next()) {
                owners.put(rows.getString(1), rows.getString(2));
            }
        }
        return owners;
    }
}
