package dev.vigil.model;

/** A monitor's status (SPEC §1). A monitor that is not monitoring is always {@link #PAUSED} (I1). */
public enum Status {
    /** Monitoring, no result applied since the last start. */
    PENDING,
    /** The last applied result was UP. */
    UP,
    /** The last applied result was DOWN (a failed, thrown, timed-out or deadline-exceeded check). */
    DOWN,
    /** Not monitoring. */
    PAUSED
}
