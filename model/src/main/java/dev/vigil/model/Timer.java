package dev.vigil.model;

/**
 * A pending timer (SEMANTICS' table). {@link #event()} is the event the simulator steps when it fires.
 *
 * @param operation the operation number; 0 for {@link TimerKind#TICK}
 * @param attempt   the attempt number for {@link TimerKind#ATTEMPT_TIMEOUT}, else 0
 */
public record Timer(TimerKind kind, String monitorId, int operation, int attempt, long dueAtMs) {

    /** @return the event that fires this timer */
    public ModelEvent event() {
        return switch (kind) {
            case TICK -> new ModelEvent.Tick(monitorId);
            case ATTEMPT_TIMEOUT -> new ModelEvent.AttemptTimedOut(operation, attempt);
            case RETRY -> new ModelEvent.RetryDue(operation);
            case DEADLINE -> new ModelEvent.Deadline(operation);
        };
    }

    /** @return the observable part (SPEC §5: kind, monitor, due time) */
    public TimerView view() {
        return new TimerView(kind, monitorId, dueAtMs);
    }
}
