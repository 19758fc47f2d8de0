package dev.vigil.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The observable part of one monitor (SPEC §5). Immutable copies; value equality.
 *
 * @param activeOperations     the persisted ids as operation numbers
 * @param lastCheckedAtMs      wall time of the last applied check, if any
 * @param responseTimeMs       the last applied check's response time, 0 if none
 * @param waitingRequestManual the waiting check request, if any: whether it is manual (R4)
 * @param history              oldest first (a focused comparison holds only the last few)
 */
public record MonitorView(
        String id,
        boolean monitoring,
        Status status,
        List<Integer> activeOperations,
        Optional<Long> lastCheckedAtMs,
        long responseTimeMs,
        Optional<Boolean> waitingRequestManual,
        List<HistoryEntry> history) {

    /** Copies the lists so a view never changes after it is built. */
    public MonitorView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        activeOperations = List.copyOf(activeOperations);
        Objects.requireNonNull(lastCheckedAtMs, "lastCheckedAtMs");
        Objects.requireNonNull(waitingRequestManual, "waitingRequestManual");
        history = List.copyOf(history);
    }
}
