package dev.vigil.simulation.lockstep;

import dev.vigil.model.EventReach;
import dev.vigil.model.ModelEvent;
import dev.vigil.model.ModelState;
import dev.vigil.model.Observation;
import dev.vigil.model.OperationState;
import dev.vigil.model.Step;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A run's timeline and its trace hash: one {@link TimelineEntry} per step (which operations
 * started and ended, and how; which statuses changed), and a SHA-256 over every entry's line and
 * the final model view. Two runs with the same hash took the same steps to the same end, so a
 * replay that hashes differently is non-deterministic.
 */
final class TraceRecorder {
    private final List<TimelineEntry> entries = new ArrayList<>();
    private final MessageDigest digest;

    TraceRecorder() {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The steps recorded so far, in order; the index the next one gets. */
    int size() {
        return entries.size();
    }

    /** The entries so far, read-only. */
    List<TimelineEntry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** Records step {@code index}: {@code event} took the model from {@code before} to {@code after} at {@code atMs}. */
    void record(int index, long atMs, String kind, String monitorId, ModelEvent event, ModelState before, ModelState after, Step step) {
        int operation = switch (event) {
            case ModelEvent.AttemptCompleted completed -> completed.operation();
            case ModelEvent.AttemptTimedOut timedOut -> timedOut.operation();
            case ModelEvent.RetryDue retry -> retry.operation();
            case ModelEvent.Deadline deadline -> deadline.operation();
            default -> 0;
        };
        ModelState.RegistryChanges changes = after.registryChangesSince(before);
        List<TimelineEntry.OperationMark> started = new ArrayList<>();
        List<TimelineEntry.OperationMark> ended = new ArrayList<>();
        List<TimelineEntry.StatusMark> statuses = new ArrayList<>();
        Set<Integer> applied = new HashSet<>();
        for (Observation observation : step.observations()) {
            if (observation instanceof Observation.CheckCompleted completed) {
                applied.add(completed.operation());
            } else if (observation instanceof Observation.StatusChanged changed) {
                statuses.add(new TimelineEntry.StatusMark(changed.monitorId(), changed.from().name(), changed.to().name()));
            }
        }
        for (int number : changes.started()) {
            started.add(new TimelineEntry.OperationMark(monitorOfOperation(after, number), number, ""));
        }
        changes.ended().forEach((number, state) -> {
            String end = applied.contains(number) ? "APPLIED"
                    : event instanceof ModelEvent.Deadline ? "DEADLINE"
                    : state == OperationState.CANCELLED ? "CANCELLED" : "DISCARDED";
            ended.add(new TimelineEntry.OperationMark(monitorOfOperation(before, number), number, end));
        });
        TimelineEntry entry = new TimelineEntry(index, atMs, monitorId, operation, kind, event.describe(), started, ended, statuses);
        entries.add(entry);
        digest.update((entry.line() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The trace hash: the entries so far and {@code finalModel}'s view. Call once, at the end:
     * it closes the digest.
     */
    String hash(ModelState finalModel) {
        digest.update(finalModel.view().toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The monitor of a live operation, or {@code ""} if it has none any more (timelines print it so). */
    private static String monitorOfOperation(ModelState state, int operation) {
        return state.monitorOfOperation(operation) instanceof EventReach.OneMonitor one ? one.monitorId() : "";
    }
}
