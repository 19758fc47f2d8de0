package dev.vigil.model;

/** The observable part of a history record (SPEC §5): operation number, time of applying, status. */
public record HistoryEntry(int operation, long atMs, Status status) {

    @Override
    public String toString() {
        return "op#" + operation + "@" + atMs + " " + status;
    }
}
