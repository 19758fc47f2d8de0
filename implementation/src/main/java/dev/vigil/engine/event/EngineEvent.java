package dev.vigil.engine.event;

import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.Redaction;

/**
 * Everything the engine tells its listeners. A closed set: switch over it exhaustively.
 * Events of one monitor arrive in the order their transactions committed (SPEC I6); nothing is
 * emitted for a discarded result or a failed transaction except {@link StoreFailed} and the
 * diagnostic {@link CheckDiscarded}.
 */
public sealed interface EngineEvent {

    /** The monitor this event is about, or empty for engine-wide events. */
    String monitorId();

    /** Monitoring began (SPEC R2). */
    record MonitoringStarted(String monitorId) implements EngineEvent {}

    /** Monitoring ended (SPEC R3). */
    record MonitoringStopped(String monitorId) implements EngineEvent {}

    /** A committed status transition; {@code previous != next}. */
    record StatusChanged(String monitorId, MonitorStatus previous, MonitorStatus next) implements EngineEvent {
        public StatusChanged {
            if (previous == next) {
                throw new IllegalArgumentException("a status change needs two different statuses, got " + previous + " twice");
            }
        }
    }

    /** A check result was applied: a history record was committed (SPEC R6). Details are redacted like the record's. */
    record CheckCompleted(String monitorId, String operationId, MonitorStatus result, long responseTimeMs, String details, boolean manual)
            implements EngineEvent {
        public CheckCompleted {
            details = details == null ? null : Redaction.redact(details);
        }
    }

    /** Diagnostic: a result was discarded and left no trace (SPEC R6). Not part of the compared contract. */
    record CheckDiscarded(String monitorId, String operationId, String reason) implements EngineEvent {}

    /** A store transaction failed; nothing of it was persisted (SPEC R12). The message is redacted ({@link Redaction}). */
    record StoreFailed(String monitorId, String transaction, String message) implements EngineEvent {
        public StoreFailed {
            message = message == null ? null : Redaction.redact(message);
        }
    }

    /** The enhanced checker could not be composed; the engine runs on the fallback checker. */
    record FallbackActivated(String monitorId, String reason) implements EngineEvent {}
}
