package dev.vigil.engine;

/** The status a monitor shows. {@code PAUSED} exactly when the monitor is not monitoring (SPEC I1). */
public enum MonitorStatus {
    /** Monitoring, no check applied since monitoring started. */
    PENDING,
    /** The last applied check succeeded. */
    UP,
    /** The last applied check failed. */
    DOWN,
    /** Not monitoring. */
    PAUSED
}
