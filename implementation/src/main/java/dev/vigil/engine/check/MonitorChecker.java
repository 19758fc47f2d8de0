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
    /** A check request (SPEC R4); {@code manual} when it comes from checkNow (R8). */
    void requestCheck(String monitorId, boolean manual);

    /** Cancels the monitor's live operations (start, stop, checkNow, update). */
    void cancelOperations(String monitorId);

    /** Drops the monitor's waiting check request, if any (stop, SPEC R3). */
    void dropWaitingRequest(String monitorId);

    /** Forgets everything about a removed monitor: operations, timers, waiting request (SPEC R10). */
    void forgetMonitor(String monitorId);

    /** The monitor's waiting request: present with {@code true} for a manual one. */
    Optional<Boolean> waitingRequest(String monitorId);

    /** Whether the operation is still in the registry, ACTIVE or CANCELLED: a listed id that is not is stale (SPEC I4). */
    boolean isLive(String operationId);

    /**
     * Diagnostics: the live operations, ACTIVE or CANCELLED, ordered by monitor id then operation
     * id. A snapshot, not linearizable; the harness compares it with the model's registry.
     */
    List<Operation> liveOperations();

    /** Ticks skipped because an ACTIVE operation was still running (SPEC R4). */
    long skippedTicks();

    /** Abandons every in-flight attempt and cancels every timer; later callbacks are ignored. */
    void shutdown();
}
