package dev.vigil.engine.spi;

/** What a timer is for (docs/SEMANTICS.md): the simulator maps each kind onto a model event. */
public enum TimerKind {
    /** The monitor's interval elapsed: a check request. */
    TICK,
    /** One probe attempt ran out of time. */
    ATTEMPT_TIMEOUT,
    /** A back-off between attempts elapsed. */
    RETRY,
    /** An operation's deadline (SPEC R7). */
    DEADLINE,
    /**
     * The engine's store lease is due for renewal (SPEC "Nodes", N2): engine-wide, its monitor id
     * is {@code ""}. No model event: the simulator's lockstep runs without the lease.
     */
    LEASE_RENEWAL
}
