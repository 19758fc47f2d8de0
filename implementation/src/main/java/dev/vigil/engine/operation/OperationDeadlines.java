package dev.vigil.engine.operation;

import dev.vigil.engine.spi.TimerHandle;
import dev.vigil.engine.spi.TimerKind;
import dev.vigil.engine.spi.TimerService;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Schedules and clears operation deadlines (SPEC R7) through the runtime seam. When a deadline
 * fires while its operation is still scheduled here, the handler given to {@link #schedule} decides
 * what R7 does; clearing is idempotent and a cleared deadline never fires.
 */
public final class OperationDeadlines {
    private final TimerService timers;
    private final ConcurrentHashMap<String, TimerHandle> deadlines = new ConcurrentHashMap<>();

    /**
     * No deadlines yet.
     *
     * @param timers where deadlines are scheduled
     */
    public OperationDeadlines(TimerService timers) {
        this.timers = Objects.requireNonNull(timers, "timers");
    }

    /**
     * Schedules {@code operation}'s deadline to fire at {@code operation.deadlineAt()}.
     *
     * @param operation the operation, not yet scheduled here
     * @param nowMs     the monotonic time now
     * @param onExpired runs when the deadline fires (on a timer thread; the caller serializes it)
     */
    public void schedule(Operation operation, long nowMs, Consumer<Operation> onExpired) {
        long delayMs = Math.max(0, operation.deadlineAt() - nowMs);
        TimerHandle handle = timers.schedule(TimerKind.DEADLINE, operation.monitorId(), operation.id(), delayMs, () -> {
            if (deadlines.remove(operation.id()) != null) {
                onExpired.accept(operation);
            }
        });
        TimerHandle previous = deadlines.put(operation.id(), handle);
        if (previous != null) {
            previous.cancel();
            throw new IllegalStateException("operation " + operation.id() + " already had a deadline scheduled");
        }
    }

    /**
     * Cancels an operation's deadline, if one is scheduled: clearing twice, or an operation that
     * never had one, does nothing.
     *
     * @param operationId the operation
     */
    public void clear(String operationId) {
        TimerHandle handle = deadlines.remove(operationId);
        if (handle != null) {
            handle.cancel();
        }
    }
}
