package dev.vigil.model;

import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import java.util.Objects;

/**
 * What each {@code checkNow} caller's stage must show (SPEC R8), kept beside the model rather
 * than in its state: a caller waiting is not something a later event of the engine can observe,
 * so it takes no part in visited-state hashing or in the trace hash. Callers are numbered in
 * request order, from 1.
 *
 * <p>A caller waits for the first check of its monitor that begins after its request, and takes
 * that check's fate: applied (the record), discarded, or failed in the store. Monitoring stopped
 * before the check began, the monitor removed, the engine closed: each ends the wait with its
 * own failure. A crash ends nothing: the process is gone and the stage never completes. At most
 * {@link #WAITING_PER_MONITOR_MAX} callers of one monitor wait at once; one more fails at once.
 *
 * @param requested how many callers have been numbered so far
 * @param waits     each caller still tracked, by number
 */
public record AwaitedChecks(int requested, SortedMap<Integer, Wait> waits) {
    /** Callers of one monitor waiting at once at most, bound to a check or not (SPEC R8). */
    public static final int WAITING_PER_MONITOR_MAX = 1_000;

    /** The ways a wait ends without a record. */
    public enum Failure {
        /** The check ended unapplied, or monitoring stopped before it began. */
        DISCARDED,
        /** Its begin or apply transaction failed. */
        STORE,
        /** No fresh operation id could be issued for its check (R18). */
        NO_ID,
        /** The monitor was removed first. */
        UNKNOWN,
        /** The engine was closed first. */
        CLOSED,
        /** {@link #WAITING_PER_MONITOR_MAX} callers of the monitor were waiting already: it failed at once. */
        TOO_MANY_WAITING
    }

    /** Where one caller's wait is. */
    public sealed interface Wait {
        /** @return whether the stage must be complete once the events so far are delivered */
        default boolean ended() {
            return this instanceof Applied || this instanceof Failed;
        }
    }

    /** Waiting for a check of {@code monitorId} to begin. */
    public record Unbound(String monitorId) implements Wait {}

    /** Following operation {@code operation} of {@code monitorId}. */
    public record Bound(String monitorId, int operation) implements Wait {}

    /** Ended with the record of operation {@code operation}, of status {@code status}. */
    public record Applied(int operation, Status status) implements Wait {}

    /** Ended without a record. */
    public record Failed(Failure failure) implements Wait {}

    /** Will never end: the engine that held it crashed. */
    public record Orphaned() implements Wait {}

    /** Rejects nulls. */
    public AwaitedChecks {
        Objects.requireNonNull(waits, "waits");
    }

    /** @return no caller yet */
    public static AwaitedChecks none() {
        return new AwaitedChecks(0, TreeMap.empty());
    }

    /**
     * The waits after a step's observations, taken in the order the step made them.
     *
     * @param observations everything the step emitted, diagnostics included
     * @return the next waits
     */
    public AwaitedChecks after(Iterable<Observation> observations) {
        AwaitedChecks next = this;
        for (Observation observation : observations) {
            next = next.after(observation);
        }
        return next;
    }

    /** @return every wait of a crashed engine orphaned: nothing will complete it */
    public AwaitedChecks crashed() {
        return new AwaitedChecks(requested, waits.mapValues(wait -> wait.ended() ? wait : new Orphaned()));
    }

    /**
     * Stops tracking a caller, once its ended wait has been compared.
     *
     * @param caller the caller's number
     * @return the waits without it
     */
    public AwaitedChecks forget(int caller) {
        return new AwaitedChecks(requested, waits.remove(caller));
    }

    private AwaitedChecks after(Observation observation) {
        return switch (observation) {
            case Observation.CheckWait wait -> switch (wait.point()) {
                case REQUESTED -> new AwaitedChecks(requested + 1, waits.put(requested + 1, newWait(wait.monitorId())));
                case BEGAN -> replace(w -> w instanceof Unbound unbound && unbound.monitorId().equals(wait.monitorId())
                        ? new Bound(wait.monitorId(), wait.operation()) : w);
                case FAILED -> endOperation(wait.operation(), new Failed(Failure.STORE));
                case DROPPED -> replace(w -> w instanceof Unbound unbound && unbound.monitorId().equals(wait.monitorId())
                        ? new Failed(Failure.DISCARDED) : w);
                case NO_ID -> replace(w -> w instanceof Unbound unbound && unbound.monitorId().equals(wait.monitorId())
                        ? new Failed(Failure.NO_ID) : w);
                case REMOVED -> replace(w -> of(w, wait.monitorId()) ? new Failed(Failure.UNKNOWN) : w);
                case CLOSED -> replace(w -> w instanceof Unbound || w instanceof Bound ? new Failed(Failure.CLOSED) : w);
            };
            case Observation.CheckCompleted completed -> endOperation(completed.operation(), new Applied(completed.operation(), completed.status()));
            case Observation.CheckDiscarded discarded -> endOperation(discarded.operation(), new Failed(Failure.DISCARDED));
            default -> this;
        };
    }

    /** A new caller waits for the monitor's next check, unless as many as may wait already do. */
    private Wait newWait(String monitorId) {
        return waiting(monitorId) >= WAITING_PER_MONITOR_MAX ? new Failed(Failure.TOO_MANY_WAITING) : new Unbound(monitorId);
    }

    private int waiting(String monitorId) {
        return waits.values().count(wait -> of(wait, monitorId));
    }

    private static boolean of(Wait wait, String monitorId) {
        return wait instanceof Unbound unbound && unbound.monitorId().equals(monitorId)
                || wait instanceof Bound bound && bound.monitorId().equals(monitorId);
    }

    private AwaitedChecks endOperation(int operation, Wait end) {
        return replace(w -> w instanceof Bound bound && bound.operation() == operation ? end : w);
    }

    private AwaitedChecks replace(java.util.function.UnaryOperator<Wait> change) {
        return new AwaitedChecks(requested, waits.mapValues(change));
    }
}
