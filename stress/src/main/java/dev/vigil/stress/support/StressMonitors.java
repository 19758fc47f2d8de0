package dev.vigil.stress.support;

import dev.vigil.engine.testing.ManualRuntime;
import dev.vigil.engine.assembly.EngineAssembly;
import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.event.EngineListener;
import dev.vigil.engine.store.MonitorRepository;

/** The one monitor shape every stress test uses, and how an engine for it is built. */
public final class StressMonitors {
    /** The shortest interval the engine allows; irrelevant here since ticks never fire unless fired by hand. */
    public static final long INTERVAL_MS = 1_000;

    /** One attempt (no retries), so one delivered result concludes an operation. */
    public static final MonitorSettings SETTINGS = MonitorSettings.http("http://target.invalid/health")
            .withIntervalMs(INTERVAL_MS)
            .withTimeoutMs(1_000)
            .withRetryAttempts(0);

    private StressMonitors() {
    }

    /** An engine on an in-memory SQLite store and {@code runtime}; the caller closes both. */
    public static VigilEngine engine(ManualRuntime runtime, MonitorRepository repository, EngineListener listener) {
        return EngineAssembly.builder(repository)
                .runtime(runtime)
                .intervalMsMin(INTERVAL_MS)
                .closeWaitMs(0)
                .listener(listener)
                .build();
    }
}
