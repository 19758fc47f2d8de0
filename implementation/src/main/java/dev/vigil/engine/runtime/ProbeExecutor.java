package dev.vigil.engine.runtime;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.probe.ProbeResult;
import java.util.concurrent.CompletableFuture;

/**
 * Runs probe attempts asynchronously. The engine enforces each attempt's timeout itself and
 * cancels the returned future when it abandons an attempt; an executor should then stop the
 * probe's work if it can. The future completes with the probe's result, or exceptionally with
 * what the probe threw.
 */
public interface ProbeExecutor {
    CompletableFuture<ProbeResult> start(AttemptKey key, MonitorSettings settings);
}
