package dev.vigil.engine.check;

import java.util.Optional;

/**
 * Runs the checks of every monitor: SPEC R4 (requests), R5 (attempts), R6 (results), R7
 * (deadlines). The monitor manager calls it with the monitor's lane held; it serializes its own
 * asynchronous callbacks on the same lanes.
 */
public interface MonitorChecker {
    /**
     * A check request (SPEC R4).
     *
     * @param monitorId the monitor
     * @param manual    whether it comes from checkNow (R8)
     */
    void requestCheck(String monitorId, boolean manual);

    /**
     * Cancels the monitor's live operations (start, stop, checkNow, update).
     *
     * @param monitorId the monitor
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
     * @param monitorId the removed monitor
     */
    void forgetMonitor(String monitorId);

    /**
     * The monitor's waiting request.
     *
     * @param monitorId the monitor
     * @return empty if none waits, else {@code true} for a manual one
     */
    Optional<Boolean> waitingRequest(String monitorId);

    /**
     * Whether the operation is still in the registry, ACTIVE or CANCELLED: a listed id that is not is stale (SPEC I4).
     *
     * @param operationId the operation
     * @return {@code true} if it is live
     */
    boolean isLive(String operationId);

    /**
     * Ticks skipped because an ACTIVE operation was still running (SPEC R4).
     *
     * @return the count since the checker was composed
     */
    long skippedTicks();

    /** Abandons every in-flight attempt and cancels every timer; later callbacks are ignored. */
    void shutdown();
}
