package dev.vigil.engine.spi;

import dev.vigil.engine.event.EngineEvent;
import java.util.List;
import java.util.Optional;

/**
 * What a running engine holds beyond its monitors and their history, for the harness, stress
 * tests and metrics (see the package: not for applications). Every answer is a snapshot taken
 * when asked; none changes afterwards, and asking changes nothing in the engine.
 */
public interface EngineDiagnostics {
    /**
     * The live operations, ordered by monitor id then operation id.
     *
     * @return every operation still in the registry, active or cancelled (a cancelled one stays
     *         until its probe is back, SPEC R5)
     */
    List<LiveOperation> liveOperations();

    /**
     * A digest of {@link #liveOperations()}: the sum over them of {@link LiveOperation#digest} of
     * the runtime's {@link OperationIdSource#digestOf digest of its id} and whether it is
     * cancelled, so that a harness can tell whether the registry is what it expects without
     * listing it. The engine keeps the sum as its registry changes, so asking costs nothing per
     * operation.
     *
     * @return the sum (0 for an empty registry), wrapping on overflow
     */
    long liveOperationsDigest();

    /**
     * The monitor's waiting check request (SPEC R4), {@code true} when manual.
     *
     * @param monitorId the monitor
     * @return empty if no request waits; {@code true} if the waiting request came from checkNow,
     *         {@code false} if from a tick, start or update
     */
    Optional<Boolean> waitingRequest(String monitorId);

    /**
     * Ticks skipped because a check was still running (SPEC R4).
     *
     * @return how many, across all monitors, since the engine was built
     */
    long skippedTicks();

    /**
     * Events committed and not yet delivered to the listeners, oldest first (SPEC R14).
     *
     * @return a copy of the queue, empty when the listeners are caught up
     */
    List<EngineEvent> pendingEvents();

    /**
     * Monitors whose lane a thread holds or waits for. A lane exists only while it is in use and
     * is dropped when its last user leaves, so the engine keeps no lane per monitor ever seen.
     *
     * @return how many now: 0 whenever no command, timer task or probe callback is running
     */
    int lanesInUse();

    /**
     * Whether the monitor has an interval timer pending.
     *
     * @param monitorId the monitor
     * @return {@code true} while it is monitoring and the engine is open; {@code false} for a
     *         paused, removed or unknown monitor
     */
    boolean hasTick(String monitorId);

    /**
     * Events delivered to the listeners (SPEC R14); each counts once, however many listeners it
     * reached.
     *
     * @return how many since the engine was built
     */
    long deliveries();

    /**
     * How long the listeners took, every delivery together: a slow listener delays the events
     * after it (R14), never a command.
     *
     * @return nanoseconds on the runtime's monotonic clock since the engine was built (0 on a
     *         simulator's clock, which does not move while a listener runs)
     */
    long listenerTimeNs();

    /**
     * Events dropped because the listeners were {@code EventPublisher.PENDING_MAX} events behind.
     *
     * @return how many since the engine was built
     */
    long droppedEvents();
}
