package dev.vigil.simulation.runtime;

import dev.vigil.engine.MonitorSettings;
import dev.vigil.engine.probe.ProbeResult;
import dev.vigil.engine.spi.AttemptKey;
import java.util.concurrent.CompletableFuture;

/** A probe attempt the engine started and the simulator has not yet answered. */
public record PendingAttempt(AttemptKey key, MonitorSettings settings, long startedAtMs, long sequence, CompletableFuture<ProbeResult> future) {
    /** Whether the engine abandoned it (cancelled its future): a return now would be ignored. */
    public boolean abandoned() {
        return future.isCancelled();
    }
}
