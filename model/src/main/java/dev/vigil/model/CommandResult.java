package dev.vigil.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command returns to its caller, as a user sees it: the simulator compares the engine's
 * return values with these, command by command (a listener's commands included).
 */
public sealed interface CommandResult {

    /** A command that returns nothing (remove, checkNow) and succeeded. */
    record Done() implements CommandResult {
        @Override
        public String toString() {
            return "done";
        }
    }

    /** start and stop: whether monitoring changed ({@code false}: it already was so). */
    record Changed(boolean changed) implements CommandResult {
        @Override
        public String toString() {
            return changed ? "changed" : "unchanged";
        }
    }

    /** startAll and stopAll: how many monitors changed. */
    record Count(int count) implements CommandResult {
        @Override
        public String toString() {
            return "count " + count;
        }
    }

    /**
     * add and update: the monitor as the command left it, right after its transaction committed.
     *
     * @param activeOperations listed operation numbers
     * @param lastCheckedAtMs  wall time of the last applied check, if any
     * @param responseTimeMs   the last applied check's response time, 0 if none
     */
    record Snapshot(String monitorId, boolean monitoring, Status status, List<Integer> activeOperations, Optional<Long> lastCheckedAtMs,
            long responseTimeMs) implements CommandResult {
        /** Rejects nulls and copies the list. */
        public Snapshot {
            Objects.requireNonNull(monitorId, "monitorId");
            Objects.requireNonNull(status, "status");
            activeOperations = List.copyOf(activeOperations);
            Objects.requireNonNull(lastCheckedAtMs, "lastCheckedAtMs");
        }
    }

    /** The command threw; {@code kind} says which of the documented ways. */
    record Failed(Failure kind) implements CommandResult {
        /** Rejects nulls. */
        public Failed {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public String toString() {
            return "failed: " + kind;
        }
    }

    /** The documented ways a command fails. */
    enum Failure {
        /** Invalid settings or id, or a duplicate id: {@code InvalidSettingsException}. */
        INVALID,
        /** No such monitor: {@code UnknownMonitorException}. */
        UNKNOWN,
        /** The transaction failed: {@code StoreException}. */
        STORE,
        /** The engine was closed: {@code IllegalStateException}. */
        CLOSED,
        /** The engine is down (crashed); there is no engine to call. */
        DOWN
    }
}
