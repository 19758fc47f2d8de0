package dev.vigil.engine.store;

import dev.vigil.engine.StoreException;
import dev.vigil.engine.StoreTransaction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The transactions of a multi-node store (SPEC §6, N4–N7): one node's heartbeat, the batch
 * renewal of all its monitor leases, its claims of new and orphaned monitors, and its leaving.
 * Each is ONE transaction that first locks the store-lease row (so that node transactions, and a
 * single-node engine's claim, take turns), reads the database's time there, and decides on what it
 * read under that lock alone. Every expiry is the database's time plus the lease: no node's clock
 * ever extends a lease.
 *
 * <p>A store held by a single-node engine (its store lease valid) refuses every node transaction;
 * {@link EngineLeases#claim} refuses a single-node engine while a node's heartbeat is valid.
 */
public final class NodeLeases {
    /** Node rows whose heartbeat expired this long ago are deleted: the table stays as small as the nodes that ran lately. */
    static final long FORGET_DEAD_AFTER_MS = 86_400_000L;

    /**
     * Monitors one renewal hands over at most, to the live node placement now gives them: a node
     * that joins gets its share over a few periods, and checks pause for one period per monitor
     * at most, never for all of a node's monitors at once.
     */
    public static final int HANDOVERS_PER_RENEWAL_MAX = 16;

    private final MonitorRepository repository;

    NodeLeases(MonitorRepository repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    /** Which live node should own a claimable monitor: the placement policy, a pure function. */
    @FunctionalInterface
    public interface Placement {
        /**
         * The node that should own {@code monitorId}.
         *
         * @param monitorId    the monitor to place
         * @param liveNodeIds  the nodes whose heartbeat is valid, in id order, never empty
         * @return one of {@code liveNodeIds}
         */
        String choose(String monitorId, List<String> liveNodeIds);
    }

    /**
     * A monitor's row as a renewal read it.
     *
     * @param monitorId       the monitor
     * @param monitoring      whether it is monitoring
     * @param owner           its lease's holder, {@code ""} if none
     * @param token           its lease's fencing token
     * @param expiresAtMs     its lease's expiry, database ms
     * @param version         its change counter
     * @param checkRequests   how many checkNow calls were forwarded to its owner
     * @param lastCheckedAtMs when a result was last applied, if ever
     */
    public record MonitorRow(String monitorId, boolean monitoring, String owner, long token, long expiresAtMs, long version,
                             long checkRequests, OptionalLong lastCheckedAtMs) {
        /** Checks that the parts are present. */
        public MonitorRow {
            Objects.requireNonNull(monitorId, "monitorId");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(lastCheckedAtMs, "lastCheckedAtMs");
        }

        /**
         * Whether a node may claim it at {@code nowMs}: no valid lease (SPEC N7). Paused monitors
         * are placed too, so that a checkNow made on any node always has an owner to run it.
         */
        boolean claimable(long nowMs) {
            return owner.isEmpty() || nowMs >= expiresAtMs;
        }
    }

    /** The answer to a renewal. */
    public sealed interface Renewal {
        /**
         * The node's heartbeat and leases were renewed, and its claims made.
         *
         * @param nowMs          the database's time of the transaction
         * @param held           every monitor this node holds a valid lease on now → its token
         * @param claimed        the monitors this transaction claimed for this node: new holdings, even
         *                       where the token equals one the node held before (a monitor removed and
         *                       added again starts its token over)
         * @param rows           every monitor's row after the transaction, by id
         * @param liveNodeIds    the nodes whose heartbeat is valid, this one included, in id order
         * @param otherExpiryMs  the earliest expiry of another node's lease, if any: when a
         *                       takeover may next become possible
         */
        record Renewed(long nowMs, Map<String, Long> held, Set<String> claimed, Map<String, MonitorRow> rows, List<String> liveNodeIds,
                       OptionalLong otherExpiryMs) implements Renewal {}

        /**
         * A single-node engine holds the store: nothing changed.
         *
         * @param holder that engine's store lease
         * @param nowMs  the database's time when it was read
         */
        record SingleNodeStore(EngineLeases.Grant holder, long nowMs) implements Renewal {}
    }

    /**
     * One renewal of {@code nodeId}, in one transaction: its heartbeat; the release of {@code
     * released}; every valid lease it holds extended to {@code leaseMs} from the database's now;
     * up to {@value #HANDOVERS_PER_RENEWAL_MAX} of its monitors that {@code placement} now gives
     * to another live node released for that node to claim; then every claimable monitor that
     * {@code placement} gives to this node among the live ones claimed with the next token. A
     * node's first renewal is its joining.
     *
     * @param nodeId    this node
     * @param leaseMs   the lease, in ms of the database's clock, above 0
     * @param released  holdings this node gives back (monitor → token): monitors it no longer checks
     * @param placement which node should own a claimable monitor
     * @return the outcome
     * @throws StoreException if the transaction failed; nothing changed
     */
    public Renewal renew(String nodeId, long leaseMs, Map<String, Long> released, Placement placement) {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(released, "released");
        Objects.requireNonNull(placement, "placement");
        if (leaseMs <= 0) {
            throw new IllegalArgumentException("leaseMs = " + leaseMs + " must be > 0");
        }
        Map<String, Long> releasing = Map.copyOf(released);
        return transaction(StoreTransaction.RENEW_NODE_LEASES, rows -> {
            EngineLeases.Grant store = rows.storeLease();
            long nowMs = rows.nowMs();
            if (!store.nodeId().isEmpty() && store.expiresAtMs() > nowMs) {
                return new Renewal.SingleNodeStore(store, nowMs);
            }
            long expiresAtMs = nowMs + leaseMs;
            rows.heartbeat(nodeId, expiresAtMs);
            rows.forgetDead(nowMs - FORGET_DEAD_AFTER_MS);
            for (Map.Entry<String, Long> holding : new TreeMap<>(releasing).entrySet()) {
                rows.release(holding.getKey(), nodeId, holding.getValue());
            }
            rows.renewAll(nodeId, nowMs, expiresAtMs);
            List<String> live = rows.liveNodes(nowMs);
            Map<String, MonitorRow> after = new LinkedHashMap<>();
            Map<String, Long> held = new TreeMap<>();
            Set<String> claimed = new TreeSet<>();
            long otherExpiryMs = Long.MAX_VALUE;
            int handovers = 0;
            for (MonitorRow row : rows.monitors()) {
                MonitorRow now = row;
                boolean mine = row.owner().equals(nodeId) && row.expiresAtMs() > nowMs;
                if (mine && handovers < HANDOVERS_PER_RENEWAL_MAX && !placement.choose(row.monitorId(), live).equals(nodeId)) {
                    // Rebalancing: placement gives it to another live node (one joined since), which claims it at its next renewal.
                    rows.release(row.monitorId(), nodeId, row.token());
                    handovers++;
                    now = new MonitorRow(row.monitorId(), row.monitoring(), "", row.token(), 0, row.version(), row.checkRequests(),
                            row.lastCheckedAtMs());
                } else if (row.claimable(nowMs) && placement.choose(row.monitorId(), live).equals(nodeId)) {
                    rows.claim(row.monitorId(), nodeId, row.token(), expiresAtMs);
                    claimed.add(row.monitorId());
                    now = new MonitorRow(row.monitorId(), row.monitoring(), nodeId, row.token() + 1, expiresAtMs, row.version(), row.checkRequests(),
                            row.lastCheckedAtMs());
                }
                after.put(now.monitorId(), now);
                if (now.owner().equals(nodeId) && now.expiresAtMs() > nowMs) {
                    held.put(now.monitorId(), now.token());
                } else if (!now.owner().isEmpty() && now.expiresAtMs() > nowMs) {
                    otherExpiryMs = Math.min(otherExpiryMs, now.expiresAtMs());
                }
            }
            return new Renewal.Renewed(nowMs, Collections.unmodifiableMap(held), Collections.unmodifiableSet(claimed),
                    Collections.unmodifiableMap(after), List.copyOf(live),
                    otherExpiryMs == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(otherExpiryMs));
        });
    }

    /**
     * The node leaves: its holdings are released (so other nodes take them over at their next
     * renewal, not a lease later) and its heartbeat row is deleted. Holdings another claim
     * replaced meanwhile are left as they are.
     *
     * @param nodeId   this node
     * @param holdings what it holds (monitor → token)
     * @throws StoreException if the transaction failed; the leases then expire by themselves
     */
    public void leave(String nodeId, Map<String, Long> holdings) {
        Objects.requireNonNull(nodeId, "nodeId");
        Map<String, Long> releasing = new TreeMap<>(holdings);
        transaction(StoreTransaction.LEAVE_NODE, rows -> {
            rows.storeLease();
            for (Map.Entry<String, Long> holding : releasing.entrySet()) {
                rows.release(holding.getKey(), nodeId, holding.getValue());
            }
            rows.leave(nodeId);
            return null;
        });
    }

    /**
     * The live nodes and their heartbeat expiries, for diagnostics and tests.
     *
     * @return node id → expiry (database ms), in id order
     * @throws StoreException if the read failed
     */
    public Map<String, Long> liveNodes() {
        return transaction(StoreTransaction.READ_LEASE, rows -> {
            rows.storeLease();
            Map<String, Long> live = new TreeMap<>();
            long nowMs = rows.nowMs();
            for (String node : rows.liveNodes(nowMs)) {
                live.put(node, rows.nodeExpiry(node));
            }
            return live;
        });
    }

    /**
     * Every monitor's lease as stored, for diagnostics and tests.
     *
     * @return the rows, in id order
     * @throws StoreException if the read failed
     */
    public List<MonitorRow> rows() {
        return transaction(StoreTransaction.READ_LEASE, rows -> {
            rows.storeLease();
            return rows.monitors();
        });
    }

    /** The rows one node transaction reads and writes, in a database or in memory alike. */
    private interface Rows {
        /** Locks and reads the store-lease row, and the database's time with it. */
        EngineLeases.Grant storeLease() throws SQLException;

        long nowMs();

        void heartbeat(String nodeId, long expiresAtMs) throws SQLException;

        void forgetDead(long cutoffMs) throws SQLException;

        List<String> liveNodes(long nowMs) throws SQLException;

        long nodeExpiry(String nodeId) throws SQLException;

        void leave(String nodeId) throws SQLException;

        void release(String monitorId, String nodeId, long token) throws SQLException;

        void renewAll(String nodeId, long nowMs, long expiresAtMs) throws SQLException;

        List<MonitorRow> monitors() throws SQLException;

        void claim(String monitorId, String nodeId, long tokenRead, long expiresAtMs) throws SQLException;
    }

    @FunctionalInterface
    private interface Decision<T> {
        T decide(Rows rows) throws SQLException;
    }

    private <T> T transaction(StoreTransaction kind, Decision<T> decision) {
        MemoryTables memory = repository.memoryTables();
        if (memory != null) {
            return repository.memoryTransaction(kind, null, tables -> decision.decide(new MemoryRows(tables)));
        }
        return repository.leaseTransaction(kind, session -> decision.decide(new SqlRows(session)));
    }

    /** The rows in the in-memory tables. */
    private static final class MemoryRows implements Rows {
        private final MemoryTables tables;
        private long nowMs;

        MemoryRows(MemoryTables tables) {
            this.tables = tables;
        }

        @Override
        public EngineLeases.Grant storeLease() {
            nowMs = tables.nowMs();
            return tables.lease();
        }

        @Override
        public long nowMs() {
            return nowMs;
        }

        @Override
        public void heartbeat(String nodeId, long expiresAtMs) {
            tables.putNode(nodeId, expiresAtMs);
        }

        @Override
        public void forgetDead(long cutoffMs) {
            for (Map.Entry<String, Long> node : List.copyOf(tables.nodes().entrySet())) {
                if (node.getValue() < cutoffMs) {
                    tables.putNode(node.getKey(), null);
                }
            }
        }

        @Override
        public List<String> liveNodes(long now) {
            return tables.nodes().entrySet().stream().filter(node -> node.getValue() > now).map(Map.Entry::getKey).toList();
        }

        @Override
        public long nodeExpiry(String nodeId) {
            return tables.nodes().getOrDefault(nodeId, 0L);
        }

        @Override
        public void leave(String nodeId) {
            if (tables.nodes().containsKey(nodeId)) {
                tables.putNode(nodeId, null);
            }
        }

        @Override
        public void release(String monitorId, String nodeId, long token) {
            NodeTable.LeaseColumns lease = tables.leaseColumns(monitorId);
            if (tables.find(monitorId).isPresent() && lease.owner().equals(nodeId) && lease.token() == token) {
                tables.putLeaseColumns(monitorId, new NodeTable.LeaseColumns("", token, 0, lease.version(), lease.checkRequests()));
            }
        }

        @Override
        public void renewAll(String nodeId, long now, long expiresAtMs) {
            for (var monitor : tables.findAll()) {
                NodeTable.LeaseColumns lease = tables.leaseColumns(monitor.id());
                if (lease.owner().equals(nodeId) && lease.expiresAtMs() > now) {
                    tables.putLeaseColumns(monitor.id(), new NodeTable.LeaseColumns(nodeId, lease.token(), expiresAtMs, lease.version(),
                            lease.checkRequests()));
                }
            }
        }

        @Override
        public List<MonitorRow> monitors() {
            List<MonitorRow> rows = new ArrayList<>();
            for (var monitor : tables.findAll()) {
                NodeTable.LeaseColumns lease = tables.leaseColumns(monitor.id());
                rows.add(new MonitorRow(monitor.id(), monitor.monitoring(), lease.owner(), lease.token(), lease.expiresAtMs(), lease.version(),
                        lease.checkRequests(), monitor.lastCheckedAtMs()));
            }
            return rows;
        }

        @Override
        public void claim(String monitorId, String nodeId, long tokenRead, long expiresAtMs) {
            NodeTable.LeaseColumns lease = tables.leaseColumns(monitorId);
            if (lease.token() != tokenRead) {
                return;
            }
            tables.putLeaseColumns(monitorId, new NodeTable.LeaseColumns(nodeId, tokenRead + 1, expiresAtMs, lease.version(),
                    lease.checkRequests()));
            tables.setActiveOperations(monitorId, List.of());
        }
    }

    /** The rows in a database, through one session's statements. */
    private final class SqlRows implements Rows {
        private final Session session;
        private final TableNames names;
        private long nowMs;

        SqlRows(Session session) {
            this.session = session;
            this.names = repository.tableNames();
        }

        @Override
        public EngineLeases.Grant storeLease() throws SQLException {
            String select = LeaseTable.selectForUpdate(names, repository.dialect(), repository.databaseNowMsSql());
            try (ResultSet row = session.prepare(select).executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("the " + names.engineLease() + " table has no row");
                }
                nowMs = row.getLong(4);
                return new EngineLeases.Grant(row.getString(1), row.getLong(2), row.getLong(3));
            }
        }

        @Override
        public long nowMs() {
            return nowMs;
        }

        @Override
        public void heartbeat(String nodeId, long expiresAtMs) throws SQLException {
            PreparedStatement upsert = session.prepare(NodeTable.heartbeat(names));
            upsert.setString(1, nodeId);
            upsert.setLong(2, expiresAtMs);
            upsert.executeUpdate();
        }

        @Override
        public void forgetDead(long cutoffMs) throws SQLException {
            PreparedStatement delete = session.prepare(NodeTable.forgetDead(names));
            delete.setLong(1, cutoffMs);
            delete.executeUpdate();
        }

        @Override
        public List<String> liveNodes(long now) throws SQLException {
            PreparedStatement select = session.prepare(NodeTable.liveNodes(names));
            select.setLong(1, now);
            List<String> live = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    live.add(rows.getString(1));
                }
            }
            return live;
        }

        @Override
        public long nodeExpiry(String nodeId) throws SQLException {
            PreparedStatement select = session.prepare("SELECT expires_at_ms FROM " + names.engineNodes() + " WHERE node_id = ?");
            select.setString(1, nodeId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }

        @Override
        public void leave(String nodeId) throws SQLException {
            PreparedStatement delete = session.prepare(NodeTable.leave(names));
            delete.setString(1, nodeId);
            delete.executeUpdate();
        }

        @Override
        public void release(String monitorId, String nodeId, long token) throws SQLException {
            PreparedStatement update = session.prepare(NodeTable.release(names));
            update.setString(1, monitorId);
            update.setString(2, nodeId);
            update.setLong(3, token);
            update.executeUpdate();
        }

        @Override
        public void renewAll(String nodeId, long now, long expiresAtMs) throws SQLException {
            PreparedStatement update = session.prepare(NodeTable.renewAll(names));
            update.setLong(1, expiresAtMs);
            update.setString(2, nodeId);
            update.setLong(3, now);
            update.executeUpdate();
        }

        @Override
        public List<MonitorRow> monitors() throws SQLException {
            List<MonitorRow> rows = new ArrayList<>();
            try (ResultSet row = session.prepare(NodeTable.selectLeases(names)).executeQuery()) {
                while (row.next()) {
                    long lastChecked = row.getLong(8);
                    OptionalLong lastCheckedAtMs = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(lastChecked);
                    rows.add(new MonitorRow(row.getString(1), row.getBoolean(2), row.getString(3), row.getLong(4), row.getLong(5),
                            row.getLong(6), row.getLong(7), lastCheckedAtMs));
                }
            }
            return rows;
        }

        @Override
        public void claim(String monitorId, String nodeId, long tokenRead, long expiresAtMs) throws SQLException {
            PreparedStatement update = session.prepare(NodeTable.claim(names));
            update.setString(1, nodeId);
            update.setLong(2, expiresAtMs);
            update.setString(3, monitorId);
            update.setLong(4, tokenRead);
            update.executeUpdate();
        }
    }
}
