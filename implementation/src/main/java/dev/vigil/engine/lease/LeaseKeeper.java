package dev.vigil.engine.lease;

import dev.vigil.engine.StoreException;
import dev.vigil.engine.spi.EngineRuntime;
import dev.vigil.engine.spi.TimerHandle;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.store.EngineLeases;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Holds one engine's store lease: claims it when the engine is built (refusing to build while
 * another engine's lease is valid), renews it every third of the lease on the runtime's timers,
 * answers {@link #mayAct} before every timer task of the engine, and releases it on close.
 *
 * <p>The lease is known valid, on this process's monotonic clock, until {@code leaseMs} after
 * the start of the last successful renewal: the database set the expiry to its own now plus
 * {@code leaseMs}, and its now was no earlier than that start. Past that point (a renewal that
 * came late, a process paused for longer than the lease) the keeper renews before it lets any
 * timer task act, and a renewal that finds another claim in the row stops the engine.
 *
 * <p>A store that fails (an error, not an answer) does not stop the engine: every write of the
 * engine fails with it, and a store that comes back answers the next renewal. Thread-safe.
 */
public final class LeaseKeeper implements StoreMembership {
    private static final System.Logger LOG = System.getLogger(LeaseKeeper.class.getName());

    /**
     * A lease lost.
     *
     * @param nodeId this engine's node id
     * @param holder the holding that replaced this engine's
     * @param nowMs  the database's time when the loss was found, ms since the epoch
     */
    public record Loss(String nodeId, EngineLeases.Grant holder, long nowMs) {
        /** Checks that the parts are present. */
        public Loss {
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(holder, "holder");
        }
    }

    private final EngineLeases leases;
    private final EngineRuntime runtime;
    private final long leaseMs;
    private final Consumer<Loss> onLoss;
    private final Consumer<StoreException> onRenewalFailure;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile EngineLeases.Grant grant;
    private volatile long validUntilMonoMs;
    private volatile boolean lost;
    private volatile boolean stopped;
    private TimerHandle renewal; // guarded by lock

    private LeaseKeeper(EngineLeases leases, EngineRuntime runtime, long leaseMs, EngineLeases.Grant grant, long validUntilMonoMs,
                        Consumer<Loss> onLoss, Consumer<StoreException> onRenewalFailure) {
        this.leases = leases;
        this.runtime = runtime;
        this.leaseMs = leaseMs;
        this.grant = grant;
        this.validUntilMonoMs = validUntilMonoMs;
        this.onLoss = onLoss;
        this.onRenewalFailure = onRenewalFailure;
    }

    /**
     * Claims the store's lease for {@code nodeId}, or refuses.
     *
     * @param leases           the store's lease transactions
     * @param runtime          the engine's runtime: its clock and its timers, for the renewals
     * @param nodeId           this engine's node id
     * @param leaseMs          the lease, in ms of the database's clock
     * @param store            names the store in the refusal, e.g. its file
     * @param onLoss           runs once, outside any lock, when a renewal finds the lease lost
     * @param onRenewalFailure runs when a renewal transaction failed (the lease is kept meanwhile)
     * @return the keeper, holding the lease; call {@link #start} once the engine is composed
     * @throws StoreException if another engine's lease is valid (the message says whose, until
     *                        when, and what to do), or the claim transaction failed
     */
    public static LeaseKeeper claim(EngineLeases leases, EngineRuntime runtime, String nodeId, long leaseMs, String store,
                                    Consumer<Loss> onLoss, Consumer<StoreException> onRenewalFailure) {
        long startedMs = runtime.clock().monotonicMs();
        return switch (leases.claim(nodeId, leaseMs)) {
            case EngineLeases.Claim.Held held -> throw new StoreException(refusal(nodeId, store, held), null);
            case EngineLeases.Claim.NodesHold nodes -> throw new StoreException("multi-node engines use the store " + store + ": node '"
                    + nodes.node().nodeId() + "' is alive until " + Instant.ofEpochMilli(nodes.node().expiresAtMs()) + " (database time, "
                    + (nodes.node().expiresAtMs() - nodes.nowMs()) + " ms from now), so this single-node engine (node '" + nodeId
                    + "') was not started and changed nothing. Build it with multiNode(true) to join them, or close them first.", null);
            case EngineLeases.Claim.Claimed claimed -> {
                LOG.log(System.Logger.Level.DEBUG, "node {0} claimed the store lease (token {1})", nodeId, claimed.grant().token());
                yield new LeaseKeeper(leases, runtime, leaseMs, claimed.grant(), startedMs + leaseMs, onLoss, onRenewalFailure);
            }
        };
    }

    /** The refusal's message: who holds the store, until when, and how to proceed. */
    static String refusal(String nodeId, String store, EngineLeases.Claim.Held held) {
        EngineLeases.Grant holder = held.holder();
        return "another engine holds the store " + store + ": node '" + holder.nodeId() + "' holds its lease until "
                + Instant.ofEpochMilli(holder.expiresAtMs()) + " (database time, " + (holder.expiresAtMs() - held.nowMs())
                + " ms from now), so this engine (node '" + nodeId + "') was not started and changed nothing."
                + " Close the other engine first; if it crashed, open again once its lease has expired."
                + " To run several engines on one store (multi-node), build every one of them with multiNode(true).";
    }

    /** Schedules the renewals; the lease counts from its claim. */
    public void start() {
        scheduleRenewalWhileHeld();
    }

    /**
     * Whether the engine may act now: the lease is known valid, or a renewal made now keeps it.
     * Called before every timer task of the engine; cheap while the lease is fresh.
     *
     * @return {@code false} once the lease is lost or the keeper stopped
     */
    public boolean mayAct() {
        if (lost || stopped) {
            return false;
        }
        if (runtime.clock().monotonicMs() < validUntilMonoMs) {
            return true;
        }
        renew(false);
        return !lost;
    }

    /**
     * This engine's node id.
     *
     * @return the id the lease is held under
     */
    @Override
    public String nodeId() {
        return grant.nodeId();
    }

    /**
     * The lease as last claimed or renewed.
     *
     * @return the holding
     */
    public EngineLeases.Grant grant() {
        return grant;
    }

    /**
     * Whether a renewal found the lease lost.
     *
     * @return {@code true} once lost
     */
    @Override
    public boolean lost() {
        return lost;
    }

    /**
     * Stops renewing and gives the lease back, unless it was lost, so that another engine may
     * open the store at once. Never throws: a release that fails leaves a lease that expires by
     * itself. Idempotent.
     */
    @Override
    public void release() {
        boolean wasHolding;
        lock.lock();
        try {
            wasHolding = !stopped && !lost;
            stopped = true;
            cancelRenewal();
        } finally {
            lock.unlock();
        }
        if (!wasHolding) {
            return;
        }
        try {
            if (!leases.release(grant)) {
                LOG.log(System.Logger.Level.WARNING, "node {0}: at close the store lease was no longer ours", grant.nodeId());
            }
        } catch (StoreException | IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "node " + grant.nodeId() + ": releasing the store lease failed; it expires by itself"
                    + " within " + leaseMs + " ms", e);
        }
    }

    private void scheduleRenewal() {
        // A third of the lease: two renewals may come late or fail before the lease is in doubt.
        renewal = runtime.timers().schedule(TimerKind.LEASE_RENEWAL, "", null, Math.max(1, leaseMs / 3), this::onRenewalDue);
    }

    private void cancelRenewal() {
        if (renewal != null) {
            renewal.cancel();
            renewal = null;
        }
    }

    private void onRenewalDue() {
        renew(true);
        scheduleRenewalWhileHeld();
    }

    /** The next renewal, unless the lease was released or lost meanwhile. */
    private void scheduleRenewalWhileHeld() {
        lock.lock();
        try {
            if (!stopped && !lost) {
                scheduleRenewal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Renews now; unless {@code always}, only if no other thread renewed while this one waited. */
    private void renew(boolean always) {
        Loss loss = null;
        lock.lock();
        try {
            if (stopped || lost) {
                return;
            }
            long startedMs = runtime.clock().monotonicMs();
            if (!always && startedMs < validUntilMonoMs) {
                return;
            }
            EngineLeases.Renewal outcome;
            try {
                outcome = leases.renew(grant, leaseMs);
            } catch (StoreException failure) {
                LOG.log(System.Logger.Level.WARNING, "node " + grant.nodeId() + ": renewing the store lease failed; the engine"
                        + " goes on and tries again", failure);
                onRenewalFailure.accept(failure);
                return;
            }
            switch (outcome) {
                case EngineLeases.Renewal.Renewed renewed -> {
                    grant = renewed.grant();
                    validUntilMonoMs = startedMs + leaseMs;
                }
                case EngineLeases.Renewal.Lost found -> {
                    lost = true;
                    cancelRenewal();
                    loss = new Loss(grant.nodeId(), found.holder(), found.nowMs());
                }
            }
        } finally {
            lock.unlock();
        }
        if (loss != null) {
            LOG.log(System.Logger.Level.ERROR, "node {0} lost the store lease to node ''{1}'' (until {2}, database time): it"
                    + " was paused or cut off longer than its lease of {3} ms; every tick and probe stops now",
                    loss.nodeId(), loss.holder().nodeId(), Instant.ofEpochMilli(loss.holder().expiresAtMs()), leaseMs);
            onLoss.accept(loss);
        }
    }
}
