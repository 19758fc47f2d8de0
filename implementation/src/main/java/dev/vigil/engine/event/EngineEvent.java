package dev.vigil.engine.event;

import dev.vigil.engine.MonitorStatus;

/**
 * Everything the engine tells its listeners. A closed set: switch over it exhaustively.
 * Events of one monitor arrive in the order their transactions committed (SPEC I6); nothing is
 * emitted for a discarded result or a failed transaction except {@link StoreFailed} and the
 * diagnostic {@link CheckDiscarded}.
 */
public sealed interface EngineEvent {

    /**
     * The monitor this event is about.
     *
     * @return its id, or empty for engine-wide events
     */
    String monitorId();

    /**
     * Monitoring began (SPEC R2).
     *
     * @param monitorId the monitor
     */
    record MonitoringStarted(String monitorId) implements EngineEvent {}

    /**
     * Monitoring ended (SPEC R3).
     *
     * @param monitorId the monitor
     */
    record MonitoringStopped(String monitorId) implements EngineEvent {}

    /**
     * A committed status transition.
     *
     * @param monitorId the monitor
     * @param previous  its status before
     * @param next      its status now, never equal to {@code previous}
     */
    record StatusChanged(String monitorId, MonitorStatus previous, MonitorStatus next) implements EngineEvent {
        /**
         * Validates the transition.
         *
         * @throws IllegalArgumentException if {@code previous == next}
         */
        public StatusChanged {
            if (previous == next) {
                throw new IllegalArgumentException("a status change needs two different statuses, got " + previous + " twice");
            }
        }
    }

    /**
     * A check result was applied: a history record was committed (SPEC R6).
     *
     * @param monitorId      the monitor
     * @param operationId    the check's operation
     * @param result         {@code UP} or {@code DOWN}
     * @param responseTimeMs how long the deciding attempt took
     * @param details        a short human-readable reason, as in {@code CheckRecord#details}
     * @param manual         whether {@code checkNow} asked for it
     */
    record CheckCompleted(String monitorId, String operationId, MonitorStatus result, long responseTimeMs, String details, boolean manual)
            implements EngineEvent {}

    /**
     * Diagnostic: a result was discarded and left no trace (SPEC R6). Not part of the compared contract.
     *
     * @param monitorId   the monitor
     * @param operationId the discarded check's operation
     * @param reason      why it was discarded
     */
    record CheckDiscarded(String monitorId, String operationId, String reason) implements EngineEvent {}

    /**
     * A store transaction failed; nothing of it was persisted (SPEC R12).
     *
     * @param monitorId   the monitor
     * @param transaction which transaction, as {@code docs/SEMANTICS.md} names it
     * @param message     the failure
     */
    record StoreFailed(String monitorId, String transaction, String message) implements EngineEvent {}

    /**
     * The enhanced checker could not be composed; the engine runs on the fallback checker.
     *
     * @param monitorId empty: this event is engine-wide
     * @param reason    why composing failed
     */
    record FallbackActivated(String monitorId, String reason) implements EngineEvent {}
}
