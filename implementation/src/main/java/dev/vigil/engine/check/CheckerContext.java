package dev.vigil.engine.check;

import dev.vigil.engine.outbox.EventPublisher;
import dev.vigil.engine.lane.MonitorLanes;
import dev.vigil.engine.operation.MonitorOperationRegistry;
import dev.vigil.engine.spi.EngineRuntime;
import dev.vigil.engine.status.MonitorTable;
import dev.vigil.engine.store.MonitorRepository;
import java.util.Objects;

/**
 * The engine parts a {@link CheckerFactory} composes a checker from.
 *
 * @param runtime    the runtime seam: clock, timers, probes, operation ids
 * @param repository the store
 * @param monitors   the in-memory view of committed monitors
 * @param events     where events go
 * @param lanes      the per-monitor serialization the checker's callbacks run in
 * @param registry   the live operations
 * @param waiters    the {@code checkNow} callers waiting for a check's fate (SPEC R8)
 */
public record CheckerContext(
        EngineRuntime runtime,
        MonitorRepository repository,
        MonitorTable monitors,
        EventPublisher events,
        MonitorLanes lanes,
        MonitorOperationRegistry registry,
        CheckWaiters waiters) {
    /**
     * Checks that every part is present.
     *
     * @throws NullPointerException naming a missing part
     */
    public CheckerContext {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(monitors, "monitors");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(lanes, "lanes");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(waiters, "waiters");
    }
}
