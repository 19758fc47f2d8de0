package dev.vigil.model;

/** One check record of a monitor's append-only history (SPEC §1); {@code at} is the time of applying. */
record HistoryRecord(int operation, long atMs, Status status, long responseTimeMs, String details) {

    HistoryEntry view() {
        return new HistoryEntry(operation, atMs, status, responseTimeMs, details);
    }
}
