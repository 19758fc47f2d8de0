package dev.vigil.model;

import io.vavr.control.Option;
import java.util.Objects;
import java.util.Optional;

/**
 * What a step emits. The five kinds the simulator compares with the engine's events are
 * {@link #compared()}; {@link CheckDiscarded} is a diagnostic and {@link CommandFailed} is the
 * marker that the engine's command must have thrown.
 */
public sealed interface Observation {

    /** @return true if the simulator compares this observation with the engine's events (SEMANTICS) */
    default boolean compared() {
        return true;
    }

    /** @return a short description for traces and diffs */
    String describe();

    /** @return the monitor this observation is about; empty for a failed command and for the recovery on open */
    default Option<String> monitorTouched() {
        return switch (this) {
            case MonitoringStarted started -> Option.of(started.monitorId());
            case MonitoringStopped stopped -> Option.of(stopped.monitorId());
            case StatusChanged changed -> Option.of(changed.monitorId());
            case CheckCompleted completed -> Option.of(completed.monitorId());
            case StoreFailed failed -> Option.ofOptional(failed.monitorId());
            case CheckDiscarded discarded -> Option.of(discarded.monitorId());
            case CommandFailed failed -> Option.none();
            case CheckWait wait -> wait.point() == WaitPoint.CLOSED ? Option.none() : Option.of(wait.monitorId());
        };
    }

    /** R2. */
    record MonitoringStarted(String monitorId) implements Observation {
        /** Rejects nulls. */
        public MonitoringStarted {
            Objects.requireNonNull(monitorId, "monitorId");
        }

        @Override
        public String describe() {
            return "MonitoringStarted " + monitorId;
        }
    }

    /** R3. */
    record MonitoringStopped(String monitorId) implements Observation {
        /** Rejects nulls. */
        public MonitoringStopped {
            Objects.requireNonNull(monitorId, "monitorId");
        }

        @Override
        public String describe() {
            return "MonitoringStopped " + monitorId;
        }
    }

    /** A committed status transition (I6). */
    record StatusChanged(String monitorId, Status from, Status to) implements Observation {
        /** Rejects nulls. */
        public StatusChanged {
            Objects.requireNonNull(monitorId, "monitorId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public String describe() {
            return "StatusChanged " + monitorId + " " + from + "→" + to;
        }
    }

    /** An applied result (R6). */
    record CheckCompleted(String monitorId, int operation, Status status) implements Observation {
        /** Rejects nulls. */
        public CheckCompleted {
            Objects.requireNonNull(monitorId, "monitorId");
            Objects.requireNonNull(status, "status");
        }

        @Override
        public String describe() {
            return "CheckCompleted " + monitorId + " op#" + operation + " " + status;
        }
    }

    /**
     * A failed store transaction (R12).
     *
     * @param monitorId the monitor the transaction was about; empty for {@link Transaction#RECOVER}
     */
    record StoreFailed(Transaction transaction, Optional<String> monitorId) implements Observation {
        /** Rejects nulls. */
        public StoreFailed {
            Objects.requireNonNull(transaction, "transaction");
            Objects.requireNonNull(monitorId, "monitorId");
        }

        static StoreFailed of(Transaction transaction, Option<String> monitorId) {
            return new StoreFailed(transaction, monitorId.toJavaOptional());
        }

        @Override
        public String describe() {
            return "StoreFailed " + transaction + monitorId.map(id -> " " + id).orElse("");
        }
    }

    /** Diagnostic: an operation left the registry without its result being applied. Not compared. */
    record CheckDiscarded(String monitorId, int operation, String reason) implements Observation {
        /** Rejects nulls. */
        public CheckDiscarded {
            Objects.requireNonNull(monitorId, "monitorId");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean compared() {
            return false;
        }

        @Override
        public String describe() {
            return "CheckDiscarded " + monitorId + " op#" + operation + " (" + reason + ")";
        }
    }

    /**
     * Marker: the command failed (invalid settings, unknown monitor, duplicate id, store failure,
     * engine down, or open failed on restart); the engine's call must have thrown. Not compared as an event.
     */
    record CommandFailed(String reason) implements Observation {
        /** Rejects nulls. */
        public CommandFailed {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean compared() {
            return false;
        }

        @Override
        public String describe() {
            return "CommandFailed (" + reason + ")";
        }
    }

    /**
     * Where a {@code checkNow} caller's wait moves (SPEC R8), besides the fates every check has
     * ({@link CheckCompleted}, {@link CheckDiscarded}). Diagnostic, not compared as an event:
     * {@link AwaitedChecks} folds these, in order, into what each caller's stage must show.
     */
    enum WaitPoint {
        /** A checkNow was accepted: a new caller waits for the monitor's next check to begin. */
        REQUESTED,
        /** A check of the monitor began (or was issued and failed to begin): its waiters follow it. */
        BEGAN,
        /** The check's begin or apply transaction failed: its waiters fail with the store's failure. */
        FAILED,
        /** No fresh operation id could be issued (R18): waiters whose check had not begun fail. */
        NO_ID,
        /** Monitoring stopped while the request waited: waiters whose check had not begun fail. */
        DROPPED,
        /** The monitor was removed: all its waiters fail as for an unknown monitor. */
        REMOVED,
        /** The engine closed: every waiter still waiting fails. */
        CLOSED
    }

    /**
     * Diagnostic: a point of {@link WaitPoint} for a monitor (empty for CLOSED) and an operation
     * (0 unless BEGAN or FAILED). Not compared.
     */
    record CheckWait(WaitPoint point, String monitorId, int operation) implements Observation {
        /** Rejects nulls. */
        public CheckWait {
            Objects.requireNonNull(point, "point");
            Objects.requireNonNull(monitorId, "monitorId");
        }

        @Override
        public boolean compared() {
            return false;
        }

        @Override
        public String describe() {
            return "CheckWait " + point + (monitorId.isEmpty() ? "" : " " + monitorId) + (operation == 0 ? "" : " op#" + operation);
        }
    }
}
