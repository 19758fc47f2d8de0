package dev.vigil.engine.probe;

import dev.vigil.engine.MonitorSettings;

/**
 * Checks one target once, blocking. Runs on a virtual thread; the engine enforces the attempt's
 * timeout and interrupts a probe it abandons, so a probe need not be exact about time, only
 * responsive to interruption. A target that is down is a {@link ProbeResult#down} result, not an
 * exception; an exception means the probe itself could not run, and counts as down too.
 */
@FunctionalInterface
public interface Probe {
    /**
     * Probes the target once.
     *
     * @param settings the monitor's settings: target, timeout, expected status, keyword
     * @return what the attempt found; a target that is down is a down result
     * @throws Exception if the probe itself could not run (counted as down)
     */
    ProbeResult probe(MonitorSettings settings) throws Exception;
}
