package dev.vigil.engine.check;

import dev.vigil.engine.event.EventPublisher;
import dev.vigil.engine.operation.MonitorOperationRegistry;
import dev.vigil.engine.runtime.EngineRuntime;
import dev.vigil.engine.status.MonitorTable;
import dev.vigil.engine.store.MonitorRepository;
import java.util.Objects;

/** The engine parts a {@link CheckerFactory} composes a checker from. */
public record CheckerContext(
        EngineRuntime runtime,
        MonitorRepository repository,
        MonitorTable monitors,
        EventPublisher events,
        MonitorLanes lanes,
        MonitorOperationRegistry registry) {
    public CheckerContext {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(monitors, "monitors");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(lanes, "lanes");
        Objects.requireNonNull(registry, "registry");
    }
}
