package dev.vigil.engine.operation;

import java.util.Objects;

/**
 * One check of one monitor (SPEC §1), immutable: a state change yields a new value.
 *
 * @param id          unique, never blank
 * @param monitorId   the monitor checked
 * @param initiatedAt monotonic ms when it was registered
 * @param deadlineAt  monotonic ms by which it leaves the registry (SPEC R7)
 * @param manual      whether checkNow requested it (SPEC R8)
 * @param state       ACTIVE or CANCELLED
 */
public record Operation(String id, String monitorId, long initiatedAt, long deadlineAt, boolean manual, OperationState state) {
    /**
     * Validates the operation.
     *
     * @throws IllegalArgumentException if the id is blank or the deadline precedes initiation
     */
    public Operation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(monitorId, "monitorId");
        Objects.requireNonNull(state, "state");
        if (id.isBlank()) {
            throw new IllegalArgumentException("operation id must not be blank");
        }
        if (deadlineAt < initiatedAt) {
            throw new IllegalArgumentException("deadlineAt = " + deadlineAt + " is before initiatedAt = " + initiatedAt);
        }
    }

    /**
     * Whether its result may still land.
     *
     * @return {@code true} when ACTIVE, {@code false} when CANCELLED
     */
    public boolean isActive() {
        return state == OperationState.ACTIVE;
    }

    Operation cancelled() {
        return new Operation(id, monitorId, initiatedAt, deadlineAt, manual, OperationState.CANCELLED);
    }
}
