package dev.vigil.engine.store;

import dev.vigil.engine.StoreException;
import dev.vigil.engine.StoreTransaction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The store's engine lease: which engine instance (node) may schedule and probe the monitors of
 * this store, and until when on the database's clock. Each method is one transaction that reads
 * the lease row under the store's write lock (SQLite {@code BEGIN IMMEDIATE}, PostgreSQL {@code
 * SELECT … FOR UPDATE}), together with the database's current time, and decides on those values
 * alone: two engines opening at once take turns, and the one that comes second sees the first's
 * lease. The fencing token grows by one on every claim, so a holder that lost the lease and
 * renews with its old token is told so even when the new holder has the same node id.
 */
public final class EngineLeases {
    private final MonitorRepository repository;

    EngineLeases(MonitorRepository repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    /**
     * A lease held: by whom, with which fencing token, until when.
     *
     * @param nodeId      the holder's node id; {@code ""} for a released lease
     * @param token       the fencing token of this holding: one more than the holding before it
     * @param expiresAtMs until when, in ms since the epoch on the database's clock
     */
    public record Grant(String nodeId, long token, long expiresAtMs) {
        /** Checks that {@code nodeId} is present. */
        public Grant {
            Objects.requireNonNull(nodeId, "nodeId");
        }
    }

    /** The answer to a claim: the store is ours, or another node holds it. */
    public sealed interface Claim {
        /**
         * The lease is this node's now.
         *
         * @param grant the new holding
         */
        record Claimed(Grant grant) implements Claim {}

        /**
         * Another node's lease is valid: nothing changed.
         *
         * @param holder the other node's holding
         * @param nowMs  the database's time when it was read, ms since the epoch
         */
        record Held(Grant holder, long nowMs) implements Claim {}

        /**
         * Multi-node engines use this store (a node's heartbeat is valid): nothing changed.
         *
         * @param node  a live node: its id and heartbeat expiry
         * @param nowMs the database's time when it was read, ms since the epoch
         */
        record NodesHold(Grant node, long nowMs) implements Claim {}
    }

    /** The answer to a renewal: still ours (with the new expiry), or lost to {@code holder}. */
    public sealed interface Renewal {
        /**
         * Renewed.
         *
         * @param grant the holding, valid until its new expiry
         */
        record Renewed(Grant grant) implements Renewal {}

        /**
         * Another claim replaced ours (which had expired): nothing changed.
         *
         * @param holder the row as found; its node id is {@code ""} when the new holder released it since
         * @param nowMs  the database's time when it was read, ms since the epoch
         */
        record Lost(Grant holder, long nowMs) implements Renewal {}
    }

    /**
     * Claims the lease for {@code nodeId} for {@code leaseMs}, unless another node's lease is still
     * valid. An expired lease (its holder crashed or was paused) is taken over, and so is a valid
     * one of the same node id (the same node restarted).
     *
     * @param nodeId  the claiming node
     * @param leaseMs how long the lease lasts unless renewed, in ms of the database's clock, above 0
     * @return the claim's outcome
     * @throws StoreException if the transaction failed; nothing changed
     */
    public Claim claim(String nodeId, long leaseMs) {
        Objects.requireNonNull(nodeId, "nodeId");
        requireLease(leaseMs);
        return transaction(StoreTransaction.CLAIM_LEASE, (row, writer) -> {
            if (row.liveNode() != null) {
                return new Claim.NodesHold(row.liveNode(), row.nowMs());
            }
            if (!row.holder().nodeId().isEmpty() && !row.holder().nodeId().equals(nodeId) && row.holder().expiresAtMs() > row.nowMs()) {
                return new Claim.Held(row.holder(), row.nowMs());
            }
            Grant grant = new Grant(nodeId, row.holder().token() + 1, row.nowMs() + leaseMs);
            writer.write(grant);
            return new Claim.Claimed(grant);
        });
    }

    /**
     * Extends {@code grant} to {@code leaseMs} from the database's now, if no other claim replaced
     * it meanwhile (an expired lease that nobody took is still ours: nobody acted on the store).
     *
     * @param grant   the holding to renew
     * @param leaseMs the new lease from the database's now, in ms, above 0
     * @return the renewal's outcome
     * @throws StoreException if the transaction failed; nothing changed
     */
    public Renewal renew(Grant grant, long leaseMs) {
        Objects.requireNonNull(grant, "grant");
        requireLease(leaseMs);
        return transaction(StoreTransaction.RENEW_LEASE, (row, writer) -> {
            if (!row.holder().nodeId().equals(grant.nodeId()) || row.holder().token() != grant.token()) {
                return new Renewal.Lost(row.holder(), row.nowMs());
            }
            Grant renewed = new Grant(grant.nodeId(), grant.token(), row.nowMs() + leaseMs);
            writer.write(renewed);
            return new Renewal.Renewed(renewed);
        });
    }

    /**
     * Gives the lease up, if {@code grant} still holds it, so that another engine may open the
     * store at once.
     *
     * @param grant the holding to give up
     * @return {@code false} if another claim had replaced it (nothing changed)
     * @throws StoreException if the transaction failed; nothing changed
     */
    public boolean release(Grant grant) {
        Objects.requireNonNull(grant, "grant");
        return transaction(StoreTransaction.RELEASE_LEASE, (row, writer) -> {
            if (!row.holder().nodeId().equals(grant.nodeId()) || row.holder().token() != grant.token()) {
                return false;
            }
            // The token stays: the next claim increments it, so a token is never issued twice.
            writer.write(new Grant("", grant.token(), 0));
            return true;
        });
    }

    /**
     * The lease row as it is now: for diagnostics and tests.
     *
     * @return the current holding; node id {@code ""} when free
     * @throws StoreException if the read failed
     */
    public Grant current() {
        return transaction(StoreTransaction.READ_LEASE, (row, writer) -> row.holder());
    }

    /** The lease row, the database's time, and a live node of a multi-node engine or null (read only by a claim). */
    private record Row(Grant holder, long nowMs, Grant liveNode) {}

    @FunctionalInterface
    private interface Writer {
        void write(Grant grant) throws SQLException;
    }

    /** What one lease transaction decides from the row it read, writing through {@code writer}. */
    @FunctionalInterface
    private interface Decision<T> {
        T decide(Row row, Writer writer) throws SQLException;
    }

    /** One lease transaction: the row read under the write lock, then {@code decision}, in a database or in memory alike. */
    private <T> T transaction(StoreTransaction kind, Decision<T> decision) {
        if (repository.memoryTables() != null) {
            return repository.memoryTransaction(kind, null,
                    tables -> decision.decide(new Row(tables.lease(), tables.nowMs(), memoryLiveNode(tables, kind)), tables::writeLease));
        }
        return repository.leaseTransaction(kind, session -> decision.decide(read(session, kind), grant -> write(session, grant)));
    }

    private Row read(Session session, StoreTransaction kind) throws SQLException {
        String select = LeaseTable.selectForUpdate(repository.tableNames(), repository.dialect(), repository.databaseNowMsSql());
        Grant holder;
        long nowMs;
        try (ResultSet row = session.prepare(select).executeQuery()) {
            if (!row.next()) {
                throw new SQLException("the " + repository.tableNames().engineLease() + " table has no row");
            }
            holder = new Grant(row.getString(1), row.getLong(2), row.getLong(3));
            nowMs = row.getLong(4);
        }
        if (kind != StoreTransaction.CLAIM_LEASE) {
            return new Row(holder, nowMs, null);
        }
        // Under the lease row's lock, which every node transaction takes first: a node cannot join between this read and the claim.
        PreparedStatement live = session.prepare(NodeTable.liveNodes(repository.tableNames()));
        live.setLong(1, nowMs);
        try (ResultSet row = live.executeQuery()) {
            return new Row(holder, nowMs, row.next() ? new Grant(row.getString(1), 0, row.getLong(2)) : null);
        }
    }

    private static Grant memoryLiveNode(MemoryTables tables, StoreTransaction kind) {
        if (kind != StoreTransaction.CLAIM_LEASE) {
            return null;
        }
        long nowMs = tables.nowMs();
        return tables.nodes().entrySet().stream().filter(node -> node.getValue() > nowMs).findFirst()
                .map(node -> new Grant(node.getKey(), 0, node.getValue())).orElse(null);
    }

    private void write(Session session, Grant grant) throws SQLException {
        PreparedStatement update = session.prepare(LeaseTable.write(repository.tableNames()));
        update.setString(1, grant.nodeId());
        update.setLong(2, grant.token());
        update.setLong(3, grant.expiresAtMs());
        if (update.executeUpdate() != 1) {
            throw new SQLException("the " + repository.tableNames().engineLease() + " row was not updated");
        }
    }

    private static void requireLease(long leaseMs) {
        if (leaseMs <= 0) {
            throw new IllegalArgumentException("leaseMs = " + leaseMs + " must be > 0");
        }
    }
}
