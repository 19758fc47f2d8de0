package dev.vigil.engine.check;

import dev.vigil.engine.VigilEngine;
import dev.vigil.engine.assembly.EngineAssembly;
import dev.vigil.engine.store.MonitorRepository;
import dev.vigil.engine.testing.ManualRuntime;

/**
 * An engine on either checker, for the tests that hold both to one contract: the enhanced one, or
 * the fallback the factory composes when the enhanced services cannot be (as in production).
 */
final class BothCheckers {
    private BothCheckers() {
    }

    /**
     * A builder over {@code repository} on {@code runtime}, intervals from 1 s.
     *
     * @param fallback whether composing the enhanced checker fails, so that the engine falls back
     */
    static VigilEngine.Builder builder(MonitorRepository repository, ManualRuntime runtime, boolean fallback) {
        VigilEngine.Builder builder = EngineAssembly.builder(repository).runtime(runtime).intervalMsMin(1_000);
        if (fallback) {
            EngineAssembly.checkerFactory(builder, new EnhancedMonitoringServiceFactory(context -> {
                throw new IllegalStateException("registry unavailable");
            }));
        }
        return builder;
    }
}
