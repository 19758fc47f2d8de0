package dev.vigil.stress.variants;

import dev.vigil.engine.check.CheckerContext;
import dev.vigil.engine.check.CheckerFactory;
import dev.vigil.engine.check.EnhancedMonitorChecker;
import dev.vigil.engine.check.MonitorChecker;
import dev.vigil.engine.event.EngineEvent;
import dev.vigil.engine.event.EngineListener;
import dev.vigil.engine.operation.RetryPolicy;
import dev.vigil.engine.status.ApplyOutcome;
import dev.vigil.engine.status.MonitorStatusUpdateService;
import dev.vigil.engine.status.ResultApplier;
import java.util.Objects;

/**
 * NEGATIVE CONTROL, deliberately broken: the old event delivery, composed without changing the
 * engine. The production checker and applier ({@link MonitorStatusUpdateService}), except that
 * when a result is applied the user's callback receives its {@code CheckCompleted} at once, on the
 * thread that applied it, with the monitor's lane held: as the engine did when it published events
 * synchronously. A callback of monitor x that calls a command of monitor y then holds x's lane
 * while it waits for y's; y's callback calling x's command waits the other way round, and both
 * monitors hang for good. The engine delivers the same event later, on its event thread, holding
 * no lane; {@code LaneCallbackDeadlockTest} must keep showing the difference. Never use it for
 * anything else.
 */
public final class InLaneCallbacks implements CheckerFactory {
    private static final System.Logger LOG = System.getLogger(InLaneCallbacks.class.getName());

    private final EngineListener callback;

    /**
     * A composition that calls {@code callback} inside the lane.
     *
     * @param callback receives the {@code CheckCompleted} of every applied result, in the lane
     */
    public InLaneCallbacks(EngineListener callback) {
        this.callback = Objects.requireNonNull(callback, "callback");
    }

    @Override
    public MonitorChecker create(CheckerContext context) {
        MonitorStatusUpdateService production = new MonitorStatusUpdateService(context.registry(), context.monitors(),
                context.repository(), context.events(), context.runtime().clock());
        ResultApplier inLane = (operation, result) -> {
            ApplyOutcome outcome = production.apply(operation, result);
            if (outcome instanceof ApplyOutcome.Applied applied) {
                EngineEvent.CheckCompleted completed = new EngineEvent.CheckCompleted(operation.monitorId(), operation.id(),
                        applied.record().status(), applied.record().responseTimeMs(), applied.record().details(), operation.manual());
                try {
                    callback.onEvent(completed); // the bug: the lane is held here
                } catch (RuntimeException failure) {
                    // As the old publisher did: a failing listener is logged and skipped.
                    LOG.log(System.Logger.Level.WARNING, "in-lane callback threw on " + completed, failure);
                }
            }
            return outcome;
        };
        return new EnhancedMonitorChecker(context, inLane, RetryPolicy::deadlineDelayMs);
    }
}
