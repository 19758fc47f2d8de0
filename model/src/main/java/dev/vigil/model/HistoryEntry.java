package dev.vigil.model;

import java.util.Objects;

/**
 * The observable part of a history record (SPEC §5): every field a user reads back — operation
 * number, time of applying (wall clock), status, response time and details.
 */
public record HistoryEntry(int operation, long atMs, Status status, long responseTimeMs, String details) {

    /** Rejects nulls. */
    public HistoryEntry {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(details, "details");
    }

    @Override
    public String toString() {
        return "op#" + operation + "@" + atMs + " " + status + " " + responseTimeMs + "ms '" + details + "'";
    }
}
