package dev.vigil.engine.node;

import dev.vigil.engine.EngineClock;
import dev.vigil.engine.spi.EngineRuntime;
import dev.vigil.engine.store.MonitorRepository;

/**
 * How a node's parts are composed around its {@link NodeKeeper} (SPEC §6, N4–N5): the runtime its
 * monitors' timers run on, the repository their transactions go through, and how long a renewed
 * lease is believed. The engine always uses {@link #CORRECT}; the simulation swaps one part to run
 * a known-buggy node and show that its invariants catch it. Internal: not exported.
 */
public interface NodeParts {
    /** The engine's composition: guarded timers, fenced writes, the lease measured from the renewal's start. */
    NodeParts CORRECT = new NodeParts() {
    };

    /**
     * The runtime the node's monitor parts see.
     *
     * @param keeper  the node
     * @param runtime the engine's runtime
     * @return by default the view whose monitor timers run only while the node holds the lease
     */
    default EngineRuntime runtime(NodeKeeper keeper, EngineRuntime runtime) {
        return keeper.guard(runtime);
    }

    /**
     * The repository the node's monitor parts write through.
     *
     * @param keeper     the node, which gives the fences
     * @param repository the engine's repository
     * @return by default the view whose begin, apply and unlist carry the node's fence
     */
    default MonitorRepository repository(NodeKeeper keeper, MonitorRepository repository) {
        return repository.fenced(keeper);
    }

    /**
     * How long a renewal's leases are believed.
     *
     * @return by default {@link LeaseHorizon#FROM_RENEWAL_START}
     */
    default LeaseHorizon horizon() {
        return LeaseHorizon.FROM_RENEWAL_START;
    }

    /**
     * Whether a claim counts as a new holding even when its token equals one the node held before.
     * A monitor removed and added again under its id starts its row over, token included, so the
     * token alone does not tell the new monitor from the old one.
     *
     * @return by default {@code true}: the node drops what it held of the old monitor and adopts the new one
     */
    default boolean claimIsNewHolding() {
        return true;
    }

    /**
     * Whether a command on this node first acts on what other nodes changed since its last poll
     * (SPEC §6, N6). Without it the command reads their change into memory as if it were its own,
     * and the poll that follows sees nothing to act on.
     *
     * @return by default {@code true}
     */
    default boolean commandsCatchUp() {
        return true;
    }

    /**
     * Whether the callers of a checkNow made on the owner fail as for an unknown monitor when the
     * owner's renewal finds that another node removed it (rather than as for a lease lost).
     *
     * @return by default {@code true}
     */
    default boolean removalFailsCallersAsUnknown() {
        return true;
    }

    /**
     * Whether the callers of a forwarded checkNow ask again once they waited longer than an owner
     * needs to learn of a request and check: the owner that counted it may have lost its lease
     * before its check was applied, and the next owner sees no new request.
     *
     * @return by default {@code true}
     */
    default boolean forwardedCallersAskAgain() {
        return true;
    }

    /**
     * Whether a node leaves the check requests it finds counted on a paused monitor whose row
     * something other than requests changed since the node last read it. It cannot tell whether
     * they came before a stop among those changes, which dropped them (R3), or after it: run, a
     * request made before the stop, or already answered, would check a monitor stopped since. A
     * caller still waiting asks again, and that request runs.
     *
     * @return by default {@code true}
     */
    default boolean stopLeavesRequestsBeforeIt() {
        return true;
    }

    /**
     * Whether a monitor read paused, that this node saw paused, and whose row other commands than
     * check requests changed since, has its live operations cancelled and its waiting request
     * dropped: a start and a stop may both have come between two reads, and the stop cancels
     * them (R3).
     *
     * @return by default {@code true}
     */
    default boolean pausedRowChangedCancels() {
        return true;
    }

    /** Until when, on the node's monotonic clock, a successful renewal's leases are believed. */
    @FunctionalInterface
    interface LeaseHorizon {
        /**
         * The lease's length from the start of the renewal on the node's monotonic clock: the
         * database set the expiry to its now plus the lease, and its now was no earlier. Neither
         * clock's reading is compared with the other's, so a skewed node clock does not matter.
         */
        LeaseHorizon FROM_RENEWAL_START = (startedMonoMs, databaseNowMs, leaseMs, clock) -> startedMonoMs + leaseMs;

        /**
         * The monotonic time until which the renewal's leases are believed.
         *
         * @param startedMonoMs the node's monotonic time when the renewal started
         * @param databaseNowMs the database's time of the renewal's transaction
         * @param leaseMs       the lease, in ms of the database's clock
         * @param clock         the node's clock
         * @return a monotonic time of {@code clock}
         */
        long validUntilMonoMs(long startedMonoMs, long databaseNowMs, long leaseMs, EngineClock clock);
    }
}
