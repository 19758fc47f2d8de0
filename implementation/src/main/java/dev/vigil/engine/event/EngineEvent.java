package dev.vigil.engine.event;

import dev.vigil.engine.MonitorStatus;
import dev.vigil.engine.Redaction;
import dev.vigil.engine.StoreTransaction;

/**
 * Everything the engine tells its listeners. A closed set: switch over it exhaustively.
 * Events of one monitor arrive in the order their transactions committed (SPEC I6); nothing is
 * emitted for a discarded result or a failed transaction except {@link StoreFailed} and the
 * diagnostic {@link CheckDiscarded}.
 */
public sealed interface EngineEvent {

    /**
     * The monitor this event is about, or empty for engine-wide events.
     *
     * @return a monitor id, or {@code ""} for an event about the whole engine (a failed recovery,
     *         the fallback checker); never {@code null}
     */
    String monitorId();

    /**
     * Monitoring began (SPEC R2). Not emitted when a monitoring monitor resumes on open (R13).
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
     * A committed status transition; {@code previous != next}. In order, these are exactly the
     * transitions committed to the store (SPEC I6): start ({@code → PENDING}), stop
     * ({@code → PAUSED}) and an applied result ({@code → UP} or {@code → DOWN}).
     *
     * @param monitorId the monitor
     * @param previous  its status before the transaction
     * @param next      its status after it
     */
    record StatusChanged(String monitorId, MonitorStatus previous, MonitorStatus next) implements EngineEvent {
        /**
         * Checks that the status changes.
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
     * A check result was applied: a history record was committed (SPEC R6). Details are redacted like the record's.
     *
     * @param monitorId      the monitor
     * @param operationId    the operation whose result it was, the record's {@code operationId}
     * @param result         {@link MonitorStatus#UP} or {@link MonitorStatus#DOWN}; the monitor's
     *                       status too, unless it is paused (a manual check, SPEC R8)
     * @param responseTimeMs how long the deciding attempt took, in ms
     * @param details        the record's short human-readable reason ("HTTP 200", "timed out after
     *                       5000 ms")
     * @param manual         whether checkNow requested the check (SPEC R8)
     */
    record CheckCompleted(String monitorId, String operationId, MonitorStatus result, long responseTimeMs, String details, boolean manual)
            implements EngineEvent {
        /** Redacts {@code details} ({@link Redaction}); {@code null} stays {@code null}. */
        public CheckCompleted {
            details = details == null ? null : Redaction.redact(details);
        }
    }

    /**
     * Diagnostic: a result was discarded and left no trace (SPEC R6). Not part of the compared contract.
     *
     * @param monitorId   the monitor
     * @param operationId the operation that left the registry without being applied
     * @param reason      why, for people: which condition of R6 failed, or that a cancelled
     *                    operation left between attempts or at its deadline
     */
    record CheckDiscarded(String monitorId, String operationId, String reason) implements EngineEvent {}

    /**
     * A store transaction failed; nothing of it was persisted (SPEC R12). The message is redacted ({@link Redaction}).
     *
     * @param monitorId   the monitor the transaction wrote, or {@code ""} for the recovery on open
     * @param transaction which one
     * @param message     the store's explanation
     */
    record StoreFailed(String monitorId, StoreTransaction transaction, String message) implements EngineEvent {
        /** Redacts {@code message} ({@link Redaction}); {@code null} stays {@code null}. */
        public StoreFailed {
            message = message == null ? null : Redaction.redact(message);
        }
    }

    /**
     * The enhanced checker could not be composed; the engine runs on the fallback checker.
     * Published while the engine is built, so only listeners given to the builder see it.
     *
     * @param monitorId always {@code ""}: it concerns the whole engine
     * @param reason    what failed while composing the enhanced checker
     */
    record FallbackActivated(String monitorId, String reason) implements EngineEvent {}

    /**
     * Engine-wide: at a renewal this engine found that another engine had claimed the store's
     * lease after its own expired (this process was paused or cut off longer than the lease), so
     * it stopped every tick and probe at once and refuses further commands, as after close
     * (SPEC "Nodes", N2).
     *
     * @param monitorId      always {@code ""}
     * @param nodeId         this engine's node id
     * @param holderNodeId   the node that holds the lease now ({@code ""} if it was released since)
     * @param holderUntilMs  until when it holds it, in ms since the epoch on the database's clock
     */
    record StoreLeaseLost(String monitorId, String nodeId, String holderNodeId, long holderUntilMs) implements EngineEvent {}
}
