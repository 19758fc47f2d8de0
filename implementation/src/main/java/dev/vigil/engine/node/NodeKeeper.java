package dev.vigil.engine.node;

import dev.vigil.engine.StoreException;
import dev.vigil.engine.lease.LeaseGuardedRuntime;
import dev.vigil.engine.lease.LeaseKeeper;
import dev.vigil.engine.lease.StoreMembership;
import dev.vigil.engine.monitor.MonitorManager;
import dev.vigil.engine.monitor.MonitorOwnership;
import dev.vigil.engine.spi.EngineRuntime;
import dev.vigil.engine.spi.TimerHandle;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.store.Fence;
import dev.vigil.engine.store.NodeLeases;
import dev.vigil.engine.store.NodeWakeups;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One node of a multi-node engine (SPEC §6, N4–N7): its heartbeat and its monitor leases, renewed
 * together in ONE transaction every third of the lease; the claims that placement gives it, made
 * in that same transaction; what it learns there of the other nodes' commands; and whether it may
 * act on a monitor now.
 *
 * <p>A lease is believed, on this node's monotonic clock, until {@code leaseMs} after the start of
 * the last successful renewal (the database set the expiry to its own now plus the lease, and its
 * now was no earlier). Past that point the node renews before any timer task of a monitor runs; a
 * renewal that no longer finds a holding, or that fails while the lease is in doubt, makes the
 * node stop that monitor's ticks and probes at once. Every write it makes on a monitor carries its
 * fence ({@link #of}), and the store refuses it if the token is stale. Thread-safe.
 */
public final class NodeKeeper implements MonitorOwnership, Fence.Source, StoreMembership {
    private static final System.Logger LOG = System.getLogger(NodeKeeper.class.getName());
    /** How often a node reads its LISTEN connection (PostgreSQL): no round trip, so it can be often. */
    static final long WAKEUP_POLL_MS = 100;

    private final NodeLeases leases;
    private final EngineRuntime runtime;
    private final String nodeId;
    private final long leaseMs;
    private final NodeLeases.Placement placement;
    private final Consumer<LeaseKeeper.Loss> onLoss;
    private final Consumer<StoreException> onRenewalFailure;
    private final NodeWakeups wakeups;
    private final NodeParts.LeaseHorizon horizon;
    private final NodeParts parts;
    /** Held across a renewal's transaction and the callbacks it makes: one renewal's outcome is acted on at a time. */
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean earlyRenewalPending = new AtomicBoolean();
    /** Monitor → token of every lease this node holds; replaced whole, never changed in place. */
    private volatile Map<String, Long> held = Map.of();
    private volatile long validUntilMonoMs;
    private volatile boolean lost;
    private volatile boolean stopped;
    private volatile MonitorManager manager; // set by start
    // Guarded by lock:
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, Long> checkRequestsSeen = new HashMap<>();
    private NodeLeases.Renewal.Renewed pendingFirst;
    private TimerHandle renewal;
    private TimerHandle wakeupPoll;
    private long renewals;

    private NodeKeeper(NodeLeases leases, EngineRuntime runtime, String nodeId, long leaseMs, NodeLeases.Placement placement,
                       Consumer<LeaseKeeper.Loss> onLoss, Consumer<StoreException> onRenewalFailure, NodeWakeups wakeups,
                       NodeParts parts) {
        this.wakeups = wakeups;
        this.parts = parts;
        this.horizon = parts.horizon();
        this.leases = leases;
        this.runtime = runtime;
        this.nodeId = nodeId;
        this.leaseMs = leaseMs;
        this.placement = placement;
        this.onLoss = onLoss;
        this.onRenewalFailure = onRenewalFailure;
    }

    /**
     * Joins the store as node {@code nodeId}: its first renewal, in which it claims what placement
     * gives it. Nothing is scheduled and no monitor acted on before {@link #start}.
     *
     * @param leases           the store's node transactions
     * @param runtime          the engine's runtime: its clock and timers, for the renewals
     * @param nodeId           this node's id: unique among the live nodes
     * @param leaseMs          the lease, in ms of the database's clock
     * @param placement        which live node should own a claimable monitor
     * @param store            names the store in the refusal
     * @param onLoss           runs once, when a renewal finds a single-node engine holding the store
     * @param onRenewalFailure runs when a renewal transaction failed
     * @param wakeups          what tells this node that another committed a command; the keeper closes it
     * @return the keeper
     * @throws StoreException if a single-node engine holds the store (the message says whose, until
     *                        when, and what to do), or the transaction failed; nothing changed
     */
    public static NodeKeeper join(NodeLeases leases, EngineRuntime runtime, String nodeId, long leaseMs, NodeLeases.Placement placement,
                                  String store, Consumer<LeaseKeeper.Loss> onLoss, Consumer<StoreException> onRenewalFailure,
                                  NodeWakeups wakeups) {
        return join(leases, runtime, nodeId, leaseMs, placement, store, onLoss, onRenewalFailure, wakeups, NodeParts.CORRECT);
    }

    /**
     * {@link #join(NodeLeases, EngineRuntime, String, long, NodeLeases.Placement, String, Consumer, Consumer, NodeWakeups)} with
     * the node's parts composed as {@code parts} says; the engine passes {@link NodeParts#CORRECT}.
     *
     * @param leases           the store's node transactions
     * @param runtime          the engine's runtime
     * @param nodeId           this node's id
     * @param leaseMs          the lease, in ms of the database's clock
     * @param placement        which live node should own a claimable monitor
     * @param store            names the store in the refusal
     * @param onLoss           runs once, when a renewal finds a single-node engine holding the store
     * @param onRenewalFailure runs when a renewal transaction failed
     * @param wakeups          what tells this node that another committed a command
     * @param parts            how the node is composed: until when a renewal's leases are believed, how claims are read
     * @return the keeper
     * @throws StoreException as the other overload
     */
    public static NodeKeeper join(NodeLeases leases, EngineRuntime runtime, String nodeId, long leaseMs, NodeLeases.Placement placement,
                                  String store, Consumer<LeaseKeeper.Loss> onLoss, Consumer<StoreException> onRenewalFailure,
                                  NodeWakeups wakeups, NodeParts parts) {
        NodeKeeper keeper = new NodeKeeper(Objects.requireNonNull(leases, "leases"), Objects.requireNonNull(runtime, "runtime"),
                Objects.requireNonNull(nodeId, "nodeId"), leaseMs, Objects.requireNonNull(placement, "placement"),
                Objects.requireNonNull(onLoss, "onLoss"), Objects.requireNonNull(onRenewalFailure, "onRenewalFailure"),
                Objects.requireNonNull(wakeups, "wakeups"), Objects.requireNonNull(parts, "parts"));
        long startedMs = runtime.clock().monotonicMs();
        NodeLeases.Renewal first;
        try {
            first = leases.renew(nodeId, leaseMs, Map.of(), placement);
        } catch (RuntimeException failure) {
            wakeups.close();
            throw failure;
        }
        if (first instanceof NodeLeases.Renewal.SingleNodeStore) {
            wakeups.close();
        }
        switch (first) {
            case NodeLeases.Renewal.SingleNodeStore single -> throw new StoreException("a single-node engine holds the store " + store
                    + ": node '" + single.holder().nodeId() + "' holds its lease until " + Instant.ofEpochMilli(single.holder().expiresAtMs())
                    + " (database time, " + (single.holder().expiresAtMs() - single.nowMs()) + " ms from now), so this multi-node engine"
                    + " (node '" + nodeId + "') was not started and changed nothing. Build every engine on this store with"
                    + " multiNode(true), or close that one first.", null);
            case NodeLeases.Renewal.Renewed renewed -> {
                keeper.lock.lock();
                try {
                    keeper.pendingFirst = renewed;
                    keeper.held = renewed.held();
                    keeper.validUntilMonoMs = parts.horizon().validUntilMonoMs(startedMs, renewed.nowMs(), leaseMs, runtime.clock());
                    renewed.rows().values().forEach(row -> {
                        keeper.versions.put(row.monitorId(), row.version());
                        keeper.checkRequestsSeen.put(row.monitorId(), row.checkRequests());
                    });
                } finally {
                    keeper.lock.unlock();
                }
            }
        }
        return keeper;
    }

    /**
     * Starts acting: the monitors claimed when joining are adopted (ticked and checked at once),
     * and the renewals are scheduled.
     *
     * @param monitors the node's manager, whose view of the monitors was loaded after joining
     */
    public void start(MonitorManager monitors) {
        lock.lock();
        try {
            this.manager = Objects.requireNonNull(monitors, "monitors");
            if (pendingFirst != null) {
                pendingFirst.held().keySet().forEach(monitors::adopt);
                pendingFirst = null;
            }
            scheduleRenewal(renewalPeriodMs());
            scheduleWakeupPoll();
        } finally {
            lock.unlock();
        }
    }

    /** Reads the LISTEN connection every {@value #WAKEUP_POLL_MS} ms, and polls the store at once when a command was notified. */
    private void scheduleWakeupPoll() {
        if (wakeups.listening() && !stopped && !lost) {
            wakeupPoll = runtime.timers().schedule(TimerKind.LEASE_RENEWAL, "", null, WAKEUP_POLL_MS, () -> {
                if (wakeups.woken()) {
                    renew(true);
                }
                lock.lock();
                try {
                    scheduleWakeupPoll();
                } finally {
                    lock.unlock();
                }
            });
        }
    }

    /**
     * The view of {@code runtime} the node's parts run on: a monitor's timer task runs only while
     * this node holds the monitor's lease.
     *
     * @param runtime the engine's runtime
     * @return the guarded view
     */
    public EngineRuntime guard(EngineRuntime runtime) {
        return new LeaseGuardedRuntime(runtime, this::mayAct);
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public boolean owns(String monitorId) {
        return !lost && !stopped && held.containsKey(monitorId) && runtime.clock().monotonicMs() < validUntilMonoMs;
    }

    /** A command committed: renew soon, so that placement and the other nodes hear of it without waiting a period. */
    @Override
    public void committed(String monitorId) {
        if (stopped || lost || !earlyRenewalPending.compareAndSet(false, true)) {
            return;
        }
        runtime.timers().schedule(TimerKind.LEASE_RENEWAL, "", null, 0, () -> {
            earlyRenewalPending.set(false);
            renew(true);
        });
    }

    @Override
    public boolean commandsCatchUp() {
        return parts.commandsCatchUp();
    }

    @Override
    public Optional<Fence> of(String monitorId) {
        Long token = held.get(monitorId);
        return token == null ? Optional.empty() : Optional.of(new Fence(nodeId, token));
    }

    /**
     * Whether a timer task of {@code monitorId} may run now ({@code ""}: an engine-wide one): the
     * node holds its lease and believes it, renewing first if it is in doubt.
     *
     * @param monitorId the monitor, or {@code ""}
     * @return {@code false} once the node lost the monitor, the store, or stopped
     */
    boolean mayAct(String monitorId) {
        if (lost || stopped) {
            return false;
        }
        if (monitorId.isEmpty()) {
            return true;
        }
        if (!held.containsKey(monitorId)) {
            return false;
        }
        if (runtime.clock().monotonicMs() < validUntilMonoMs) {
            return true;
        }
        renew(false);
        return owns(monitorId);
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public boolean lost() {
        return lost;
    }

    /**
     * The monitors this node holds now, for diagnostics and tests.
     *
     * @return monitor → token
     */
    public Map<String, Long> holdings() {
        return held;
    }

    /**
     * How many renewal transactions this node made, for tests: one per period, whatever the number of monitors.
     *
     * @return the count since it joined, the joining not included
     */
    public long renewals() {
        lock.lock();
        try {
            return renewals;
        } finally {
            lock.unlock();
        }
    }

    /** Leaves the store: its leases are released so that other nodes take them over at once. */
    @Override
    public void release() {
        Map<String, Long> holdings;
        lock.lock();
        try {
            if (stopped) {
                return;
            }
            stopped = true;
            cancelRenewal();
            if (wakeupPoll != null) {
                wakeupPoll.cancel();
            }
            holdings = held;
            held = Map.of();
        } finally {
            lock.unlock();
        }
        wakeups.close();
        if (lost) {
            return;
        }
        try {
            leases.leave(nodeId, holdings);
        } catch (StoreException | IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "node " + nodeId + ": leaving the store failed; its leases expire by themselves within "
                    + leaseMs + " ms", e);
        }
    }

    private long renewalPeriodMs() {
        return renewalPeriodMs(leaseMs);
    }

    /**
     * How often a node renews a lease of {@code leaseMs}: a third of it, so that two renewals may
     * come late or fail before a lease is in doubt.
     *
     * @param leaseMs the lease, above 0
     * @return the period in ms, at least 1
     */
    public static long renewalPeriodMs(long leaseMs) {
        return Math.max(1, leaseMs / 3);
    }

    private void scheduleRenewal(long delayMs) {
        cancelRenewal();
        if (!stopped && !lost) {
            renewal = runtime.timers().schedule(TimerKind.LEASE_RENEWAL, "", null, delayMs, () -> renew(true));
        }
    }

    private void cancelRenewal() {
        if (renewal != null) {
            renewal.cancel();
            renewal = null;
        }
    }

    /** Renews now; unless {@code always}, only if the leases are still in doubt once the lock is ours. */
    private void renew(boolean always) {
        LeaseKeeper.Loss loss = null;
        lock.lock();
        try {
            if (stopped || lost || manager == null) {
                return;
            }
            long startedMs = runtime.clock().monotonicMs();
            if (!always && startedMs < validUntilMonoMs) {
                return;
            }
            NodeLeases.Renewal outcome;
            try {
                outcome = leases.renew(nodeId, leaseMs, Map.of(), placement);
            } catch (StoreException failure) {
                LOG.log(System.Logger.Level.WARNING, "node " + nodeId + ": renewing its leases failed; it tries again", failure);
                onRenewalFailure.accept(failure);
                if (startedMs >= validUntilMonoMs) {
                    // In doubt and unanswered: stop acting on every monitor, as if they were lost (N4).
                    lapse(held.keySet(), Set.of());
                    held = Map.of();
                }
                scheduleRenewal(renewalPeriodMs());
                return;
            }
            renewals++;
            switch (outcome) {
                case NodeLeases.Renewal.SingleNodeStore single -> {
                    lost = true;
                    cancelRenewal();
                    lapse(held.keySet(), Set.of());
                    held = Map.of();
                    loss = new LeaseKeeper.Loss(nodeId, single.holder(), single.nowMs());
                }
                case NodeLeases.Renewal.Renewed renewed -> {
                    apply(renewed, startedMs);
                    long nextMs = renewalPeriodMs();
                    if (renewed.otherExpiryMs().isPresent()) {
                        // Wake when another node's lease may be taken over, not a period later (N7's bound).
                        nextMs = Math.min(nextMs, Math.max(1, renewed.otherExpiryMs().getAsLong() - renewed.nowMs() + 1));
                    }
                    scheduleRenewal(nextMs);
                }
            }
        } finally {
            lock.unlock();
        }
        if (loss != null) {
            LOG.log(System.Logger.Level.ERROR, "node {0}: a single-node engine (node ''{1}'') took the store over; every tick and probe"
                    + " stops now", nodeId, loss.holder().nodeId());
            onLoss.accept(loss);
        }
    }

    /** Acts on one renewal's answer: monitors lost, claimed, changed by others, removed, asked to check. */
    private void apply(NodeLeases.Renewal.Renewed renewed, long startedMs) {
        MonitorManager monitors = manager;
        Map<String, Long> before = held;
        Map<String, Long> after = renewed.held();
        // A claim is a new holding even when its token equals the one held before: a monitor
        // removed and added again under its id (between two renewals) starts its token and its
        // change counter over, and what this node holds of the old one must not live on.
        Set<String> lostIds = new TreeSet<>();
        before.forEach((id, token) -> {
            if (!token.equals(after.get(id)) || (parts.claimIsNewHolding() && renewed.claimed().contains(id))) {
                lostIds.add(id);
            }
        });
        Set<String> gained = parts.claimIsNewHolding() ? new TreeSet<>(renewed.claimed()) : new TreeSet<>();
        after.forEach((id, token) -> {
            if (!token.equals(before.get(id))) {
                gained.add(id);
            }
        });
        Set<String> changed = new TreeSet<>();
        Set<String> pausedButChanged = new TreeSet<>();
        List<String> checkRequested = new ArrayList<>();
        for (NodeLeases.MonitorRow row : renewed.rows().values()) {
            Long version = versions.put(row.monitorId(), row.version());
            if (version == null || version != row.version()) {
                changed.add(row.monitorId());
            }
            Long seen = checkRequestsSeen.put(row.monitorId(), row.checkRequests());
            if (!row.monitoring() && version != null && version != row.version() && seen != null && !onlyRequestsSince(row, version, seen)) {
                pausedButChanged.add(row.monitorId());
            }
            if (seen != null && seen < row.checkRequests() && after.containsKey(row.monitorId())
                    && (row.monitoring() || onlyRequestsSince(row, version, seen) || !parts.stopLeavesRequestsBeforeIt())) {
                checkRequested.add(row.monitorId());
            }
        }
        for (String id : monitors.monitorIds()) {
            if (!renewed.rows().containsKey(id)) {
                changed.add(id);
            }
        }
        versions.keySet().retainAll(renewed.rows().keySet());
        checkRequestsSeen.keySet().retainAll(renewed.rows().keySet());
        // Lost first: nothing of a lost monitor acts once the new holdings are believed.
        Set<String> removed = new TreeSet<>(parts.removalFailsCallersAsUnknown() ? lostIds : Set.of());
        removed.removeAll(renewed.rows().keySet());
        lapse(lostIds, removed);
        held = after;
        validUntilMonoMs = horizon.validUntilMonoMs(startedMs, renewed.nowMs(), leaseMs, runtime.clock());
        gained.forEach(monitors::adopt);
        changed.removeAll(gained);
        changed.forEach(monitors::refresh);
        if (parts.pausedRowChangedCancels()) {
            pausedButChanged.removeAll(gained);
            pausedButChanged.forEach(monitors::pausedAndChangedElsewhere);
        }
        checkRequested.forEach(monitors::checkRequested);
        renewed.rows().values().forEach(row -> monitors.resultSeen(row.monitorId(), row.lastCheckedAtMs()));
        if (parts.forwardedCallersAskAgain()) {
            // An owner learns of a request within a renewal period, and a takeover takes a lease.
            monitors.askAgainIfOverdue(leaseMs + leaseMs / 3);
        }
    }

    /**
     * Whether nothing but forwarded requests changed the row since this node read it at
     * {@code versionRead} with {@code requestsRead} requests: every command bumps the version once,
     * a request too. On a paused monitor, requests run only then: a stop among other changes may
     * have come after them, and a stop drops the requests made before it (R3). A caller still
     * waiting asks again, and that request runs.
     */
    private static boolean onlyRequestsSince(NodeLeases.MonitorRow row, Long versionRead, long requestsRead) {
        return versionRead != null && row.version() - versionRead == row.checkRequests() - requestsRead;
    }

    /** Drops {@code monitorIds}; {@code removed} are those whose row is gone: another node removed them. */
    private void lapse(Set<String> monitorIds, Set<String> removed) {
        if (monitorIds.isEmpty()) {
            return;
        }
        Map<String, Long> remaining = new HashMap<>(held);
        remaining.keySet().removeAll(monitorIds);
        held = Map.copyOf(remaining);
        LOG.log(System.Logger.Level.INFO, "node {0} no longer holds {1}: their ticks and probes stop", nodeId, monitorIds);
        monitorIds.forEach(id -> manager.relinquish(id, removed.contains(id)));
    }
}
