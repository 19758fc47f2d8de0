package dev.vigil.simulation.lockstep;

import dev.vigil.engine.spi.TimerKind;
import dev.vigil.model.ModelEvent;
import dev.vigil.simulation.runtime.SimulatedRuntime;
import dev.vigil.simulation.runtime.SimulatedTimer;
import java.util.function.ToIntFunction;

/**
 * The one mapping between the engine's timers and the model's timer events, in both directions:
 * which model event a pending engine timer stands for (when the engine's timer fires first), and
 * whether an engine timer is the one a model event names (when the model picks the event).
 * Timers are told apart by kind and key: a tick by its monitor, the others by their operation.
 */
final class TimerEvents {
    private final SimulatedRuntime.IdGenerator ids;
    /** The attempt an attempt timer belongs to: not on the timer, so it is asked of the runtime. */
    private final ToIntFunction<String> latestAttemptOf;

    TimerEvents(SimulatedRuntime.IdGenerator ids, ToIntFunction<String> latestAttemptOf) {
        this.ids = ids;
        this.latestAttemptOf = latestAttemptOf;
    }

    /** The model's name for an engine timer kind. */
    static dev.vigil.model.TimerKind modelKind(TimerKind kind) {
        return switch (kind) {
            case TICK -> dev.vigil.model.TimerKind.TICK;
            case ATTEMPT_TIMEOUT -> dev.vigil.model.TimerKind.ATTEMPT_TIMEOUT;
            case RETRY -> dev.vigil.model.TimerKind.RETRY;
            case DEADLINE -> dev.vigil.model.TimerKind.DEADLINE;
            case LEASE_RENEWAL -> throw noLease();
        };
    }

    /** The model event an engine timer stands for. */
    ModelEvent eventOf(SimulatedTimer timer) {
        return switch (timer.kind()) {
            case TICK -> new ModelEvent.Tick(timer.monitorId());
            case ATTEMPT_TIMEOUT -> new ModelEvent.AttemptTimedOut(operationOf(timer), latestAttemptOf.applyAsInt(timer.operationId()));
            case RETRY -> new ModelEvent.RetryDue(operationOf(timer));
            case DEADLINE -> new ModelEvent.Deadline(operationOf(timer));
            case LEASE_RENEWAL -> throw noLease();
        };
    }

    /** Whether {@code timer} is the engine's timer for the model's timer event {@code event}. */
    boolean isTimerOf(SimulatedTimer timer, ModelEvent event) {
        return switch (event) {
            case ModelEvent.Tick tick -> timer.kind() == TimerKind.TICK && timer.monitorId().equals(tick.monitorId());
            case ModelEvent.AttemptTimedOut timedOut -> timer.kind() == TimerKind.ATTEMPT_TIMEOUT && operationOf(timer) == timedOut.operation();
            case ModelEvent.RetryDue retry -> timer.kind() == TimerKind.RETRY && operationOf(timer) == retry.operation();
            case ModelEvent.Deadline deadline -> timer.kind() == TimerKind.DEADLINE && operationOf(timer) == deadline.operation();
            default -> throw new IllegalArgumentException(event.describe() + " is not a timer event");
        };
    }

    /** The operation number of a timer; a tick belongs to no operation (0). */
    int operationOf(SimulatedTimer timer) {
        return timer.operationId() == null ? 0 : ids.numberOf(timer.operationId());
    }

    /** The model has no nodes: the lockstep builds its engines with {@code singleWriterGuard(false)}, so none renews a lease. */
    private static IllegalStateException noLease() {
        return new IllegalStateException("a store lease renewal has no model event: the lockstep builds its engines"
                + " with singleWriterGuard(false)");
    }
}
