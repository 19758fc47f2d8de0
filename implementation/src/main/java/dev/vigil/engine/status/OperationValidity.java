package dev.vigil.engine.status;

/**
 * The checker's half of SPEC R6: whether an operation is still ACTIVE, that is, no cancel has
 * superseded it. The enhanced checker answers from its operation registry, the fallback from its
 * monitor's epoch; the {@link MonitorStatusUpdateService} asks it before anything else and
 * checks the monitor's half (exists, lists the operation, monitoring or manual) itself.
 */
@FunctionalInterface
public interface OperationValidity {
    /**
     * Whether {@code operationId} is an ACTIVE operation of {@code monitorId}.
     *
     * @param operationId the operation whose result is offered
     * @param monitorId   the monitor it belongs to
     * @return {@code true} only if it is live, of that monitor, and no cancel has superseded it
     */
    boolean isActive(String operationId, String monitorId);
}
