package dev.vigil.engine.spi;

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
    /**
     * Starts one probe attempt.
     *
     * @param key      which attempt of which operation
     * @param settings the monitor's settings to probe with
     * @return completes with the result; the engine cancels it to abandon the attempt
     */
    CompletableFuture<ProbeResult> start(AttemptKey key, MonitorSettings settings);
}
