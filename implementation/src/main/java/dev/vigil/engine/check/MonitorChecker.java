package dev.vigil.engine.check;

import dev.vigil.engine.operation.Operation;
import java.util.List;
import java.util.Optional;

/**
 * Runs the checks of every monitor: SPEC R4 (requests), R5 (attempts), R6 (results), R7
 * (deadlines). The monitor manager calls it with the monitor's lane held; it serializes its own
 * asynchronous callbacks on the same lanes.
 */
public interface MonitorChecker {
    /**
     * A check request (SPEC R4); {@code manual} when it comes from checkNow (R8). Starts an
     * operation if the monitor has none live; otherwise a request that is not manual is skipped
     * and counted while an ACTIVE one runs, and any other waits for the live one to leave (one
     * waiting request per monitor, the latest). Ignored for a removed monitor, for a paused one
     * unless manual, and after {@link #shutdown}.
     *
     * @param monitorId the monitor, whose lane the caller holds
     * @param manual    whether checkNow requested it: it may run on a paused monitor
     */
    void requestCheck(String monitorId, boolean manual);

    /**
     * Cancels the monitor's live operations (start, stop, checkNow, update). One whose probe is
     * out stays in the registry, CANCELLED, until the probe is back (SPEC R5); one between
     * attempts leaves at once.
     *
     * @param monitorId the monitor, whose lane the caller holds
     */
    void cancelOperations(String monitorId);

    /**
     * Drops the monitor's waiting check request, if any (stop, SPEC R3).
     *
     * @param monitorId the monitor
     */
    void dropWaitingRequest(String monitorId);

    /**
     * Forgets everything about a removed monitor: operations, timers, waiting request (SPEC R10).
     *
     * @param monitorId the removed monitor, whose lane the caller holds
     */
    void forgetMonitor(String monitorId);

    /**
     * The monitor's waiting request: present with {@code true} for a manual one.
     *
     * @param monitorId the monitor
     * @return empty if none waits; {@code true} for a manual one, {@code false} for any other
     */
    Optional<Boolean> waitingRequest(String monitorId);

    /**
     * Whether the operation is still in the registry, ACTIVE or CANCELLED: a listed id that is not is stale (SPEC I4).
     *
     * @param operationId the operation
     * @return {@code true} if it has not left the registry
     */
    boolean isLive(String operationId);

    /**
     * Diagnostics: the live operations, ACTIVE or CANCELLED, ordered by monitor id then operation
     * id. A snapshot, not linearizable; the harness compares it with the model's registry.
     *
     * @return the operations, possibly empty
     */
    List<Operation> liveOperations();

    /**
     * The sum of {@link dev.vigil.engine.spi.LiveOperation#digest} over {@link #liveOperations()}
     * (an operation is cancelled when it is not ACTIVE), each id digested by {@code ids}. This
     * default lists them; a checker that keeps the sum as its registry changes answers without
     * listing.
     *
     * @param ids the source the operations' ids came from, which digests them
     * @return the digest of the live operations
     */
    default long liveOperationsDigest(dev.vigil.engine.spi.OperationIdSource ids) {
        long sum = 0;
        for (Operation operation : liveOperations()) {
            sum += dev.vigil.engine.spi.LiveOperation.digest(ids.digestOf(operation.id()), !operation.isActive());
        }
        return sum;
    }

    /**
     * Ticks skipped because an ACTIVE operation was still running (SPEC R4).
     *
     * @return how many, across all monitors, since this checker was created
     */
    long skippedTicks();

    /** Abandons every in-flight attempt and cancels every timer; later callbacks are ignored. */
    void shutdown();
}
